#!/usr/bin/env bash
# Slow-client resilience, in two parts; about 60 s on 2 cores.
#
# 1. Slowloris, with plenary's default timeouts: slowhttptest -H opens 1000
#    HTTPS connections that each send a partial request header and then one
#    more header line every 10 s. While all 1000 are held open (checked with
#    ss and slowhttptest's own counts), a probe makes a fresh curl request to
#    /healthz or to a public API GET every 0.2 s: at least 95 % of them must
#    get 200 within 2 s. Then the server must drop the slow connections when
#    the whole-request deadline (--read-timeout, 30 s) runs out, although they
#    keep trickling header lines.
# 2. Idle connections, with short timeouts so the test stays quick: groups of
#    connections that (a) never start TLS, (b) finish the TLS handshake and
#    stay silent, (c) stay silent after one keep-alive request, (d) trickle a
#    request header one line a second. Each group must stay open until its
#    deadline (--handshake-timeout, --idle-timeout, --idle-timeout,
#    --read-timeout) and be closed by the server within 2 s after it.
#
# slowhttptest (Debian package slowhttptest) speaks HTTPS itself, so no
# home-made attack client is needed; part 2 uses openssl s_client and bash's
# /dev/tcp.
#
# usage: tests/security/slowloris.sh [BUILD_DIR]   (default: build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/security/lib.sh
source "$here/lib.sh"

sec_setup slowloris "${1:-build}"
sec_need slowhttptest slowhttptest openssl openssl curl curl jq jq ss iproute2

attack_connections=1000
attack_rate=200          # new connections per second while ramping up
probe_seconds=20         # probing window, inside the 30 s read timeout
probe_interval=0.2
probe_deadline=2         # seconds a probe may take
probe_min_percent=95
read_timeout=30          # plenary's default --read-timeout

# The attack needs one descriptor per connection on our side too.
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && ((hard < attack_connections + 100)); then
  sec_fail "open-files hard limit is $hard; the attack needs $((attack_connections + 100))"
fi
ulimit -n "$hard"

# now: seconds since the epoch, with microseconds.
now() { echo "$EPOCHREALTIME"; }
# elapsed T0: seconds since T0, one decimal.
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------- part 1 ---
sec_start_server attack --access-log off
cacert=$SEC_TMP/attack/dev-cert.pem
organizer=$(plenary_organizer_token "$SEC_BIN" "$PLENARY_DB" 2>/dev/null) ||
  sec_fail "could not create the organizer token"
plenary_create_event "$organizer" sec 100 || sec_fail "could not create the event"
probe_paths=(/healthz /api/v1/events/sec)

# -i 10: a header line every 10 s, well inside the 60 s idle timeout, as a
# slowloris does to look alive. -l: long enough to see the server close them.
slow_log=$SEC_TMP/slowhttptest.log
slow_pid=""
sec_spawn slow_pid timeout -k 5 $((read_timeout + 40)) slowhttptest -H \
  -c "$attack_connections" -r "$attack_rate" -i 10 -x 24 -p 3 -l $((read_timeout + 30)) \
  -g -o "$SEC_TMP/slowhttptest" -u "$PLENARY_URL/" >"$slow_log" 2>&1 </dev/null
attack_start=$(now)

# Wait for the attack to be at full strength (95 % of its connections).
peak=0
while :; do
  open=$(sec_count_established "$SEC_PORT")
  ((open > peak)) && peak=$open
  ((open >= attack_connections * 95 / 100)) && break
  process_alive "$slow_pid" || sec_fail "slowhttptest ended early: $(tr '\r' '\n' <"$slow_log" | grep -v '^\s*$' | tail -n 1)"
  if (($(awk -v t="$(elapsed "$attack_start")" 'BEGIN { print (t > 20) }'))); then
    sec_fail "the attack reached only $peak of $attack_connections connections in 20 s"
  fi
  sleep 0.2
done
ramp=$(elapsed "$attack_start")
sec_log "attack at $open connections after $ramp s; probing for $probe_seconds s"

# Probe: fresh connection each time (a new client must still get in), the
# certificate checked against the dev CA. One line per probe:
# "HTTP_CODE SECONDS CURL_EXIT OPEN_CONNECTIONS".
probes=$SEC_TMP/probes.txt
probe_end=$((SECONDS + probe_seconds))
i=0
while ((SECONDS < probe_end)); do
  path=${probe_paths[i % ${#probe_paths[@]}]}
  i=$((i + 1))
  code_time=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 --cacert "$cacert" \
    "$PLENARY_URL$path") && rc=0 || rc=$?
  echo "$code_time $rc $(sec_count_established "$SEC_PORT")" >>"$probes"
  sleep "$probe_interval"
done

read -r total good slowest held < <(awk -v limit="$probe_deadline" '
  { n++; if ($1 == 200 && $3 == 0 && $2 < limit) ok++; if ($2 > max) max = $2
    if (min == "" || $4 < min) min = $4 }
  END { printf "%d %d %.3f %d\n", n, ok, max, min }' "$probes")
percent=$(awk -v g="$good" -v t="$total" 'BEGIN { printf "%.1f", t ? 100 * g / t : 0 }')
echo "slowloris: $attack_connections connections at $attack_rate/s, at full strength after $ramp s"
echo "probes under attack: $good/$total answered 200 within ${probe_deadline} s ($percent %), slowest $slowest s;" \
  "at least $held attack connections open throughout"
((total >= 20)) || sec_fail "only $total probes ran in $probe_seconds s"
if awk -v p="$percent" -v m="$probe_min_percent" 'BEGIN { exit !(p < m) }'; then
  sec_fail "only $percent % of probes answered 200 within ${probe_deadline} s under attack (need $probe_min_percent %)"
fi
((held >= attack_connections * 90 / 100)) ||
  sec_fail "the attack dropped to $held connections while probing; the probes did not run under full attack"

# The slow connections keep sending header lines, so only the whole-request
# deadline can end them: all must be gone soon after read_timeout. They were
# opened during the ramp, hence the ramp time in the limit.
limit=$(awk -v r="$ramp" -v t="$read_timeout" 'BEGIN { printf "%d", t + r + 5 }')
while :; do
  open=$(sec_count_established "$SEC_PORT")
  ((open <= 5)) && break
  if (($(awk -v t="$(elapsed "$attack_start")" -v l="$limit" 'BEGIN { print (t > l) }'))); then
    sec_fail "$open slowloris connections still open $limit s after the attack began (read timeout $read_timeout s)"
  fi
  sleep 0.2
done
drained=$(elapsed "$attack_start")
wait "$slow_pid" || true
sec_forget "$slow_pid"
# slowhttptest's per-second CSV (Seconds,Closed,Pending,Connected,...) gives
# the peak; its last row can miss the final second, so "all closed" is read
# from its exit reason, which must not be its own time limit.
csv=$SEC_TMP/slowhttptest.csv
[[ -s $csv ]] || sec_fail "slowhttptest wrote no statistics ($(tr '\r' '\n' <"$slow_log" | grep -v '^\s*$' | tail -n 1))"
max_connected=$(awk -F, 'NR > 1 && $4 > m { m = $4 } END { print m + 0 }' "$csv")
reason=$(tr '\r' '\n' <"$slow_log" | sed -n 's/\x1b\[[0-9;]*m//g; s/^Exit status: *//p' | tail -n 1)
echo "slowhttptest: peak $max_connected connected; ended with '$reason'; all closed by the server $drained s after the attack began"
((max_connected >= attack_connections * 95 / 100)) ||
  sec_fail "slowhttptest saw only $max_connected connections at once"
[[ $reason == "No open connections left" ]] ||
  sec_fail "slowhttptest ended with '$reason', expected 'No open connections left' (the server closing them)"
sec_stop_server

# ---------------------------------------------------------------- part 2 ---
handshake_timeout=2
idle_timeout=3
short_read_timeout=5
group=20
margin=2
sec_start_server idle --access-log off --handshake-timeout "$handshake_timeout" \
  --idle-timeout "$idle_timeout" --read-timeout "$short_read_timeout"
target=127.0.0.1:$SEC_PORT
request=$SEC_TMP/request.txt
printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n' "$target" >"$request"
mkdir -p "$SEC_TMP/clients"

# The clients, each given the file for its output. s_client -ign_eof keeps
# the connection after its input ends, until the server closes it; "timeout"
# bounds every client should the server never do so.
# shellcheck disable=SC2317 # these three run through open_group
tls_silent() { timeout 30 openssl s_client -connect "$target" -ign_eof </dev/null >"$1" 2>&1; }
# shellcheck disable=SC2317
tls_keepalive() { timeout 30 openssl s_client -connect "$target" -ign_eof <"$request" >"$1" 2>&1; }
# shellcheck disable=SC2317
tls_trickle() {
  {
    printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\n' "$target"
    for ((line = 0; line < 30; line++)); do
      sleep 1
      printf 'X-Trickle-%d: %d\r\n' "$line" "$line"
    done
  } 2>/dev/null | timeout 30 openssl s_client -connect "$target" -ign_eof >"$1" 2>&1
}

# ready KIND: how many clients of the group have reached the point where the
# deadline under test starts: accepted (bare TCP), handshake done (s_client
# prints "Verify return code" after it), response received (keep-alive).
ready() {
  case $1 in
    tcp) sec_count_established "$SEC_PORT" ;;
    tls_keepalive) grep -l '^HTTP/1.1 200' "$SEC_TMP"/clients/* 2>/dev/null | wc -l ;;
    *) grep -l '^Verify return code' "$SEC_TMP"/clients/* 2>/dev/null | wc -l ;;
  esac
}

# open_group NAME TIMEOUT KIND: opens $group connections of KIND (a client
# function above, or "tcp" for bare sockets), waits until all are ready, then
# until the server has closed them all. Fails if one closes before TIMEOUT has
# passed since the group began to open (not its deadline closed it) or one is
# still open TIMEOUT + margin after the whole group was ready.
idle_results=()
open_group() {
  local name=$1 timeout=$2 kind=$3 start ready_at n pid fds=() fd open t first="" last
  rm -f "$SEC_TMP"/clients/*
  start=$(now)
  for ((n = 0; n < group; n++)); do
    if [[ $kind == tcp ]]; then
      exec {fd}<>"/dev/tcp/127.0.0.1/$SEC_PORT"
      fds+=("$fd")
    else
      sec_spawn pid "$kind" "$SEC_TMP/clients/$n.out"
    fi
  done
  while (($(ready "$kind") < group)); do
    if awk -v t="$(elapsed "$start")" -v l="$timeout" 'BEGIN { exit !(t > l) }'; then
      sec_fail "$name: only $(ready "$kind") of $group connections got ready within $timeout s"
    fi
    sleep 0.05
  done
  ready_at=$(now)
  open=$(sec_count_established "$SEC_PORT")
  ((open == group)) || sec_fail "$name: $open of $group connections open when all were ready"
  while :; do
    open=$(sec_count_established "$SEC_PORT")
    if ((open < group)) && [[ -z $first ]]; then
      first=$(elapsed "$start")
    fi
    ((open == 0)) && break
    t=$(elapsed "$ready_at")
    if awk -v t="$t" -v l="$((timeout + margin))" 'BEGIN { exit !(t > l) }'; then
      sec_fail "$name: $open of $group connections still open $t s after all were ready (timeout $timeout s)"
    fi
    sleep 0.1
  done
  last=$(elapsed "$ready_at")
  if awk -v f="$first" -v l="$timeout" 'BEGIN { exit !(f < l - 0.2) }'; then
    sec_fail "$name: a connection was closed $first s after the group began to open, before its $timeout s deadline"
  fi
  for fd in "${fds[@]}"; do
    exec {fd}>&-
  done
  idle_results+=("$(printf '%-27s timeout %d s: first closed %4.1f s after opening began, last %4.1f s after all were ready' \
    "$name:" "$timeout" "$first" "$last")")
}

open_group "no TLS handshake" "$handshake_timeout" tcp
open_group "TLS, no request" "$idle_timeout" tls_silent
open_group "TLS, idle after a request" "$idle_timeout" tls_keepalive
open_group "TLS, header trickling 1/s" "$short_read_timeout" tls_trickle
curl -sS --max-time 5 --cacert "$SEC_TMP/idle/dev-cert.pem" "https://$target/healthz" | jq -e '.status == "ok"' >/dev/null ||
  sec_fail "/healthz does not answer ok after the idle connections"
sec_stop_server
echo "idle connections ($group per group, handshake/idle/read timeouts $handshake_timeout/$idle_timeout/$short_read_timeout s):"
printf '  %s\n' "${idle_results[@]}"
sec_pass "plenary kept serving under slowloris and closed slow and idle connections on time"
