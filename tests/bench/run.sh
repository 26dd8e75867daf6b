#!/usr/bin/env bash
# Runs every benchmark and writes docs/performance.md (make bench).
# usage: tests/bench/run.sh BUILD_DIR OUTPUT.md
# Every figure is a median over several runs and is reported as a ratio to a
# baseline measured in the same run, because these machines are shared and
# absolute numbers drift. BENCH_RUNS (default 3) sets the runs of the
# end-to-end workloads; BENCH_QUICK=1 shrinks them to try the scripts.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-build}
out=${2:-docs/performance.md}
work=$(mktemp -d "${TMPDIR:-/tmp}/plenary-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

echo "bench: SQLite and group commit" >&2
group_commit=$("$build/tests/bench_group_commit" --dir "$work" --rows 2000 --runs 5)
echo "bench: registration rules at the store" >&2
rush=$("$build/tests/bench_registration_rush" --dir "$work" --registrations 50000 --capacity 40000 --outstanding 1000 --runs 3)
echo "bench: HTTP against nginx (wrk)" >&2
http=$("$here/http_bench.sh" "$build/server/plenary" "$work/http")
echo "bench: sale rush, check-ins, fan-out, scale (plenary_load)" >&2
live=$(BENCH_NGINX_RPS=$(cat "$work/http/nginx-rps") "$here/live_bench.sh" "$build" "$work/live")

{
  cat <<HEADER
# Performance

Written by \`make bench\` (\`tests/bench/run.sh\`, $(( ($(date +%s) - started) / 60 )) minutes); do not edit by hand.
Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),
$(. /etc/os-release && echo "$PRETTY_NAME"), release build, the database on the same disk for every method.
Servers and load generators share the machine's cores. Which targets are met,
what was changed and why the others are missed: the last section, kept by hand in
\`docs/performance-notes.md\`. How the benchmarks work: \`docs/benchmarks.md\`.

## SQLite's own limits: one row per transaction, batches, group commit

Command: \`$build/tests/bench_group_commit --dir DIR --rows 2000 --runs 5\`

All methods insert the same rows with \`synchronous=FULL\` (every COMMIT is an
fsync). (a) commits each row on its own; (c) commits fixed batches on one
connection; (b) is the store: 64 concurrent submitters, and its writer thread
commits whatever has queued up as one transaction, each job in its own SAVEPOINT.

$group_commit

## Registration rules at the store

Command: \`$build/tests/bench_registration_rush --dir DIR --registrations 50000 --capacity 40000 --outstanding 1000 --runs 3\`

50,000 registrations with 1,000 in flight into an event with 40,000 places,
each through every registration rule (capacity tally, waiting list, ticket
code, hashed manage token, audit row, outbox message) in the group-committed
writer, without HTTP; the run fails unless exactly 40,000 end confirmed and
10,000 waitlisted. The baseline is the same number of one-row INSERTs through
the same writer, so the ratio is the cost of the rules.

$rush

## HTTP against nginx (workloads 1 and 2)

$http

## Sale rush, kiosks, fan-out and scale (workloads 3 to 6)

$live

$(cat "$here/../../docs/performance-notes.md")
HEADER
} > "$out"
echo "wrote $out" >&2
