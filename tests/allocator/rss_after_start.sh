#!/usr/bin/env bash
# The release binary's allocator gives back what the first start's password
# hashing took (scrypt, 128 MiB at once): starts plenary on an empty database,
# which creates the first admin, waits until it listens and fails if it still
# holds more than LIMIT_KIB resident. With tcmalloc's default of keeping freed
# pages, it holds about 149 MB there; with them given back, about 20 MB.
#
# usage: tests/allocator/rss_after_start.sh PLENARY_BINARY
set -euo pipefail
bin=$1
limit_kib=65536
work=$(mktemp -d "${TMPDIR:-/tmp}/plenary-rss-XXXXXX")
pid=""
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# Port 0: the kernel picks a free one; the log says which.
"$bin" serve --db "$work/plenary.db" --listen 127.0.0.1:0 --access-log off >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  grep -q '"msg":"listening"' "$work/log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; echo "FAIL: plenary exited while starting" >&2; exit 1; }
  sleep 0.1
done
grep -q '"msg":"listening"' "$work/log" || { cat "$work/log" >&2; echo "FAIL: plenary did not listen within 10 s" >&2; exit 1; }
grep -q 'created the first admin' "$work/log" || { echo "FAIL: no first admin was created, so no password was hashed" >&2; exit 1; }
rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
echo "resident after start: $rss KiB (peak $hwm KiB, limit $limit_kib KiB)"
if ((rss > limit_kib)); then
  echo "FAIL: plenary holds $rss KiB after start; the password hash's memory was not given back" >&2
  exit 1
fi
