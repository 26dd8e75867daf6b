#!/usr/bin/env bash
# The release binary's allocator gives back what the first start's password
# hashing took (scrypt, 128 MiB at once): starts plenary on an empty database,
# which creates the first admin, and fails if once it answers it still holds
# more than 64 MiB resident. With tcmalloc's default of keeping freed pages it
# holds about 149 MB there; with them given back, about 20 MB.
# Uses the harness of tests/security (temp directory, free port, clean stop).
#
# usage: tests/allocator/rss_after_start.sh [BUILD_DIR]   (default: build)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/security/lib.sh
source "$here/../security/lib.sh"

sec_setup rss-after-start "${1:-build}"
sec_need curl curl
limit_kib=65536

sec_start_server server --access-log off
grep -q 'created the first admin' "$PLENARY_LOG" || sec_fail "no first admin was created, so no password was hashed"
rss=$(proc_status_kib "$PLENARY_PID" VmRSS)
hwm=$(proc_status_kib "$PLENARY_PID" VmHWM)
sec_stop_server
((rss <= limit_kib)) ||
  sec_fail "plenary holds $rss KiB after start (peak $hwm KiB); the password hash's memory was not given back"
sec_pass "resident after start: $rss KiB (peak $hwm KiB, limit $limit_kib KiB)"
