#!/usr/bin/env bash
# End-to-end benchmark of the workloads wrk can not drive (issue 7, workloads
# 3 to 6), with the project's own load client (tests/bench/load): the sale
# rush, kiosks beside live dashboards, fan-out to many wss connections, and
# the same measurements against a database of a million registrations.
# Prints a Markdown fragment on stdout, diagnostics on stderr; exits non-zero
# when a run fails its correctness checks (errors, oversell, lost messages).
#
# usage: tests/bench/live_bench.sh BUILD_DIR WORKDIR
# env:   BENCH_RUNS (3), BENCH_QUICK=1 (small sizes, for trying the script),
#        BENCH_PORT (18453), BENCH_NGINX_RPS (nginx's rate from http_bench.sh
#        in the same run, for the rush's ratio)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/bench/lib.sh
source "$here/lib.sh"
(($# == 2)) || { sed -n 's/^# usage: //p' "$0" >&2; exit 2; }
build=$(realpath "$1")
bin=$build/server/plenary
load=$build/tests/plenary_load
mkdir -p "$2"
work=$(cd "$2" && pwd)
: "${BENCH_RUNS:=3}" "${BENCH_PORT:=18453}" "${BENCH_QUICK:=}"
port=$BENCH_PORT runs=$BENCH_RUNS

if [[ -n $BENCH_QUICK ]]; then
  rush_total=5000 rush_places=4000 rush_conns=200 kiosks=50 dashboards=100 scan_seconds=5
  fan_conns=1000 fan_checkins=5 scale_events=10 scale_per_event=1000 stats_seconds=3
else
  rush_total=50000 rush_places=40000 rush_conns=1000 kiosks=200 dashboards=1000 scan_seconds=20
  fan_conns=10000 fan_checkins=20 scale_events=100 scale_per_event=10000 stats_seconds=10
fi
serve_args=(--threads 2 --registration-rate 1000000 --registration-burst 1000000 --max-connections 20000)

fail() {
  bench_log "live_bench: $*"
  exit 1
}

# fresh_server DIR [SERVE_ARGS...]: a new database and server; sets TOKEN.
fresh_server() {
  local dir=$1
  shift
  rm -rf "$dir"
  plenary_start "$bin" "$dir" "$port" "${serve_args[@]}" "$@" || fail "plenary did not start"
  TOKEN=$(plenary_organizer_token "$bin" "$PLENARY_DB") || fail "no organizer token"
}

sql() { sqlite3 -batch -noheader "$PLENARY_DB" "$1"; }
status_count() {
  sql "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id
       WHERE e.slug = '$1' AND r.status = '$2'"
}
field() { jq -r "$2" <<<"$1"; }

# registered_codes SLUG N FILE: N registrations into SLUG through the load
# client; their ticket codes go to FILE.
registered_codes() {
  local out
  out=$("$load" rush --port "$port" --slug "$1" --registrations "$2" --connections 100 --email-tag "$1" \
    --codes-out "$3") || fail "registering $2 people into $1 failed: $out"
}

# ---- 3: the sale rush -------------------------------------------------------
rush_rows=()
rush_seconds=()
rush_rates=()
for ((run = 1; run <= runs; run++)); do
  fresh_server "$work/rush"
  plenary_create_event "$TOKEN" rush "$rush_places" || fail "no rush event"
  out=$("$load" rush --port "$port" --slug rush --registrations "$rush_total" --connections "$rush_conns" \
    --email-tag "run$run") || fail "rush run $run: $out"
  confirmed=$(status_count rush confirmed) waitlisted=$(status_count rush waitlisted)
  plenary_stop || fail "plenary did not stop after the rush"
  ((confirmed == rush_places && waitlisted == rush_total - rush_places)) ||
    fail "rush run $run: $confirmed confirmed, $waitlisted waitlisted"
  rush_seconds+=("$(field "$out" .seconds)")
  rush_rates+=("$(field "$out" .per_second)")
  rush_rows+=("| $run | $(field "$out" '.connect_seconds * 100 | round / 100') | $(field "$out" '.seconds * 100 | round / 100') \
| $(field "$out" '.per_second | round') | $(field "$out" .latency.p50_ms) | $(field "$out" .latency.p99_ms) \
| $(field "$out" .latency.max_ms) | $confirmed | $waitlisted |")
done
rush_median=$(median "${rush_seconds[@]}")
rush_rate=$(median "${rush_rates[@]}")

# ---- 4 and 6: check-ins beside dashboards, empty and with a million rows ---
# The runs are in workload 6's loop below, in pairs.
# checkin_run LABEL SLUG [DASHBOARDS]: sets CHECKIN_ROW and CHECKIN_P99 (the
# server's p99). A disk probe flushes beside the run, on the database's file
# system, so that slow check-ins can be matched with slow flushes.
checkin_run() {
  local out server probe codes=$work/checkin-codes.txt
  plenary_create_event "$TOKEN" "$2" 20000 || fail "no $2 event"
  registered_codes "$2" "$((kiosks * scan_seconds * 2 + 100))" "$codes"
  disk_probe_start "$load" "$work/disk-probe.json" "$work/disk-stalls.txt"
  out=$("$load" checkins --port "$port" --slug "$2" --token "$TOKEN" --codes "$codes" --kiosks "$kiosks" \
    --interval-ms 500 --dashboards "${3:-$dashboards}" --seconds "$scan_seconds") || fail "check-ins ($1): $out"
  disk_probe_stop || fail "the disk probe failed"
  probe=$(<"$work/disk-probe.json")
  plenary_stop || fail "plenary did not stop after the check-ins"
  server=$("$load" access-log --file "$work/access.log" --method POST --route '/api/v1/events/{slug}/checkins' \
    --stalls "$work/disk-stalls.txt" --slow-ms 5 --window-ms 100)
  CHECKIN_P99=$(field "$server" .p99_ms)
  CHECKIN_ROW="| $1 | $(field "$out" .scans) | $(field "$out" '.scans_per_second | round') \
| $(field "$out" '.results | to_entries | map("\(.key) \(.value)") | join(", ")') \
| $(field "$server" .p50_ms) | $CHECKIN_P99 | $(field "$out" .client_latency.p99_ms) \
| $(field "$out" .dashboards_ready) | $(field "$out" .dashboard_messages) \
| $(field "$out" '.dashboard_bytes / 1e6 | round') \
| $(field "$probe" .flush_latency.p99_ms) | $(field "$probe" .flush_latency.max_ms) \
| $(field "$server" .slow) | $(field "$server" .slow_near_disk_stall) \
| $(field "$server" '.disk_stall_time_share * 100 | round') % |"
}

# ---- 5: fan-out to many wss connections ------------------------------------
fan_rows=()
fan_p99=()
fan_kib=()
floor_p99=()
for ((run = 1; run <= runs; run++)); do
  fresh_server "$work/fan" --access-log off
  plenary_create_event "$TOKEN" hall 20000 || fail "no fan-out event"
  registered_codes hall 200 "$work/fan-codes.txt"
  out=$("$load" fanout --port "$port" --slug hall --token "$TOKEN" --codes "$work/fan-codes.txt" \
    --server-pid "$PLENARY_PID" --connections "$fan_conns" --checkins "$fan_checkins" --spacing-ms 300) ||
    fail "fan-out run $run: $out"
  plenary_stop || fail "plenary did not stop after the fan-out"
  # The kernel's part alone: plain TCP, same connections and message size.
  floor=$("$load" fanout-floor --connections "$fan_conns" --rounds "$fan_checkins" --spacing-ms 300 \
    --bytes "$(field "$out" .message_bytes)") || fail "fan-out floor run $run: $floor"
  fan_p99+=("$(field "$out" .latency.p99_ms)")
  fan_kib+=("$(field "$out" .server_kib_per_idle_connection)")
  floor_p99+=("$(field "$floor" .latency.p99_ms)")
  fan_rows+=("| $run | $(field "$out" .ready) | $(field "$out" '.connect_seconds * 10 | round / 10') \
| $(field "$out" .server_rss_kib_before) | $(field "$out" .server_rss_kib_idle) \
| $(field "$out" '.server_kib_per_idle_connection * 10 | round / 10') | $(field "$out" .latency.count) \
| $(field "$out" .latency.p50_ms) | $(field "$out" .latency.p99_ms) | $(field "$out" .latency.max_ms) \
| $(field "$out" .message_bytes) | $(field "$floor" .latency.p50_ms) | $(field "$floor" .latency.p99_ms) |")
done

# ---- 6: a million registrations in a hundred events ------------------------
# The seeded rows bypass the API (a million through it would take minutes);
# they are what the API would have written: confirmed registrations with
# unique codes, a third of them checked in at the entrance.
seed_scale() {
  local dir=$work/scale-seed
  fresh_server "$dir"
  for ((e = 1; e <= scale_events; e++)); do
    plenary_create_event "$TOKEN" "$(printf 'scale-%03d' "$e")" "$scale_per_event" || fail "no scale event"
  done
  plenary_stop || fail "plenary did not stop after creating the scale events"
  sqlite3 -batch "$PLENARY_DB" <<SQL || fail "seeding failed"
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $((scale_events * scale_per_event)) - 1)
INSERT INTO registrations(event_id, status, name, email, email_key, country, language, ticket_code,
                          manage_token_hash, created_at, updated_at)
SELECT e.id, 'confirmed', 'Seeded ' || i, 'seed' || i || '@scale.example', 'seed' || i || '@scale.example',
       substr('CNUSDEBRKEINFRJPEGMX', 1 + 2 * (i % 10), 2), 'en', printf('SEED%024d', i), randomblob(32),
       '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM n JOIN events e ON e.slug = printf('scale-%03d', i % $scale_events + 1);
INSERT INTO checkins(event_id, registration_id, scope, direction, device_name, scanned_at, received_at)
SELECT event_id, id, 0, 'in', 'Seed door', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z'
FROM registrations WHERE id % 3 = 0 AND email LIKE 'seed%';
INSERT INTO attendance(registration_id, scope, event_id, first_checkin_id, first_at, first_device, inside)
SELECT registration_id, 0, event_id, id, scanned_at, device_name, 1 FROM checkins WHERE device_name = 'Seed door';
COMMIT;
SQL
  SCALE_ROWS=$(sql "SELECT count(*) FROM registrations")
  SCALE_TOKEN=$TOKEN
}

# measure_startup DIR: starts plenary on DIR's database and sets STARTUP to
# the seconds from exec to the first 200 from /healthz.
measure_startup() {
  local start end
  start=$(date +%s%N)
  "$bin" serve --db "$1/plenary.db" --listen "127.0.0.1:$port" "${serve_args[@]}" --access-log off \
    >"$1/startup.log" 2>&1 &
  PLENARY_PID=$! PLENARY_LOG=$1/startup.log PLENARY_URL=https://127.0.0.1:$port
  until curl -ksf -o /dev/null --max-time 1 "$PLENARY_URL/healthz"; do
    process_alive "$PLENARY_PID" || fail "plenary exited while starting on the scale database"
    sleep 0.01
  done
  end=$(date +%s%N)
  STARTUP=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
}

# stats_rate URL TOKEN SECONDS: wrk's requests/s for GET /stats of the door event.
stats_rate() {
  wrk -t2 -c50 -d"${3}s" -s "$here/wrk/stats.lua" "$1/api/v1/events/door/stats" -- "$2" |
    awk '/^Requests\/sec:/ { print $2 }'
}

# The empty database's server for workload 6's stats, up beside the large
# one's (on the next port) so the two can take turns.
EMPTY_PID="" EMPTY_URL="" EMPTY_TOKEN="" EMPTY_LOG=""
empty_stop() {
  [[ -n $EMPTY_PID ]] || return 0
  local pid=$EMPTY_PID
  EMPTY_PID=""
  stop_process "$pid" "plenary (empty database)" "$EMPTY_LOG"
}
trap 'empty_stop || true; bench_cleanup' EXIT

# stats_pair: workload 6's stats on both databases, as halves in the order
# empty, large, large, empty, so a drift of the machine within the run falls
# on both sides alike; each side's rate is the mean of its two halves.
stats_pair() {
  local half=$((stats_seconds / 2)) e1 s1 s2 e2
  e1=$(stats_rate "$EMPTY_URL" "$EMPTY_TOKEN" "$half")
  s1=$(stats_rate "$PLENARY_URL" "$TOKEN" "$half")
  s2=$(stats_rate "$PLENARY_URL" "$TOKEN" "$half")
  e2=$(stats_rate "$EMPTY_URL" "$EMPTY_TOKEN" "$half")
  stats_empty+=("$(awk -v a="$e1" -v b="$e2" 'BEGIN { printf "%.2f", (a + b) / 2 }')")
  stats_scale+=("$(awk -v a="$s1" -v b="$s2" 'BEGIN { printf "%.2f", (a + b) / 2 }')")
  bench_log "workload 6 stats halves: empty $e1, large $s1, large $s2, empty $e2 requests/s"
}

seed_started=$(date +%s)
seed_scale
seed_seconds=$(($(date +%s) - seed_started))
# Writing 400 MB leaves that much dirty in the page cache; the kernel writes
# it back some 30 s later, in the middle of whichever run comes then, where
# it slows every fsync the server makes. Flushed here, outside every run.
sync -f "$work/scale-seed/plenary.db"

# Workload 4 runs here too: each run measures the empty database and the
# large one back to back, so the machine's drift over the bench (a third of
# nginx's rate within an hour) falls on both sides of a ratio alike instead of
# on one; the empty side first in odd runs and the large one first in even
# runs. The stats pairs come after all check-ins: a check-in run right after
# one was slower in the bench (docs/performance.md, workload 6), so no
# check-in run follows one.
checkin_rows=()
checkin_empty=()
scale_rows=()
startups=()
stats_empty=()
stats_scale=()
checkin_scale=()
# scale_copy: a fresh copy of the seeded database, flushed to disk.
scale_copy() {
  rm -rf "$work/scale" && cp -r "$work/scale-seed" "$work/scale"
  sync -f "$work/scale/plenary.db"  # the copy's write-back too, as after seeding
}
checkin_on_empty() {
  rm -f "$work/access.log"
  fresh_server "$work/door" --access-log "$work/access.log"
  checkin_run "empty, run $run" door
  checkin_rows+=("$CHECKIN_ROW")
  checkin_empty+=("$CHECKIN_P99")
}
checkin_on_large() {
  scale_copy
  rm -f "$work/access.log"
  plenary_start "$bin" "$work/scale" "$port" "${serve_args[@]}" --access-log "$work/access.log" ||
    fail "plenary did not start on the scale database"
  TOKEN=$SCALE_TOKEN
  checkin_run "$SCALE_ROWS rows, run $run" gate
  scale_rows+=("$CHECKIN_ROW")
  checkin_scale+=("$CHECKIN_P99")
}
for ((run = 1; run <= runs; run++)); do
  if ((run % 2 == 1)); then
    checkin_on_empty
    checkin_on_large
  else
    checkin_on_large
    checkin_on_empty
  fi
done
# The same kiosks with nobody on the live feed: what the dashboards cost them.
rm -f "$work/access.log"
fresh_server "$work/door" --access-log "$work/access.log"
checkin_run "empty, no dashboards" door 0
checkin_alone_row=$CHECKIN_ROW
for ((run = 1; run <= runs; run++)); do
  rm -rf "$work/stats-empty"
  plenary_start "$bin" "$work/stats-empty" $((port + 1)) "${serve_args[@]}" --access-log off ||
    fail "plenary did not start on the empty database"
  EMPTY_PID=$PLENARY_PID EMPTY_URL=$PLENARY_URL EMPTY_LOG=$PLENARY_LOG PLENARY_PID=""
  EMPTY_TOKEN=$(plenary_organizer_token "$bin" "$work/stats-empty/plenary.db") || fail "no organizer token"
  plenary_create_event "$EMPTY_TOKEN" door 20000 || fail "no door event"

  scale_copy
  measure_startup "$work/scale"
  startups+=("$STARTUP")
  TOKEN=$SCALE_TOKEN
  plenary_create_event "$TOKEN" door 20000 || fail "no door event in the scale database"
  stats_pair
  empty_stop || fail "plenary did not stop on the empty database"
  plenary_stop || fail "plenary did not stop on the scale database"
done

# ---- report ----------------------------------------------------------------
# The columns of CHECKIN_ROW, for the tables of workloads 4 and 6.
checkin_header="| run | scans | scans/s | verdicts | server p50 ms | server p99 ms | client p99 ms | dashboards \
| messages to dashboards | MB to dashboards | disk flush p99 ms | disk flush max ms | check-ins > 5 ms | of them near a slow flush \
| run time near a slow flush |
|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
checkin_median=$(median "${checkin_empty[@]}")
checkin_scale_median=$(median "${checkin_scale[@]}")
fan_p99_median=$(median "${fan_p99[@]}")
fan_kib_median=$(median "${fan_kib[@]}")
floor_p99_median=$(median "${floor_p99[@]}")
stats_empty_median=$(median "${stats_empty[@]}")
stats_scale_median=$(median "${stats_scale[@]}")
startup_median=$(median "${startups[@]}")
load_cmd="${build#"$PWD"/}/tests/plenary_load"
load_cmd=${load_cmd#/}

cat <<REPORT
### Workload 3: sale rush

\`$load_cmd rush --slug rush --registrations $rush_total --connections $rush_conns\` against a fresh
server and database per run; the event has $rush_places places. All connections finish their TLS
handshake before the clock starts. After each run the database must hold exactly $rush_places
confirmed and $((rush_total - rush_places)) waitlisted, and every answer must be a 201.

| run | handshakes s | all answered s | registrations/s | p50 ms | p99 ms | max ms | confirmed | waitlisted |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${rush_rows[@]}")

Median: all answered in **$(printf '%.2f' "$rush_median") s** (target ≤ 10 s: $(verdict "$rush_median" "<=" 10)),
$(printf '%.0f' "$rush_rate") registrations/s$(
  [[ -n ${BENCH_NGINX_RPS:-} ]] && printf ', %s of the nginx baseline (%.0f requests/s)' \
    "$(ratio "$rush_rate" "$BENCH_NGINX_RPS")" "$BENCH_NGINX_RPS").

### Workload 4: check-in verdicts beside live dashboards

\`$load_cmd checkins --kiosks $kiosks --interval-ms 500 --dashboards $dashboards --seconds $scan_seconds\`:
$kiosks kiosks, each with its own kiosk token and connection, scan every 0.5 s from a random
offset while $dashboards organizer dashboards follow the event's live feed. Server latency is
the \`duration_ms\` of the check-in lines in plenary's access log
(\`$load_cmd access-log\`); client latency is measured by the kiosks. Each run here is
paired with the same run on the large database of workload 6, back to back, so that each pair
sees the same machine; the empty side goes first in odd runs and second in even ones.

Every check-in waits for its COMMIT, and so for the disk's flush. Beside each run,
\`$load_cmd disk-probe\` writes 8 KiB and \`fdatasync\`s it every 10 ms on the database's
file system, outside plenary. The last five columns are that probe's flush p99 and maximum;
the check-ins slower than 5 ms at the server; how many of those overlap one of the probe's
flushes slower than 5 ms, widened by 100 ms either side; and how much of the run those widened
slow flushes cover, which is the share of slow check-ins that would be near one by chance. The
last row is the same kiosks with no dashboards connected (not part of the median).

$checkin_header
$(printf '%s\n' "${checkin_rows[@]}")
$checkin_alone_row

Median server p99: **$checkin_median ms** (target ≤ 5 ms: $(verdict "$checkin_median" "<=" 5)).

### Workload 5: fan-out to $fan_conns wss connections

\`$load_cmd fanout --connections $fan_conns --checkins $fan_checkins --spacing-ms 300\`: the
dashboards connect (organizer token), sit idle for 2 s, and the server's resident memory is
read from /proc before and after. Then $fan_checkins check-ins, one at a time; for each,
every dashboard notes when the first newer stats message arrives. The clock starts before the
check-in request is sent, so it includes the request and its COMMIT (an upper bound on
commit-to-arrival). The load client runs on the same two cores as the server.

After each run, \`$load_cmd fanout-floor --connections $fan_conns --rounds $fan_checkins --spacing-ms 300\`
measures the kernel's part alone: the same number of plain TCP connections on loopback, a
message of the stats message's size written to each in turn by two threads and read by a
second process's two threads on epoll. No TLS, no WebSocket, no plenary: a floor under this
workload's latency on this machine.

| run | connected | connect s | RSS before KiB | RSS idle KiB | KiB per connection | arrivals | p50 ms | p99 ms | max ms | message bytes | floor p50 ms | floor p99 ms |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$(printf '%s\n' "${fan_rows[@]}")

Median p99 **$fan_p99_median ms** (target ≤ 50 ms: $(verdict "$fan_p99_median" "<=" 50)); the kernel
floor's median p99 is $floor_p99_median ms, so plenary takes $(ratio "$fan_p99_median" "$floor_p99_median") × the floor; median
**$fan_kib_median KiB** per idle connection (target ≤ 32 KiB: $(verdict "$fan_kib_median" "<=" 32)).

### Workload 6: $SCALE_ROWS registrations in $scale_events events

Seeded in $seed_seconds s with SQL (\`tests/bench/live_bench.sh\`, \`seed_scale\`): confirmed
registrations with unique codes, a third checked in at the entrance. Each run starts plenary on
a copy of that database, flushed to disk (\`sync\`) before anything is timed; "startup" runs from exec to the first 200 from \`/healthz\` (an event's live
counts are loaded on its first use, not at start). Workload 1 is
\`wrk -t2 -c50\` on \`GET /stats\`, ${stats_seconds} s a side in halves taken in turn by a server on
each database, both up: empty, large, large, empty. Both workloads are measured on the empty
database and on the large one back to back: first the check-in pairs, empty then large in
odd runs and large then empty in even runs, each large run on a fresh copy; then, for each
run, a fresh copy, its startup and the stats pair.

| measure | empty database | $SCALE_ROWS rows | ratio | target |
|---|---:|---:|---:|---|
| workload 1, GET /stats requests/s (median) | $stats_empty_median | $stats_scale_median | $(ratio "$stats_scale_median" "$stats_empty_median") | ≥ 0.90: $(verdict "$(ratio "$stats_scale_median" "$stats_empty_median")" ">=" 0.9) |
| workload 4, server p99 ms (median) | $checkin_median | $checkin_scale_median | $(ratio "$checkin_scale_median" "$checkin_median") | ≤ 1.10: $(verdict "$(ratio "$checkin_scale_median" "$checkin_median")" "<=" 1.1) |
| startup s (median of ${startups[*]}) | | $startup_median | | ≤ 2 s: $(verdict "$startup_median" "<=" 2) |

Workload 4 on the large database, per run:

$checkin_header
$(printf '%s\n' "${scale_rows[@]}")
REPORT
