#!/usr/bin/env bash
# End-to-end HTTP benchmark of plenary (issue 7): wrk over HTTPS keep-alive
# against plenary and, as the baseline, against nginx serving the same bytes.
# Prints a Markdown fragment for docs/performance.md on stdout, diagnostics on
# stderr, and exits non-zero when a server fails, a request errs or the
# database ends up inconsistent with what the clients saw.
#
# usage: tests/bench/http_bench.sh PLENARY_BIN WORKDIR
# env:   BENCH_SECONDS (10), BENCH_RUNS (3), BENCH_CONNECTIONS (50),
#        BENCH_CAPACITY (places per registration event, 500 per second of run),
#        BENCH_PORT (18443), BENCH_NGINX_PORT (18444)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/bench/lib.sh
source "$here/lib.sh"

if (($# != 2)); then
  sed -n '/^# usage:/,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0" >&2
  exit 2
fi
[[ -f $1 && -x $1 ]] || { bench_log "$1 is not an executable"; exit 2; }
bin=$(realpath "$1")
mkdir -p "$2"
work=$(cd "$2" && pwd)

require_positive_integers() {
  local setting
  for setting in "$@"; do
    if [[ ! ${!setting} =~ ^[1-9][0-9]*$ ]]; then
      bench_log "$setting must be a positive integer, not '${!setting}'"
      exit 2
    fi
  done
}
: "${BENCH_SECONDS:=10}" "${BENCH_RUNS:=3}" "${BENCH_CONNECTIONS:=50}"
: "${BENCH_PORT:=18443}" "${BENCH_NGINX_PORT:=18444}"
require_positive_integers BENCH_SECONDS BENCH_RUNS BENCH_CONNECTIONS BENCH_PORT BENCH_NGINX_PORT
# Small enough that every closed-loop run fills the event and waitlists the rest.
: "${BENCH_CAPACITY:=$((BENCH_SECONDS * 500))}"
require_positive_integers BENCH_CAPACITY
seconds=$BENCH_SECONDS runs=$BENCH_RUNS connections=$BENCH_CONNECTIONS
port=$BENCH_PORT nginx_port=$BENCH_NGINX_PORT capacity=$BENCH_CAPACITY

# plenary's I/O threads, nginx's workers and wrk's threads are kept equal.
threads=2
stats_path=/api/v1/events/bench/stats
# Targets of issue 7: throughput ratios to nginx, and the paced p99 latency.
stats_target=0.9
register_target=0.5
p99_target_ms=10
wrk_args=(-t"$threads" -c"$connections" -d"${seconds}s" --latency)
mkdir -p "$work/wrk"

failures=()
fail() {
  failures+=("$*")
  bench_log "FAILED: $*"
}

trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Command lines as shown in the report: no work dir, token or checkout path.
declare -A commands=()
shown() {
  local text=$1
  text=${text//"$work"/WORKDIR}
  text=${text//"$repo/"/}
  [[ -z ${token-} ]] || text=${text//"$token"/TOKEN}
  printf '%s' "${text% }"
}

# run_wrk WORKLOAD RUN EXPECTED_STATUS wrk-args...: stores wrk's summary line
# as $work/wrk/WORKLOAD-RUN.json and its full output beside it.
run_wrk() {
  local workload=$1 run=$2 expected=$3 out=$work/wrk/$1-$2
  shift 3
  local cmd=(wrk "${wrk_args[@]}" "$@")
  [[ -v commands[$workload] ]] || commands[$workload]=$(shown "$(printf '%q ' "${cmd[@]}")")
  if ! "${cmd[@]}" >"$out.txt" 2>&1 || ! grep -q '^@@bench {' "$out.txt"; then
    cat "$out.txt" >&2
    fail "$workload run $run: wrk failed or printed no result"
    echo '{}' >"$out.json"
    return
  fi
  sed -n 's/^@@bench //p' "$out.txt" >"$out.json"
  bench_log "$(jq -r --arg name "$workload run $run" \
    '"\($name): \(.rps | round) requests/s, p50 \(.latency_us.p50 / 1000) ms, p99 \(.latency_us.p99 / 1000) ms"' "$out.json")"
  check_responses "$workload-$run" "$expected"
}

# Every response must have the expected status and no socket may fail.
check_responses() {
  local problems
  problems=$(jq -r --arg ok "$2" '[
      (if .requests == 0 then "no responses at all" else empty end),
      (.errors | to_entries[] | select(.key != "status" and .value > 0) | "\(.value) socket \(.key) errors"),
      (if (.statuses | length) == 0 and .errors.status > 0 then "\(.errors.status) responses with status >= 400" else empty end),
      (.statuses | to_entries[] | select(.key != $ok) | "\(.value) responses with status \(.key)"),
      (.unexpected_sample // empty | "first: \(.)")
    ] | join("; ")' "$work/wrk/$1.json")
  if [[ -n $problems ]]; then
    fail "$1: $problems"
  fi
}

# Registration counts of event SLUG once in-flight writes have landed (wrk
# stops without waiting for its last requests): confirmed waitlisted other
# distinct-addresses total.
registration_counts() {
  local slug=$1 counts previous=""
  for _ in $(seq 25); do
    counts=$(sqlite3 -cmd '.timeout 5000' -separator ' ' "$PLENARY_DB" "
      SELECT count(*) FILTER (WHERE status = 'confirmed'),
             count(*) FILTER (WHERE status = 'waitlisted'),
             count(*) FILTER (WHERE status NOT IN ('confirmed', 'waitlisted')),
             count(DISTINCT email_key), count(*)
      FROM registrations WHERE event_id = (SELECT id FROM events WHERE slug = '$slug')")
    [[ $counts == "$previous" ]] && break
    previous=$counts
    sleep 0.2
  done
  printf '%s' "$counts"
}

# check_registrations WORKLOAD RUN SLUG [full]: compares the database with
# what wrk saw and adds the counts to the run's JSON; with "full", the event
# must also have run out of places, or the waiting list was never exercised.
check_registrations() {
  local name=$1-$2 slug=$3 must_fill=${4-} json=$work/wrk/$1-$2.json
  local confirmed waitlisted other distinct total created issued
  read -r confirmed waitlisted other distinct total <<<"$(registration_counts "$slug")" || true
  if [[ ! ${total-} =~ ^[0-9]+$ ]]; then
    fail "$name: could not count the registrations in $PLENARY_DB"
    return
  fi
  created=$(jq '.statuses["201"] // 0' "$json")
  issued=$(jq '.issued // 0' "$json")
  jq --argjson c "$confirmed" --argjson w "$waitlisted" --argjson t "$total" --argjson cap "$capacity" \
    '. + {db: {confirmed: $c, waitlisted: $w, total: $t, capacity: $cap}}' "$json" >"$json.tmp"
  mv "$json.tmp" "$json"
  bench_log "$name: $confirmed confirmed, $waitlisted waitlisted of $capacity places; wrk saw $created 201s and sent at most $issued"
  ((confirmed <= capacity)) || fail "$name: oversold, $confirmed confirmed for $capacity places"
  ((confirmed == (total < capacity ? total : capacity))) ||
    fail "$name: $confirmed confirmed although $total registered for $capacity places"
  ((other == 0)) || fail "$name: $other registrations neither confirmed nor waitlisted"
  ((distinct == total)) || fail "$name: $((total - distinct)) duplicate addresses"
  ((total >= created)) || fail "$name: wrk saw $created 201s but the database holds $total registrations"
  ((total <= issued)) || fail "$name: $total registrations but only $issued requests sent"
  if [[ -n $must_fill ]] && ((waitlisted == 0)); then
    fail "$name: nobody was waitlisted; lower BENCH_CAPACITY below the $total registrations of a run"
  fi
}

start_plenary() {
  plenary_start "$bin" "$work/plenary" "$port" --threads "$threads" --access-log off \
    --registration-rate 1000000 --registration-burst 1000000 --max-connections 20000
}

if ! start_plenary; then
  fail "plenary did not start"
  exit 1
fi
token=$(plenary_organizer_token "$bin" "$PLENARY_DB")
plenary_create_event "$token" bench 40000
plenary_api GET "$stats_path" "$token" 200 >"$work/stats-body.json"
if ! nginx_start "$work/nginx" "$nginx_port" "$threads" "$connections" \
  "$work/plenary/dev-cert.pem" "$work/plenary/dev-key.pem" "$stats_path" "$work/stats-body.json"; then
  fail "nginx did not start"
  exit 1
fi

# The workloads take turns run by run, so drift on a shared machine hits all alike.
for ((run = 1; run <= runs; run++)); do
  run_wrk baseline "$run" 200 -s "$here/wrk/stats.lua" "$NGINX_URL$stats_path" -- "$token"
  run_wrk stats "$run" 200 -s "$here/wrk/stats.lua" "$PLENARY_URL$stats_path" -- "$token"
  plenary_create_event "$token" "reg-$run" "$capacity"
  run_wrk register "$run" 201 -s "$here/wrk/register.lua" \
    "$PLENARY_URL/api/v1/events/reg-$run/registrations" -- "reg$run"
  check_registrations register "$run" "reg-$run" full
done

# field WORKLOAD JQ_FILTER: the filter's value for every run, one per line.
field() {
  local run
  for ((run = 1; run <= runs; run++)); do
    jq -r "$2 // 0" "$work/wrk/$1-$run.json"
  done
}

median_of() {
  # shellcheck disable=SC2046 # one number per word
  median $(field "$1" "$2")
}

baseline_rps=$(median_of baseline .rps)
printf "%s\n" "$baseline_rps" >"$work/nginx-rps"  # for the other benchmarks' ratios
register_rps=$(median_of register .rps)
paced_rate=$(awk -v r="$register_rps" 'BEGIN { printf "%d", r / 2 + 0.5 }')
((paced_rate > 0)) || paced_rate=1

# Beside each paced run, the disk's own flush latency on the database's file
# system, measured outside plenary (tests/bench/load/disk_probe.cpp).
load=$(dirname "$(dirname "$bin")")/tests/plenary_load
disk_p99s=() disk_maxes=()
for ((run = 1; run <= runs; run++)); do
  plenary_create_event "$token" "paced-$run" "$capacity"
  disk_probe_start "$load" "$work/disk-probe-$run.json"
  run_wrk paced "$run" 201 -s "$here/wrk/register_paced.lua" \
    "$PLENARY_URL/api/v1/events/paced-$run/registrations" -- "paced$run" "$paced_rate" "$threads"
  disk_probe_stop || fail "the disk probe beside paced run $run failed"
  disk_p99s+=("$(jq -r .flush_latency.p99_ms "$work/disk-probe-$run.json")")
  disk_maxes+=("$(jq -r .flush_latency.max_ms "$work/disk-probe-$run.json")")
  check_registrations paced "$run" "paced-$run"
done

bench_log "plenary memory: VmRSS $(proc_status_kib "$PLENARY_PID" VmRSS) KiB, peak VmHWM $(proc_status_kib "$PLENARY_PID" VmHWM) KiB"
commands[plenary]=$(shown "$PLENARY_CMDLINE")
commands[nginx]=$(shown "$NGINX_CMDLINE")
nginx_stop || fail "nginx did not stop cleanly"
plenary_stop || fail "plenary did not stop cleanly on SIGTERM"

# ---- Report ----------------------------------------------------------------

num() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# The count of responses outside 2xx, from the status table where the script
# keeps one, else from wrk's own count of statuses >= 400.
non_2xx='(if (.statuses | length) > 0 then ([.statuses | to_entries[] | select(.key | test("^2") | not) | .value] | add // 0) else .errors.status end)'
socket_errors='(.errors.connect + .errors.read + .errors.write + .errors.timeout)'

# throughput_table WORKLOAD: per-run requests/s, latency and errors, then the
# median with its ratio to the baseline's median.
throughput_table() {
  local workload=$1 run base rps p50 p99 errors sockets
  echo "| run | requests/s | ratio vs (a) | p50 ms | p99 ms | non-2xx | socket errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for ((run = 1; run <= runs; run++)); do
    base=$(jq -r '.rps // 0' "$work/wrk/baseline-$run.json")
    read -r rps p50 p99 errors sockets < <(jq -r \
      "[.rps // 0, .latency_us.p50 // 0, .latency_us.p99 // 0, $non_2xx // 0, $socket_errors // 0] | @tsv" \
      "$work/wrk/$workload-$run.json")
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$run" "$(num "$rps" %.0f)" "$(ratio "$rps" "$base")" \
      "$(ms "$p50")" "$(ms "$p99")" "$errors" "$sockets"
  done
  rps=$(median_of "$workload" .rps)
  printf '| **median** | **%s** | **%s** | %s | %s | | |\n' "$(num "$rps" %.0f)" "$(ratio "$rps" "$baseline_rps")" \
    "$(ms "$(median_of "$workload" .latency_us.p50)")" "$(ms "$(median_of "$workload" .latency_us.p99)")"
}

# registrations_table WORKLOAD: what the clients saw next to what the database holds.
registrations_table() {
  local workload=$1 run json
  echo "| run | 201 responses | non-2xx | socket errors | places | confirmed | waitlisted | in the database | in flight at the end |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for ((run = 1; run <= runs; run++)); do
    json=$work/wrk/$workload-$run.json
    jq -r "\"| $run | \(.statuses[\"201\"] // 0) | \($non_2xx // 0) | \($socket_errors // 0) | \(.db.capacity // \"-\") | \(.db.confirmed // \"-\") | \(.db.waitlisted // \"-\") | \(.db.total // \"-\") | \((.db.total // 0) - (.statuses[\"201\"] // 0)) |\"" "$json"
  done
}

stats_ratio=$(ratio "$(median_of stats .rps)" "$baseline_rps")
register_ratio=$(ratio "$register_rps" "$baseline_rps")
paced_p99_ms=$(ms "$(median_of paced .latency_us.p99)")

cat <<EOF
wrk 4.1 over HTTPS keep-alive from the same machine: $threads threads, $connections
connections, ${seconds} s per run; runs per workload: $runs, workloads (a) to (c)
taking turns run by run, then (d). plenary runs with $threads I/O threads, nginx
with $threads worker processes; wrk shares the cores with them.

### (a) Baseline: nginx \`return 200\` with the same body as (b)

nginx answers \`GET $stats_path\` with the $(wc -c <"$work/stats-body.json") bytes plenary's
\`/stats\` returned for the benchmark event, from its configuration.

$(throughput_table baseline)

### (b) Event statistics: \`GET $stats_path\` with a bearer token

$(throughput_table stats)

Target: ratio to (a) ≥ $stats_target. Result: $stats_ratio, $(verdict "$stats_ratio" ">=" "$stats_target").

### (c) Registrations: \`POST /api/v1/events/reg-N/registrations\`, closed loop

Each run registers new addresses into its own event with $capacity places, more
than it has places for, so the rest are waitlisted. The database is checked
afterwards: no more confirmed than places, every 201 stored, no address twice.
"In flight at the end" were stored but not answered before wrk stopped.

$(throughput_table register)

$(registrations_table register)

Target: ratio to (a) ≥ $register_target. Result: $register_ratio, $(verdict "$register_ratio" ">=" "$register_target").

### (d) Registrations at half the rate of (c)

Offered $paced_rate requests/s in all (half the median of (c)), each wrk thread
spacing its requests evenly; latency as wrk measures it from send to answer.

$(throughput_table paced)

$(registrations_table paced)

Target: p99 ≤ $p99_target_ms ms. Result: median p99 $paced_p99_ms ms, $(verdict "$paced_p99_ms" "<=" "$p99_target_ms").

Every answer waits for its COMMIT's flush. Beside each run, \`plenary_load disk-probe\` wrote
8 KiB and \`fdatasync\`ed it every 10 ms on the same file system, outside plenary: flush p99
${disk_p99s[*]} ms, maximum ${disk_maxes[*]} ms (runs 1 to $runs).

### Summary

| workload | median | ratio vs (a) | target | result |
|---|---:|---:|---|---|
| (b) GET stats | $(num "$(median_of stats .rps)" %.0f) requests/s | $stats_ratio | ratio ≥ $stats_target | $(verdict "$stats_ratio" ">=" "$stats_target") |
| (c) POST registrations | $(num "$register_rps" %.0f) requests/s | $register_ratio | ratio ≥ $register_target | $(verdict "$register_ratio" ">=" "$register_target") |
| (d) POST at $paced_rate requests/s | p99 $paced_p99_ms ms | | p99 ≤ $p99_target_ms ms | $(verdict "$paced_p99_ms" "<=" "$p99_target_ms") |

### Commands

WORKDIR is the work directory, TOKEN an organizer's bearer token from
\`plenary token create\`; shown for run 1, run N uses event reg-N / paced-N and
tag regN / pacedN. nginx's configuration is \`tests/bench/nginx.conf.in\`.

\`\`\`sh
${commands[plenary]}
${commands[nginx]}
${commands[baseline]}
${commands[stats]}
${commands[register]}
${commands[paced]}
\`\`\`
EOF

if ((${#failures[@]} > 0)); then
  printf '\n**The benchmark failed:**\n\n'
  printf -- '- %s\n' "${failures[@]}"
  bench_log "${#failures[@]} failure(s)"
  exit 1
fi
