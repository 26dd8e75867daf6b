# Helpers shared by the HTTP benchmark scripts; source it, do not run it.
# Every process started here is remembered in a global (PLENARY_PID, NGINX_PID)
# so that the caller can read /proc/PID/status while it runs and so that
# bench_cleanup, run from the caller's EXIT trap, stops it even after a failure.
# Diagnostics go to stderr; stdout is left to the caller's report.
# shellcheck shell=bash

BENCH_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PLENARY_PID=""
PLENARY_URL=""
PLENARY_DB=""
PLENARY_LOG=""
PLENARY_CMDLINE=""
NGINX_PID=""
DISK_PROBE_PID=""
NGINX_URL=""
NGINX_LOG=""
NGINX_CMDLINE=""

bench_log() {
  printf '%s\n' "$*" >&2
}

# True when something already accepts connections on 127.0.0.1:PORT; checked
# before starting a server, or the readiness probe could succeed against a
# stranger.
port_in_use() {
  (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# An exited but not yet reaped child still answers kill -0, so look at its state.
process_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# proc_status_kib PID FIELD: e.g. VmRSS or VmHWM of a running process, in KiB.
proc_status_kib() {
  awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# wait_for_https URL PID SECONDS: until URL answers 2xx; gives up early when
# PID is gone.
wait_for_https() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    process_alive "$pid" || return 1
    curl -ksf -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.2
  done
  return 1
}

# stop_process PID NAME LOG: SIGTERM, SIGKILL after 15 s (plenary's own
# shutdown timeout is 10 s). Fails, showing the end of LOG, unless the process
# was still running and then exited with status 0.
stop_process() {
  local pid=$1 name=$2 log=$3 status=0 tenths=0 died=""
  if process_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
  else
    died=1
    bench_log "$name (pid $pid) had exited before it was asked to stop"
  fi
  while process_alive "$pid" && ((tenths < 150)); do
    sleep 0.1
    tenths=$((tenths + 1))
  done
  if process_alive "$pid"; then
    bench_log "$name (pid $pid) still running 15 s after SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || status=$?
  if ((status != 0)) || [[ -n $died ]]; then
    bench_log "$name (pid $pid) exited with status $status; last lines of $log:"
    tail -n 20 "$log" >&2
    return 1
  fi
}

# start_server NAME PID_VAR LOG READY_URL COMMAND...: starts COMMAND in the
# background with its output appended to LOG (which the command may write to
# itself), stores its pid in PID_VAR at once (so cleanup finds it whatever
# happens next) and waits up to 15 s for READY_URL. If that does not come, it
# shows the end of LOG and kills the command.
start_server() {
  local name=$1 log=$3 url=$4
  local -n pid_var=$2
  shift 4
  "$@" >>"$log" 2>&1 &
  pid_var=$!
  if ! wait_for_https "$url" "$pid_var" 15; then
    local what="exited before it answered $url" status=0
    if process_alive "$pid_var"; then
      what="did not answer $url within 15 s"
      kill -KILL "$pid_var" 2>/dev/null || true
    fi
    wait "$pid_var" 2>/dev/null || status=$?
    bench_log "$name $what (status $status); last lines of $log:"
    tail -n 20 "$log" >&2
    pid_var=""
    return 1
  fi
  bench_log "$name pid $pid_var ready at $url"
}

# plenary_start BIN DIR PORT [SERVE_ARGS...]: serves DIR/plenary.db (created,
# with a development certificate beside it, when missing) on 127.0.0.1:PORT.
plenary_start() {
  local bin=$1 dir=$2 port=$3
  shift 3
  if port_in_use "$port"; then
    bench_log "port $port is in use already; cannot start plenary on it"
    return 1
  fi
  mkdir -p "$dir"
  PLENARY_DB=$dir/plenary.db
  PLENARY_LOG=$dir/plenary.log
  PLENARY_URL=https://127.0.0.1:$port
  local cmd=("$bin" serve --db "$PLENARY_DB" --listen "127.0.0.1:$port" "$@")
  # shellcheck disable=SC2034 # for the caller's report
  PLENARY_CMDLINE=$(printf '%q ' "${cmd[@]}")
  start_server plenary PLENARY_PID "$PLENARY_LOG" "$PLENARY_URL/healthz" "${cmd[@]}"
}

plenary_stop() {
  [[ -n $PLENARY_PID ]] || return 0
  local pid=$PLENARY_PID
  PLENARY_PID=""
  stop_process "$pid" plenary "$PLENARY_LOG"
}

# plenary_organizer_token BIN DB: adds the benchmark's organizer and prints a
# bearer token for it.
plenary_organizer_token() {
  local bin=$1 db=$2 email=org@bench.example
  echo 'bench-password-123' |
    "$bin" user add --db "$db" --email "$email" --name Org --role organizer --password-stdin >&2 || return 1
  "$bin" token create --db "$db" --email "$email"
}

# plenary_api METHOD PATH TOKEN EXPECTED_STATUS [JSON_BODY]: prints the
# response body byte for byte; fails, showing the body, on any other status.
plenary_api() {
  local method=$1 path=$2 token=$3 expected=$4 body=${5-} out status
  local args=(-ksS -X "$method" -H "Authorization: Bearer $token" -w '%{http_code}')
  if [[ -n $body ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
  fi
  out=$(mktemp)
  if ! status=$(curl "${args[@]}" -o "$out" "$PLENARY_URL$path"); then
    rm -f "$out"
    return 1
  fi
  if [[ $status != "$expected" ]]; then
    bench_log "$method $path answered $status, expected $expected: $(head -c 500 "$out")"
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# plenary_create_event TOKEN SLUG CAPACITY: a published event in the future.
plenary_create_event() {
  local body
  body=$(jq -nc --arg slug "$2" --argjson capacity "$3" '{
    slug: $slug, title: {en: "Bench Conference", zh: "基准会议"},
    timezone: "Asia/Shanghai", starts_at: "2030-12-07T00:00:00Z",
    ends_at: "2030-12-08T12:00:00Z", venue: "Beijing", status: "published",
    capacity: $capacity}') || return 1
  plenary_api POST /api/v1/events "$1" 201 "$body" >/dev/null
}

# median NUMBER...: the middle value, or the mean of the two middle ones.
median() {
  if (($# == 0)); then
    bench_log "median: no numbers"
    return 1
  fi
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END { m = int((NR + 1) / 2); printf "%.10g\n", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

# ratio A B: A / B to two decimals (0 when B is 0), for "ratio vs baseline".
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# verdict VALUE >=|<= TARGET: "met" or "**not met**", for the report tables.
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "met" : "**not met**" }'; }

# render_template FILE NAME=VALUE...: FILE with each @NAME@ replaced by VALUE
# in one pass, so a value is never itself searched for placeholders. Fails on
# a placeholder without a value.
render_template() {
  local file=$1 text rest pair out=""
  local -A values=()
  shift
  for pair in "$@"; do
    values[${pair%%=*}]=${pair#*=}
  done
  text=$(cat "$file"; printf x)
  rest=${text%x}
  while [[ $rest =~ @([A-Z_]+)@ ]]; do
    if [[ ! -v values[${BASH_REMATCH[1]}] ]]; then
      bench_log "$file: no value for ${BASH_REMATCH[0]}"
      return 1
    fi
    out+=${rest%%"${BASH_REMATCH[0]}"*}${values[${BASH_REMATCH[1]}]}
    rest=${rest#*"${BASH_REMATCH[0]}"}
  done
  printf '%s' "$out$rest"
}

# nginx_start DIR PORT WORKERS CONNECTIONS CERT KEY LOCATION BODY_FILE: nginx
# in DIR answering GET LOCATION on 127.0.0.1:PORT (HTTPS) with exactly the
# bytes of BODY_FILE as application/json, sized for CONNECTIONS clients.
# Checks the body it serves against BODY_FILE before returning.
nginx_start() {
  local dir=$1 port=$2 workers=$3 connections=$4 cert=$5 key=$6 location=$7 body_file=$8 body
  if port_in_use "$port"; then
    bench_log "port $port is in use already; cannot start nginx on it"
    return 1
  fi
  mkdir -p "$dir/tmp"
  # Escaped for an nginx single-quoted string; '$' needs the config's $dollar.
  body=$(cat "$body_file"; printf x)
  body=${body%x}
  body=${body//"\\"/"\\\\"}
  body=${body//"'"/"\\'"}
  # shellcheck disable=SC2016 # a literal nginx variable
  body=${body//'$'/'${dollar}'}
  render_template "$BENCH_LIB_DIR/nginx.conf.in" \
    USER="$(id -un)" GROUP="$(id -gn)" WORKERS="$workers" \
    WORKER_CONNECTIONS=$((connections + 1024)) PORT="$port" CERT="$cert" \
    KEY="$key" LOCATION="$location" BODY="$body" >"$dir/nginx.conf" || return 1
  NGINX_URL=https://127.0.0.1:$port
  NGINX_LOG=$dir/error.log
  local cmd=(nginx -p "$dir/" -c nginx.conf -e error.log)
  # shellcheck disable=SC2034 # for the caller's report
  NGINX_CMDLINE=$(printf '%q ' "${cmd[@]}")
  # With -e, nginx writes even its startup errors to error.log, not stderr.
  start_server nginx NGINX_PID "$NGINX_LOG" "$NGINX_URL$location" "${cmd[@]}" || return 1
  curl -ksS -o "$dir/served-body" "$NGINX_URL$location" || return 1
  if ! cmp -s "$dir/served-body" "$body_file"; then
    bench_log "nginx serves other bytes than $body_file (see $dir/served-body)"
    return 1
  fi
}

nginx_stop() {
  [[ -n $NGINX_PID ]] || return 0
  local pid=$NGINX_PID
  NGINX_PID=""
  stop_process "$pid" nginx "$NGINX_LOG"
}

# disk_probe_start LOAD_BIN JSON_OUT [STALLS_OUT]: `plenary_load disk-probe`
# in the background on the work directory's file system (the database's),
# until disk_probe_stop; JSON_OUT gets its summary, STALLS_OUT its slow
# flushes for `plenary_load access-log --stalls`.
disk_probe_start() {
  local args=(disk-probe --file "$(dirname "$2")/disk-probe.bin" --seconds 900)
  [[ -z ${3:-} ]] || args+=(--stalls-out "$3")
  "$1" "${args[@]}" >"$2" &
  DISK_PROBE_PID=$!
}

# disk_probe_stop: ends the probe (it reports on SIGTERM); fails if it failed.
disk_probe_stop() {
  [[ -n $DISK_PROBE_PID ]] || return 0
  local pid=$DISK_PROBE_PID
  DISK_PROBE_PID=""
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
}

# For the caller's EXIT trap: stops whatever is still running.
bench_cleanup() {
  disk_probe_stop || true
  nginx_stop || true
  plenary_stop || true
}
