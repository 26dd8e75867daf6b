# Helpers shared by the security scans in tests/security; source it, do not
# run it. Builds on tests/bench/lib.sh (plenary_start, plenary_stop, ...).
#
# Conventions of every script here: one argument, the build directory
# (default: build); a private temp directory and a free loopback port per run;
# everything started is stopped on any exit; the last line is "PASS: ..." with
# status 0, "FAIL: reason" with status 1, or "SKIP: reason" with status 77
# (a scanner is not installed; for ctest's SKIP_RETURN_CODE).
# shellcheck shell=bash

# Decimal points and tool messages as the parsing below expects them.
export LC_ALL=C

SECURITY_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECURITY_REPO=$(cd "$SECURITY_LIB_DIR/../.." && pwd)
# shellcheck source=tests/bench/lib.sh
source "$SECURITY_LIB_DIR/../bench/lib.sh"

SEC_NAME=""
SEC_BIN=""
SEC_TMP=""
SEC_PORT=""
SEC_CHILDREN=()

# sec_setup NAME [BUILD_DIR]: resolves the plenary binary, makes the temp
# directory and installs the cleanup trap. Call it first.
sec_setup() {
  SEC_NAME=$1
  local build=${2:-build}
  SECONDS=0
  SEC_BIN=$build/server/plenary
  [[ -x $SEC_BIN ]] || sec_fail "no plenary binary at $SEC_BIN (pass the build directory)"
  SEC_BIN=$(realpath "$SEC_BIN")
  SEC_TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenary-$SEC_NAME.XXXXXX")
  trap sec_cleanup EXIT
  # Turn signals into a normal exit so that the EXIT trap stops the server.
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

sec_log() {
  printf '%s: %s\n' "$SEC_NAME" "$*" >&2
}

sec_fail() {
  printf 'FAIL: %s\n' "$*"
  exit 1
}

sec_skip() {
  printf 'SKIP: %s\n' "$*"
  exit 77
}

sec_pass() {
  printf 'PASS: %s (%d s)\n' "$*" "$SECONDS"
  exit 0
}

# sec_need COMMAND PACKAGE...: skips the test when a tool is missing.
sec_need() {
  while (($# >= 2)); do
    command -v "$1" >/dev/null || sec_skip "$1 is not installed (Debian package $2)"
    shift 2
  done
}

# sec_free_port: a port in 20000-40000 that nothing listens on. Another
# process can still take it before we bind, which plenary_start then reports.
sec_free_port() {
  local tries port
  for ((tries = 0; tries < 100; tries++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 20001))
    if ! port_in_use "$port" && [[ -z $(ss -Htan "( sport = :$port )") ]]; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# sec_start_server SUBDIR [SERVE_ARGS...]: plenary on a fresh port with its
# database in $SEC_TMP/SUBDIR; sets SEC_PORT besides bench's PLENARY_* globals.
sec_start_server() {
  local dir=$SEC_TMP/$1
  shift
  SEC_PORT=$(sec_free_port) || sec_fail "no free port found in 20000-40000"
  plenary_start "$SEC_BIN" "$dir" "$SEC_PORT" --web-root "$SECURITY_REPO/web" "$@" ||
    sec_fail "plenary did not start on port $SEC_PORT (log: $(tail -n 3 "$dir/plenary.log" 2>/dev/null | tr '\n' ' '))"
}

# sec_stop_server: stops plenary and fails the test unless it shut down
# cleanly; a crash under attack is exactly what these scans look for.
sec_stop_server() {
  plenary_stop || sec_fail "plenary did not shut down cleanly (exited early, crashed or hung)"
}

# sec_spawn VAR COMMAND...: COMMAND in the background, its pid in VAR and in
# the list cleanup stops.
sec_spawn() {
  local -n pid_ref=$1
  shift
  "$@" &
  pid_ref=$!
  SEC_CHILDREN+=("$pid_ref")
}

# sec_run SECONDS LOG COMMAND...: runs COMMAND with its output in LOG, killed
# after SECONDS. In the background plus wait, so that a signal to the script
# is handled at once rather than after the command. Returns its status.
sec_run() {
  local limit=$1 log=$2 pid status=0
  shift 2
  sec_spawn pid timeout -k 5 "$limit" "$@" >"$log" 2>&1 </dev/null
  wait "$pid" || status=$?
  sec_forget "$pid"
  return "$status"
}

# sec_forget PID: a child that has been waited for; cleanup leaves it alone.
sec_forget() {
  local i
  for i in "${!SEC_CHILDREN[@]}"; do
    [[ ${SEC_CHILDREN[i]} == "$1" ]] && unset 'SEC_CHILDREN[i]'
  done
  return 0
}

sec_cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${SEC_CHILDREN[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${SEC_CHILDREN[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  plenary_stop 2>/dev/null || true
  if [[ -n $SEC_TMP && -d $SEC_TMP ]]; then
    if [[ -n ${PLENARY_SECURITY_KEEP:-} ]]; then
      sec_log "kept $SEC_TMP"
    else
      rm -rf "$SEC_TMP"
    fi
  fi
  exit "$status"
}

# sec_count_established PORT: server-side TCP connections of PORT that are
# still open (ESTABLISHED) on the loopback.
sec_count_established() {
  ss -Htn state established "( sport = :$1 )" | wc -l
}
