#!/usr/bin/env bash
# Runs the benchmarks and writes their results to a Markdown file.
# usage: tests/bench/run.sh BUILD_DIR OUTPUT.md
# Every figure is a median over several runs and is reported as a ratio to a
# baseline measured in the same run, because these machines are shared and
# absolute numbers drift.
set -euo pipefail
build=${1:-build}
out=${2:-docs/performance.md}
work=$(mktemp -d "${TMPDIR:-/tmp}/plenary-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

group_commit=$("$build/tests/bench_group_commit" --dir "$work" --rows 2000 --runs 5)
rush=$("$build/tests/bench_registration_rush" --dir "$work" --registrations 50000 --capacity 40000 --outstanding 1000 --runs 3)

{
  cat <<HEADER
# Performance

Written by \`make bench\` (\`tests/bench/run.sh\`); do not edit by hand.
Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo),
$(. /etc/os-release && echo "$PRETTY_NAME"), release build, the database on the same disk for every method.

## Group commit against one transaction per row

Command: \`$build/tests/bench_group_commit --dir DIR --rows 2000 --runs 5\`

Both methods insert the same rows with \`synchronous=FULL\` (every COMMIT is an
fsync). The baseline commits each row on its own; the store queues writes from
64 concurrent submitters and its writer thread commits whatever has queued up
as one transaction, each job in its own SAVEPOINT.

$group_commit

## Registration rush at the store

Command: \`$build/tests/bench_registration_rush --dir DIR --registrations 50000 --capacity 40000 --outstanding 1000 --runs 3\`

50,000 registrations with 1,000 in flight into an event with 40,000 places,
each through every registration rule (capacity tally, waiting list, ticket
code, hashed manage token, audit row, outbox message) in the group-committed
writer; the run fails unless exactly 40,000 end confirmed and 10,000
waitlisted. The baseline is the same number of one-row INSERTs through the same
writer, so the ratio is the cost of the rules. This is the store alone, without
HTTP and TLS; the end-to-end workload belongs to the performance issue.

$rush
HEADER
} > "$out"
echo "wrote $out"
