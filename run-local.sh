#!/usr/bin/env bash
# Runs the whole system on this machine: no Docker, no database server (embedded H2 files under .local/).
#
#   ./run-local.sh           build if needed, start everything, place a demo order, run until Ctrl-C
#   ./run-local.sh --smoke   the same, then stop everything; exit 0 only if the demo order was CONFIRMED, the
#                            circuit breaker's state is published and 300 quick requests meet the rate limit
#                            (some 429, no 5xx)
#
# Logs: .local/logs/<service>.log   Data: .local/data/   Per-checkout secrets: .local/secrets.env
# SHOP_LOCAL_DIR moves that folder elsewhere. SHOP_SERVICE_ARGS adds arguments to every service's command line,
# SHOP_<SERVICE>_ARGS to one service's (SHOP_ORDER_SERVICE_ARGS, SHOP_GATEWAY_SERVICE_ARGS, ...), after the former.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
LOCAL="${SHOP_LOCAL_DIR:-$ROOT/.local}"
LOGS="$LOCAL/logs"
SMOKE=false
case "${1:-}" in
  --smoke) SMOKE=true ;;
  "") ;;
  -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

VERSION=0.1.0-SNAPSHOT
# Start order: config first (everyone imports their settings from it), then auth, inventory, order, gateway.
SERVICES=(config-service auth-service inventory-service order-service gateway-service)
declare -A PORT=([config-service]=8888 [auth-service]=9000 [inventory-service]=8082 [order-service]=8081 [gateway-service]=8080)
GATEWAY=http://localhost:8080
DEMO_CLIENT=demo-client
DEMO_SECRET=demo-secret
PIDS=()

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
fail() { printf '\033[31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  PIDS=()
}

on_exit() {
  local status=$?
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "Stopping every service this script started"
    stop_all
  fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

jar_of() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }

needs_build() {
  local service jar
  for service in "${SERVICES[@]}"; do
    jar=$(jar_of "$service")
    [ -f "$jar" ] || return 0
    # Any source or pom newer than the jar (in the service or in common-lib) means a rebuild.
    if [ -n "$(find "$ROOT/$service" "$ROOT/common-lib" "$ROOT/pom.xml" \( -path '*/target' -prune \) -o -type f -newer "$jar" -print -quit)" ]; then
      return 0
    fi
  done
  return 1
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true; }

command -v java >/dev/null || fail "java is not on the PATH: install a JDK 17 or newer"
command -v curl >/dev/null || fail "curl is not on the PATH"

for service in "${SERVICES[@]}"; do
  if [ "$(http_code "http://localhost:${PORT[$service]}/")" != "000" ]; then
    fail "port ${PORT[$service]} (for $service) is already in use: stop whatever listens there first"
  fi
done

if needs_build; then
  say "Building the services (./mvnw package, tests skipped; ./mvnw verify runs them)"
  ./mvnw -B -q -DskipTests package
else
  say "Jars are up to date"
fi

mkdir -p "$LOGS" "$LOCAL/data"
# Secrets the local run needs, generated once per checkout and never committed.
if [ ! -f "$LOCAL/secrets.env" ]; then
  umask 077
  {
    echo "ORDER_SERVICE_CLIENT_SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    echo "OPS_CLIENT_SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  } > "$LOCAL/secrets.env"
fi
set -a
# shellcheck disable=SC1091
. "$LOCAL/secrets.env"
set +a
export CONFIG_SERVER_URL=http://localhost:8888

# Extra command-line arguments for every service, for example to lift the gateway's rate limits for a benchmark
# (they win over config-repo/; a service ignores properties it does not know).
read -r -a EXTRA_ARGS <<< "${SHOP_SERVICE_ARGS:-}"

# SHOP_ORDER_SERVICE_ARGS for order-service, and so on.
service_args_variable() { local name=${1^^}; echo "SHOP_${name//-/_}_ARGS"; }

start() {
  local service=$1 variable service_args
  variable=$(service_args_variable "$service")
  read -r -a service_args <<< "${!variable:-}"
  java -Xmx384m -XX:TieredStopAtLevel=1 -jar "$(jar_of "$service")" \
    --server.port="${PORT[$service]}" --shop.data-dir="$LOCAL/data" "${EXTRA_ARGS[@]}" "${service_args[@]}" \
    > "$LOGS/$service.log" 2>&1 &
  PIDS+=($!)
  say "Started $service (pid $!, port ${PORT[$service]}, log $LOGS/$service.log)"
}

await_ready() {
  local service=$1 url="http://localhost:${PORT[$1]}/actuator/health/readiness" waited=0 pid=$2
  printf '    waiting for %-18s' "$service"
  until [ "$(http_code "$url")" = "200" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo
      tail -n 30 "$LOGS/$service.log" >&2
      fail "$service exited before it was ready (see $LOGS/$service.log)"
    fi
    if [ "$waited" -ge 180 ]; then
      echo
      fail "$service was not ready after 180 s (see $LOGS/$service.log)"
    fi
    printf '.'
    sleep 1
    waited=$((waited + 1))
  done
  printf ' ready after %ss\n' "$waited"
}

started_at=$(date +%s)
start config-service
await_ready config-service "${PIDS[0]}"
for service in auth-service inventory-service order-service gateway-service; do start "$service"; done
for i in 1 2 3 4; do await_ready "${SERVICES[$i]}" "${PIDS[$i]}"; done
say "All five services ready in $(( $(date +%s) - started_at ))s"

token() {
  curl -sf -u "$DEMO_CLIENT:$DEMO_SECRET" -d grant_type=client_credentials \
    -d scope="orders:read orders:write inventory:read inventory:write" "$GATEWAY/oauth2/token" |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

TOKEN=$(token) || fail "could not get a token from auth-service through the gateway"
[ -n "$TOKEN" ] || fail "empty token"

say "Stocking demo items (only those that do not exist yet)"
for item in "DEMO-COFFEE:Coffee beans 1 kg:100" "DEMO-MUG:Enamel mug:50" "DEMO-FILTER:Paper filters:200"; do
  IFS=: read -r sku name available <<< "$item"
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/inventory/items/$sku")" = "404" ]; then
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$name\",\"available\":$available}" "$GATEWAY/api/inventory/items/$sku" ||
      fail "could not stock $sku"
  fi
done

say "Placing a demo order through the gateway"
ORDER=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: demo-$(date +%s%N)" \
  -d '{"lines":[{"sku":"DEMO-COFFEE","quantity":1},{"sku":"DEMO-MUG","quantity":2}]}' "$GATEWAY/api/orders")
ORDER_STATUS=$(tail -n 1 <<< "$ORDER")
ORDER_BODY=$(head -n -1 <<< "$ORDER")
echo "    HTTP $ORDER_STATUS $ORDER_BODY"

cat <<INFO

  Gateway (the only public entry)   $GATEWAY
    orders                          $GATEWAY/api/orders
    inventory                       $GATEWAY/api/inventory/items
    token endpoint                  $GATEWAY/oauth2/token
  config-service   http://localhost:8888/order-service/default
  auth-service     http://localhost:9000/.well-known/openid-configuration
  order-service    http://localhost:8081/actuator/health
  inventory-service http://localhost:8082/actuator/health
  metrics          http://localhost:8081/actuator/prometheus (same path on every service)

  Get a token and list your orders:
    TOKEN=\$(curl -s -u $DEMO_CLIENT:$DEMO_SECRET -d grant_type=client_credentials \\
      -d scope="orders:read orders:write inventory:read inventory:write" $GATEWAY/oauth2/token | jq -r .access_token)
    curl -H "Authorization: Bearer \$TOKEN" $GATEWAY/api/orders

INFO

# Smoke only: order-service publishes its circuit breaker's state, and 300 quick requests of one client through the
# gateway meet its rate limit (some 429 problems with Retry-After) without a single 5xx.
check_resilience() {
  local answers=$LOCAL/smoke-answers limited server_errors
  # Read whole before searching: grep -q stops at the first match, and curl, cut off, would fail the pipe.
  local metrics
  metrics=$(curl -sf http://localhost:8081/actuator/prometheus) || fail "could not read order-service's /actuator/prometheus"
  grep -q '^resilience4j_circuitbreaker_state' <<< "$metrics" ||
    fail "order-service's /actuator/prometheus has no resilience4j_circuitbreaker_state"
  seq 1 300 | xargs -P 8 -I '{}' curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 \
    -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/inventory/items/DEMO-COFFEE" > "$answers"
  limited=$(grep -c '^429$' "$answers" || true)
  server_errors=$(grep -c '^5' "$answers" || true)
  say "300 quick requests of one client: $(sort "$answers" | uniq -c | awk '{printf "%s x %s  ", $1, $2}')"
  [ "$server_errors" -eq 0 ] || fail "$server_errors of 300 requests were answered 5xx"
  [ "$limited" -gt 0 ] || fail "none of 300 quick requests met the gateway's rate limit"
  local headers=$LOCAL/smoke-headers attempt burst
  for attempt in $(seq 1 50); do
    curl -s -D "$headers" -o /dev/null -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/inventory/items/DEMO-COFFEE"
    if head -n 1 "$headers" | grep -q ' 429'; then
      grep -qi '^retry-after: [0-9]' "$headers" || fail "a 429 answer carries no Retry-After"
      grep -qi '^content-type: application/problem+json' "$headers" || fail "a 429 answer is no problem"
      burst=$(tr -d '\r' < "$headers" | awk 'tolower($1) == "x-ratelimit-burst-capacity:" {print $2}')
      say "A refused request got a 429 problem with Retry-After; the limit allows a burst of ${burst:-?} requests"
      return 0
    fi
  done
  fail "no 429 answer in $attempt more requests to look at its headers"
}

if $SMOKE; then
  if [ "$ORDER_STATUS" = "201" ] && grep -q '"status":"CONFIRMED"' <<< "$ORDER_BODY"; then
    check_resilience
    say "Smoke run passed: the demo order was CONFIRMED, the rate limit answered 429 and no request 5xx"
    exit 0
  fi
  fail "smoke run failed: the demo order was not CONFIRMED (HTTP $ORDER_STATUS)"
fi

say "Running. Press Ctrl-C to stop every service."
wait
