# shellcheck shell=bash
# Helpers of the bench/ scripts, sourced by them (never run) after they cd to the repository's root.

say() { printf '==> %s\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# The comment block under a script's shebang, without the '# ': its usage.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"; }

# require_tools TOOL:DEBIAN_PACKAGE...: fails naming every missing tool and the packages that bring them.
require_tools() {
  local spec tools=() packages=()
  for spec in "$@"; do
    if ! command -v "${spec%%:*}" >/dev/null; then
      tools+=("${spec%%:*}")
      packages+=("${spec#*:}")
    fi
  done
  [ ${#tools[@]} -eq 0 ] || fail "not on the PATH: ${tools[*]} (Debian: apt-get install ${packages[*]})"
}

# utime + stime of a process, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# CPU milliseconds per unit of work from two readings of cpu_ticks: ms_per TICKS_BEFORE TICKS_AFTER UNITS
ms_per() {
  awk -v a="$1" -v b="$2" -v t="$(getconf CLK_TCK)" -v n="$3" \
    'BEGIN { if (n > 0) printf "%.3f", (b - a) * 1000 / t / n; else printf "-" }'
}

# The pid of the process listening on a local TCP port, empty if none (or not ours to see).
pid_on_port() { ss -ltnpH "sport = :$1" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -n 1; }

# Resident memory of a process, in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# A token of the demo client, or a failure: token GATEWAY_URL SCOPES
token() {
  local answer
  answer=$(curl -sf --max-time 10 -u demo-client:demo-secret -d grant_type=client_credentials -d scope="$2" \
    "$1/oauth2/token") || fail "no token from $1/oauth2/token"
  answer=$(sed -nE 's/.*"access_token":"([^"]+)".*/\1/p' <<< "$answer")
  [ -n "$answer" ] || fail "no access_token in the answer of $1/oauth2/token"
  echo "$answer"
}

# The whole system, started by ./run-local.sh in the background.
SYSTEM_PID=
SYSTEM_LOG=

# start_system LOCAL_DIR LOG [VARIABLE=VALUE...]: ./run-local.sh with its data, logs and secrets in LOCAL_DIR and
# the variables given in its environment; returns once it has placed its demo order (every service ready). Gives
# up after 15 minutes (run-local.sh builds the jars first when they are out of date).
start_system() {
  local dir=$1 log=$2 waited=0
  shift 2
  env SHOP_LOCAL_DIR="$dir" "$@" ./run-local.sh > "$log" 2>&1 &
  SYSTEM_PID=$!
  SYSTEM_LOG=$log
  until grep -qs 'Running. Press Ctrl-C' "$log"; do
    if ! kill -0 "$SYSTEM_PID" 2>/dev/null; then
      SYSTEM_PID=
      tail -n 30 "$log" >&2
      fail "./run-local.sh stopped before the system was ready (its output above; service logs in $dir/logs)"
    fi
    [ "$waited" -lt 9000 ] || fail "the system was not ready after 15 minutes (see $log)"
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Seconds until all five services were ready, as ./run-local.sh printed it.
system_ready_seconds() { sed -nE 's/.*All five services ready in ([0-9]+)s.*/\1/p' "$SYSTEM_LOG"; }

# Stops what start_system started: run-local.sh stops its services when it gets a TERM. Safe to call twice.
stop_system() {
  [ -n "$SYSTEM_PID" ] || return 0
  local pid=$SYSTEM_PID children
  SYSTEM_PID=
  children=$(pgrep -P "$pid" || true)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    # shellcheck disable=SC2086 # one pid a word
    kill -9 "$pid" $children 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# The pid of one service of the system start_system started: service_pid order-service
service_pid() {
  local pid
  pid=$(pgrep -P "$SYSTEM_PID" -f -- "/$1-[0-9][^ ]*\.jar" | head -n 1)
  [ -n "$pid" ] || fail "no $1 among the processes of ./run-local.sh (pid $SYSTEM_PID)"
  echo "$pid"
}

# stock_item BASE_URL TOKEN SKU AVAILABLE: creates or updates an item.
stock_item() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X PUT -H @<(printf 'Authorization: Bearer %s\n' "$2") \
    -H 'Content-Type: application/json' -d "{\"name\":\"Benchmark item $3\",\"available\":$4}" \
    "$1/api/inventory/items/$3")
  case "$status" in 200|201) ;; *) fail "could not stock $3 at $1: HTTP $status" ;; esac
}

# available BASE_URL TOKEN SKU: the item's available stock.
available() {
  curl -sf --max-time 10 -H @<(printf 'Authorization: Bearer %s\n' "$2") "$1/api/inventory/items/$3" | jq -er .available
}

# place_orders URL TOKEN SKU SECONDS RUN_TAG: orders for one unit each, wrk -t2 -c32 with bench/orders.lua; prints
# its "key value" lines (requests, duration_us, p50_us, p99_us, errors_*, status_<code>).
place_orders() {
  BENCH_TOKEN=$2 BENCH_SKU=$3 BENCH_RUN=$5 timeout $(($4 + 60)) \
    wrk -t2 -c32 -d"$4s" --timeout 10s -s bench/orders.lua "$1" | grep -E '^[a-z_0-9]+ [0-9]+$'
}

# wrk_value FILE KEY: one value of place_orders's output, 0 when absent.
wrk_value() { awk -v key="$2" '$1 == key { value = $2 } END { print value + 0 }' "$1"; }
