#!/usr/bin/env bash
# Runs the whole system on this machine: no Docker, no database server (embedded H2 files under .local/).
#
#   ./run-local.sh           build if needed, start everything, place a demo order, run until Ctrl-C
#   ./run-local.sh --smoke   the same, then stop everything; exit 0 only if the demo order was CONFIRMED, alice
#                            signed in and owns her order alone, unsigned and other-audience tokens got 401, the
#                            circuit breaker's state is published, 300 quick requests meet the rate limit
#                            (some 429, no 5xx), config-service refuses a read without credentials, a problem of
#                            each of the five services carries the trace id of its X-Trace-Id header, and
#                            order-service publishes its order metrics (shop_orders_total, ...)
#   ./run-local.sh --bus     with Spring Cloud Bus on, over the RabbitMQ at SPRING_RABBITMQ_HOST:SPRING_RABBITMQ_PORT
#                            (default localhost:5672, guest/guest): one POST to config-service's /actuator/busrefresh
#                            refreshes every service (docs/configuration.md). Without it the bus is off and no
#                            RabbitMQ is needed. Combines with --smoke.
#   ./run-local.sh --tls     the gateway speaks HTTPS on its port 8080 (https://localhost:8080), with a self-signed
#                            certificate for localhost and 127.0.0.1 made once with openssl into .local/tls/ (curl
#                            --cacert .local/tls/cert.pem); the issuer of every token becomes that URL. Combines
#                            with the others.
#   ./run-local.sh --tracing every service sends its spans to a Zipkin on http://localhost:9411/zipkin/ (127.0.0.1
#                            only, spans in memory; io.zipkin:zipkin-server fetched once with ./mvnw into
#                            .local/zipkin/, its log .local/logs/zipkin.log); the demo order's trace id is printed.
#                            Without it no span leaves a service. With --smoke: the demo order's trace in Zipkin
#                            holds spans of gateway-, order- and inventory-service.
#
# If a service dies while the script runs, it names the service and its log, stops every other one and exits 1.
# Each service starts with the options in <service>/jvm.options, from its jar extracted under .local/app/ and a
# start-up archive (AOT cache on JDK 24+, CDS archive before) made in a training run whenever the jar, the JDK or
# those options changed; if a training run fails, that service starts from its plain jar.
# Logs: .local/logs/<service>.log   Data: .local/data/   Per-checkout secrets: .local/secrets.env
# SHOP_LOCAL_DIR moves that folder elsewhere. SHOP_SERVICE_ARGS adds arguments to every service's command line,
# SHOP_<SERVICE>_ARGS to one service's (SHOP_ORDER_SERVICE_ARGS, SHOP_GATEWAY_SERVICE_ARGS, ...), after the former.
# Only the gateway (port 8080) listens on every interface (SHOP_GATEWAY_SERVICE_ARGS=--server.address=127.0.0.1
# keeps it on this host too); the other four listen on 127.0.0.1 alone.
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$(pwd)
LOCAL="${SHOP_LOCAL_DIR:-$ROOT/.local}"
LOGS="$LOCAL/logs"
APP="$LOCAL/app"
SMOKE=false
BUS=false
TLS=false
TRACING=false
for option in "$@"; do
  case "$option" in
    --smoke) SMOKE=true ;;
    --bus) BUS=true ;;
    --tls) TLS=true ;;
    --tracing) TRACING=true ;;
    -h|--help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $option (try --help)" >&2; exit 2 ;;
  esac
done

VERSION=0.1.0-SNAPSHOT
# Start order: config first (everyone imports their settings from it), then the other four all at once.
SERVICES=(config-service auth-service inventory-service order-service gateway-service)
declare -A PORT=([config-service]=8888 [auth-service]=9000 [inventory-service]=8082 [order-service]=8081 [gateway-service]=8080)
GATEWAY=http://localhost:8080
# The public issuer: the "iss" of every token auth-service signs, which every service checks. Empty: each service
# keeps its configured shop.auth.issuer; set (--tls), it goes to all five, so that they agree.
ISSUER=""
# With --tls: the certificate, and the arguments every curl to the gateway needs to trust it.
TLS_DIR="$LOCAL/tls"
CURL_TLS=()
DEMO_CLIENT=demo-client
# --tracing: the Zipkin server (the version system-tests' pom names too), its port and what the services get.
ZIPKIN_VERSION=3.5.1
ZIPKIN_PORT=9411
ZIPKIN_JAR="$LOCAL/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"
TRACING_ARGS=()
DEMO_SECRET=demo-secret
# Options of the local run for every service, before <service>/jvm.options (whose options win). None today: the
# files choose the JIT (C1 only for config and auth, the full JIT for the three that serve every request).
LOCAL_JVM_OPTIONS=()
# glibc gives each thread that allocates its own malloc arena (64 MB reserved, partly touched); two are plenty
# for a JVM, whose heap is not malloc'ed.
export MALLOC_ARENA_MAX=2
PIDS=()
declare -A PID_OF=()
TRAINING_PIDS=()

# Colours only on a terminal: a log file or a CI console gets plain text.
BOLD='' RED='' YELLOW='' RESET='' ERR_RESET=''
if [ -t 1 ]; then BOLD=$'\033[1m' RESET=$'\033[0m'; fi
if [ -t 2 ]; then RED=$'\033[31m' YELLOW=$'\033[33m' ERR_RESET=$'\033[0m'; fi
say() { printf '%s==>%s %s\n' "$BOLD" "$RESET" "$*"; }
warn() { printf '%sWARNING:%s %s\n' "$YELLOW" "$ERR_RESET" "$*" >&2; }
fail() { printf '%sERROR:%s %s\n' "$RED" "$ERR_RESET" "$*" >&2; exit 1; }

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
  local status=$? pid
  # Training runs still going (Ctrl-C during the first start): each is a subshell with its JVM as child.
  for pid in "${TRAINING_PIDS[@]}"; do
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
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
    # Any source or pom newer than the jar (in the service or in common-lib) means a rebuild; jvm.options does not
    # go into the jar.
    if [ -n "$(find "$ROOT/$service" "$ROOT/common-lib" "$ROOT/pom.xml" \( -path '*/target' -prune \) \
      -o -type f ! -name jvm.options -newer "$jar" -print -quit)" ]; then
      return 0
    fi
  done
  return 1
}

# The build prints one line per module (and Maven's errors), the whole output goes to .local/logs/build.log.
build() {
  say "Building the services (./mvnw package, tests skipped; ./mvnw verify runs them). Full output: $LOGS/build.log"
  local started=$SECONDS
  if ! ./mvnw -B -ntp -DskipTests package 2>&1 | tee "$LOGS/build.log" |
    sed -un -E 's/^\[INFO\] Building ([^ ]+) [^ ]+ +\[([0-9]+\/[0-9]+)\]$/    [\2] \1/p; /^\[ERROR\]/p'; then
    fail "the build failed: see $LOGS/build.log"
  fi
  say "Built in $((SECONDS - started))s"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${CURL_TLS[@]}" "$1" 2>/dev/null || true; }

# True if something accepts connections on the port (whatever it speaks: HTTP, HTTPS or else).
listening() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --tls: a self-signed certificate for localhost and 127.0.0.1 and its key (PEM, the key readable by this user only),
# made once per checkout and reused; made again when it expires within a day.
make_certificate() {
  local cert=$TLS_DIR/cert.pem key=$TLS_DIR/key.pem
  if [ -s "$cert" ] && [ -s "$key" ] && openssl x509 -checkend 86400 -noout -in "$cert" > /dev/null 2>&1; then
    say "TLS: reusing the certificate $cert"
    return 0
  fi
  mkdir -p "$TLS_DIR"
  if ! (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$key" -out "$cert") > "$LOGS/tls.log" 2>&1; then
    fail "--tls: openssl could not make a certificate (see $LOGS/tls.log)"
  fi
  say "TLS: made a self-signed certificate for localhost and 127.0.0.1: $cert"
}

command -v java >/dev/null || fail "java is not on the PATH: install a JDK 17 or newer"
command -v curl >/dev/null || fail "curl is not on the PATH"

for service in "${SERVICES[@]}"; do
  if listening "${PORT[$service]}"; then
    fail "port ${PORT[$service]} (for $service) is already in use: stop whatever listens there first"
  fi
done
if $TRACING && listening "$ZIPKIN_PORT"; then
  fail "port $ZIPKIN_PORT (for Zipkin, --tracing) is already in use: stop whatever listens there first"
fi

mkdir -p "$LOGS" "$LOCAL/data"

# --tls: HTTPS on the gateway's usual port rather than a second one, so that only the scheme of every URL changes
# (and nothing else needs a port of its own); a plain-HTTP redirect port (shop.gateway.tls.redirect-port) is for
# servers where 80 and 443 are both public. HSTS is per host, not per port: max-age 0, so that a browser does not
# force HTTPS onto the other services' plain-HTTP ports on localhost for a year.
GATEWAY_TLS_ARGS=()
if $TLS; then
  command -v openssl >/dev/null || fail "--tls: openssl is not on the PATH"
  make_certificate
  GATEWAY=https://localhost:${PORT[gateway-service]}
  ISSUER=$GATEWAY
  CURL_TLS=(--cacert "$TLS_DIR/cert.pem")
  GATEWAY_TLS_ARGS=(--server.ssl.bundle=gateway
    --spring.ssl.bundle.pem.gateway.keystore.certificate="file:$TLS_DIR/cert.pem"
    --spring.ssl.bundle.pem.gateway.keystore.private-key="file:$TLS_DIR/key.pem"
    --shop.gateway.tls.hsts.max-age=0)
fi
if needs_build; then
  build
else
  say "Jars are up to date"
fi

# --tracing: Zipkin's runnable jar from Maven Central (or the local Maven repository), once per local folder.
fetch_zipkin() {
  [ -s "$ZIPKIN_JAR" ] && return 0
  say "Tracing: fetching io.zipkin:zipkin-server:$ZIPKIN_VERSION with ./mvnw (once; log $LOGS/zipkin-fetch.log)"
  ./mvnw -B -ntp -N dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
    -DoutputDirectory="$(dirname "$ZIPKIN_JAR")" > "$LOGS/zipkin-fetch.log" 2>&1 ||
    fail "--tracing: could not fetch Zipkin (see $LOGS/zipkin-fetch.log)"
  [ -s "$ZIPKIN_JAR" ] || fail "--tracing: no $ZIPKIN_JAR after the fetch (see $LOGS/zipkin-fetch.log)"
}

# Zipkin keeps spans in memory and listens on 127.0.0.1 alone (Armeria serves it: its port list replaces the
# default, every interface). It is stopped with the services and, like them, stops the run if it dies.
start_zipkin() {
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -jar "$ZIPKIN_JAR" \
    "--armeria.ports[0].port=$ZIPKIN_PORT" "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].protocols[0]=http" \
    > "$LOGS/zipkin.log" 2>&1 &
  PIDS+=($!)
  PID_OF[zipkin]=$!
  say "Zipkin started (pid $!, port $ZIPKIN_PORT, log $LOGS/zipkin.log)"
}

if $TRACING; then
  fetch_zipkin
  TRACING_ARGS=(--management.tracing.export.zipkin.enabled=true
    "--management.tracing.export.zipkin.endpoint=http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans")
fi

# Secrets the local run needs, generated once per checkout and never committed; a secret added to this list later
# is appended to an existing file. CONFIG_SERVER_PASSWORD: the services read their settings from config-service
# with it (user config-client); CONFIG_ADMIN_PASSWORD: operators encrypt values and refresh (user config-admin);
# ENCRYPT_KEY: config-service decrypts {cipher} values with it.
SECRETS=(ORDER_SERVICE_CLIENT_SECRET OPS_CLIENT_SECRET CONFIG_SERVER_PASSWORD CONFIG_ADMIN_PASSWORD ENCRYPT_KEY)
(
  umask 077
  touch "$LOCAL/secrets.env"
  for secret in "${SECRETS[@]}"; do
    grep -q "^$secret=" "$LOCAL/secrets.env" ||
      echo "$secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" >> "$LOCAL/secrets.env"
  done
)
set -a
# shellcheck disable=SC1091
. "$LOCAL/secrets.env"
set +a
export CONFIG_SERVER_URL=http://localhost:8888
CONFIG_CLIENT="${CONFIG_SERVER_USERNAME:-config-client}:$CONFIG_SERVER_PASSWORD"
if $BUS; then
  export SPRING_CLOUD_BUS_ENABLED=true
  export SPRING_RABBITMQ_HOST="${SPRING_RABBITMQ_HOST:-localhost}" SPRING_RABBITMQ_PORT="${SPRING_RABBITMQ_PORT:-5672}"
  if ! (exec 3<> "/dev/tcp/$SPRING_RABBITMQ_HOST/$SPRING_RABBITMQ_PORT") 2> /dev/null; then
    fail "--bus: no RabbitMQ answers on $SPRING_RABBITMQ_HOST:$SPRING_RABBITMQ_PORT (set SPRING_RABBITMQ_HOST/PORT/USERNAME/PASSWORD)"
  fi
  say "Spring Cloud Bus on, over RabbitMQ at $SPRING_RABBITMQ_HOST:$SPRING_RABBITMQ_PORT"
fi

# Start-up archives. A JVM that maps the classes a service loads at start from an archive, instead of finding,
# reading and verifying them in the jar, starts in about half the time. Both kinds are made in a training run
# that starts the application up to the end of its context refresh (as the Dockerfile does), from the jar
# extracted into plain jars (an archive cannot hold classes of nested jars). JDK 24 and newer write an AOT cache,
# older ones a dynamic CDS archive. An archive only fits the JDK and options it was made with: these, with the jar,
# are its inputs, and a change of any of them makes it again.
JAVA_FLAGS=$(java -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null || true)
if grep -q 'AOTCacheOutput' <<< "$JAVA_FLAGS"; then
  ARCHIVE=app.aot MAKE_ARCHIVE=-XX:AOTCacheOutput USE_ARCHIVE=-XX:AOTCache
else
  ARCHIVE=app.jsa MAKE_ARCHIVE=-XX:ArchiveClassesAtExit USE_ARCHIVE=-XX:SharedArchiveFile
fi
# Two training runs at a time: each keeps a core busy, and this is sized for a 2-core laptop.
TRAINING_CONCURRENCY=2

JAVA_VERSION=$(java -version 2>&1)
archive_inputs() {
  echo "$JAVA_VERSION"
  echo "${LOCAL_JVM_OPTIONS[*]} $MAKE_ARCHIVE"
  cat "$ROOT/$1/jvm.options"
}

# True if the service's last training run (which may have failed) had its current inputs.
archive_is_current() {
  local service=$1 dir="$APP/$1"
  [ -f "$dir/inputs" ] && [ "$dir/inputs" -nt "$(jar_of "$service")" ] &&
    [ "$(cat "$dir/inputs")" = "$(archive_inputs "$service")" ]
}

# Extracts the jar and makes the archive (none if the training run fails); writes the inputs at the end.
train() {
  local service=$1 dir="$APP/$1" log="$LOGS/$1-training.log" data="$LOCAL/training/$1"
  rm -rf "$dir" "$data"
  mkdir -p "$APP"
  if java -Djarmode=tools -jar "$(jar_of "$service")" extract --destination "$dir" > "$log" 2>&1 &&
    java "${LOCAL_JVM_OPTIONS[@]}" @"$ROOT/$service/jvm.options" "$MAKE_ARCHIVE=$dir/$ARCHIVE" \
      -Dspring.context.exit=onRefresh -Dspring.cloud.config.enabled=false -Dshop.data-dir="$data" \
      -jar "$dir/$service-$VERSION.jar" >> "$log" 2>&1 &&
    [ -s "$dir/$ARCHIVE" ]; then
    :
  else
    mkdir -p "$dir"
    rm -f "$dir/$ARCHIVE"
  fi
  rm -rf "$data"
  archive_inputs "$service" > "$dir/inputs"
}

to_train=()
for service in "${SERVICES[@]}"; do
  archive_is_current "$service" || to_train+=("$service")
done
if [ ${#to_train[@]} -gt 0 ]; then
  say "Training runs for start-up archives ($ARCHIVE; ${to_train[*]}), $TRAINING_CONCURRENCY at a time; once per jar"
  started=$SECONDS
  for service in "${to_train[@]}"; do
    if [ ${#TRAINING_PIDS[@]} -ge "$TRAINING_CONCURRENCY" ]; then
      wait -n || true
      running=()
      for pid in "${TRAINING_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && running+=("$pid"); done
      TRAINING_PIDS=("${running[@]}")
    fi
    train "$service" &
    TRAINING_PIDS+=($!)
  done
  wait "${TRAINING_PIDS[@]}" || true
  TRAINING_PIDS=()
  say "Training runs done in $((SECONDS - started))s"
fi

# Extra command-line arguments for every service, for example to lift the gateway's rate limits for a benchmark
# (they win over config-repo/; a service ignores properties it does not know).
read -r -a EXTRA_ARGS <<< "${SHOP_SERVICE_ARGS:-}"

# SHOP_ORDER_SERVICE_ARGS for order-service, and so on.
service_args_variable() { local name=${1^^}; echo "SHOP_${name//-/_}_ARGS"; }

start() {
  local service=$1 variable service_args launch
  variable=$(service_args_variable "$service")
  read -r -a service_args <<< "${!variable:-}"
  if [ -f "$APP/$service/$ARCHIVE" ]; then
    launch=("$USE_ARCHIVE=$APP/$service/$ARCHIVE" -jar "$APP/$service/$service-$VERSION.jar")
  else
    warn "$service starts from its plain jar: its training run failed (see $LOGS/$service-training.log)"
    launch=(-jar "$(jar_of "$service")")
  fi
  # Only the gateway faces the network; the other services listen on the loopback interface alone.
  local address=(--server.address=127.0.0.1) tls=() issuer=()
  [ "$service" != gateway-service ] || { address=(); tls=("${GATEWAY_TLS_ARGS[@]}"); }
  [ -z "$ISSUER" ] || issuer=(--shop.auth.issuer="$ISSUER")
  java "${LOCAL_JVM_OPTIONS[@]}" @"$ROOT/$service/jvm.options" "${launch[@]}" \
    --server.port="${PORT[$service]}" "${address[@]}" --shop.data-dir="$LOCAL/data" "${issuer[@]}" "${tls[@]}" \
    "${TRACING_ARGS[@]}" "${EXTRA_ARGS[@]}" "${service_args[@]}" \
    > "$LOGS/$service.log" 2>&1 &
  PIDS+=($!)
  PID_OF[$service]=$!
  say "Started $service (pid $!, port ${PORT[$service]}, log $LOGS/$service.log)"
}

# Fails, naming the service and its log, if a service this script started is no longer running (the EXIT trap
# then stops all the others).
check_running() {
  local service pid status
  for service in "${!PID_OF[@]}"; do
    pid=${PID_OF[$service]}
    if ! kill -0 "$pid" 2>/dev/null; then
      status=0
      wait "$pid" 2>/dev/null || status=$?
      unset "PID_OF[$service]"
      echo >&2
      tail -n 20 "$LOGS/$service.log" >&2
      fail "$service (pid $pid) died with exit status $status: see its log $LOGS/$service.log; stopping the others"
    fi
  done
}

await_ready() {
  local service=$1 url="http://localhost:${PORT[$1]}/actuator/health/readiness"
  [ "$service" != gateway-service ] || url="$GATEWAY/actuator/health/readiness"
  await_answer "$service" "$url"
}

# Waits until the URL answers 200; the name is a service's or zipkin, whose log is $LOGS/<name>.log.
await_answer() {
  local service=$1 url=$2 waited=0
  printf '    waiting for %-18s' "$service"
  until [ "$(http_code "$url")" = "200" ]; do
    check_running
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
# Zipkin starts first and is awaited last: it starts while the services do.
if $TRACING; then start_zipkin; fi
start config-service
await_ready config-service
# The other four all at once. Much of a Spring start (the context refresh) runs on one thread, so one service at a
# time leaves a core idle; on 2 cores, with start-up archives, all at once was ready in 24 s (median of 3), two at
# a time 22 s, one at a time 26 s, all within the noise of a busy machine (19 to 32 s): the simplest stays.
for service in auth-service inventory-service order-service gateway-service; do start "$service"; done
for service in auth-service inventory-service order-service gateway-service; do await_ready "$service"; done
if $TRACING; then await_answer zipkin "http://127.0.0.1:$ZIPKIN_PORT/health"; fi
say "All five services ready in $(( $(date +%s) - started_at ))s"

token() {
  curl -sf "${CURL_TLS[@]}" -u "$DEMO_CLIENT:$DEMO_SECRET" -d grant_type=client_credentials \
    -d scope="orders:read orders:write inventory:read inventory:write" "$GATEWAY/oauth2/token" |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

TOKEN=$(token) || { check_running; fail "could not get a token from auth-service through the gateway"; }
[ -n "$TOKEN" ] || fail "empty token"

say "Stocking demo items (only those that do not exist yet)"
for item in "DEMO-COFFEE:Coffee beans 1 kg:100" "DEMO-MUG:Enamel mug:50" "DEMO-FILTER:Paper filters:200"; do
  IFS=: read -r sku name available <<< "$item"
  if [ "$(curl -s "${CURL_TLS[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/inventory/items/$sku")" = "404" ]; then
    curl -sf "${CURL_TLS[@]}" -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"name\":\"$name\",\"available\":$available}" "$GATEWAY/api/inventory/items/$sku" ||
      { check_running; fail "could not stock $sku"; }
  fi
done

say "Placing a demo order through the gateway"
ORDER_HEADERS=$LOCAL/demo-order.headers
ORDER=$(curl -s "${CURL_TLS[@]}" -D "$ORDER_HEADERS" -w '\n%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: demo-$(date +%s%N)" \
  -d '{"lines":[{"sku":"DEMO-COFFEE","quantity":1},{"sku":"DEMO-MUG","quantity":2}]}' "$GATEWAY/api/orders")
ORDER_STATUS=$(tail -n 1 <<< "$ORDER")
ORDER_BODY=$(head -n -1 <<< "$ORDER")
echo "    HTTP $ORDER_STATUS $ORDER_BODY"
ORDER_TRACE_ID=$(tr -d '\r' < "$ORDER_HEADERS" | awk 'tolower($1) == "x-trace-id:" {print $2}')
echo "    trace id ${ORDER_TRACE_ID:-(none: no X-Trace-Id header)}"
check_running

# What a curl of the printed commands needs to trust the gateway: nothing, or its certificate (--tls).
CACERT=""
TLS_INFO=""
TRACING_INFO=""
if $TRACING; then
  TRACING_INFO="
  traces (Zipkin)  http://localhost:$ZIPKIN_PORT/zipkin/   the demo order: http://localhost:$ZIPKIN_PORT/zipkin/traces/$ORDER_TRACE_ID"
fi
if $TLS; then
  CACERT=" --cacert $TLS_DIR/cert.pem"
  TLS_INFO="
    TLS certificate                 $TLS_DIR/cert.pem (self-signed: trust it, or let the browser warn once)
    issuer of every token           $ISSUER"
fi

cat <<INFO

  Gateway (the only public entry)   $GATEWAY$TLS_INFO
    orders                          $GATEWAY/api/orders
    inventory                       $GATEWAY/api/inventory/items
    token endpoint                  $GATEWAY/oauth2/token
  config-service   http://localhost:8888/order-service/default  (HTTP basic: config-client, password in
                   CONFIG_SERVER_PASSWORD of $LOCAL/secrets.env; config-admin for /encrypt and refreshes)
  sign in          $GATEWAY/.well-known/openid-configuration (OpenID discovery; README: log in as a person)
  order-service    http://localhost:8081/actuator/health
  inventory-service http://localhost:8082/actuator/health
  metrics          http://localhost:8081/actuator/prometheus (same path on every service)$TRACING_INFO

  Get a token and list your orders (curl and jq):
    TOKEN=\$(curl -s$CACERT -u $DEMO_CLIENT:$DEMO_SECRET -d grant_type=client_credentials \\
      -d scope="orders:read orders:write inventory:read inventory:write" $GATEWAY/oauth2/token | jq -r .access_token)
    curl -i$CACERT -H "Authorization: Bearer \$TOKEN" $GATEWAY/api/orders

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
  # Each answer's headers are kept (one file per request) for the look at a refusal below: a request sent after the
  # burst may already find the bucket refilled on a slow machine.
  local headers=$LOCAL/smoke-headers
  rm -rf "$headers"
  mkdir -p "$headers"
  seq 1 300 | xargs -P 8 -I '{}' curl -s "${CURL_TLS[@]}" -o /dev/null -D "$headers/{}" -w '%{http_code}\n' \
    --max-time 10 -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/inventory/items/DEMO-COFFEE" > "$answers"
  limited=$(grep -c '^429$' "$answers" || true)
  server_errors=$(grep -c '^5' "$answers" || true)
  say "300 quick requests of one client: $(sort "$answers" | uniq -c | awk '{printf "%s x %s  ", $1, $2}')"
  check_running
  [ "$server_errors" -eq 0 ] || fail "$server_errors of 300 requests were answered 5xx"
  [ "$limited" -gt 0 ] || fail "none of 300 quick requests met the gateway's rate limit"
  local refused burst
  # awk reads to the end: had it stopped at the first 429, cat would fail the pipe.
  refused=$(cat "$headers"/* | tr -d '\r' | awk -v RS= '/^HTTP\/[0-9.]+ 429/ && !found { print; found = 1 }')
  [ -n "$refused" ] || fail "none of the answers' headers is a 429's"
  grep -qi '^retry-after: [0-9]' <<< "$refused" || fail "a 429 answer carries no Retry-After"
  grep -qi '^content-type: application/problem+json' <<< "$refused" || fail "a 429 answer is no problem"
  burst=$(awk 'tolower($1) == "x-ratelimit-burst-capacity:" {print $2}' <<< "$refused")
  say "A refused request got a 429 problem with Retry-After; the limit allows a burst of ${burst:-?} requests"
}

# Smoke only: config-service answers a read without credentials with a 401 problem, and one with the client's
# credentials with settings that hold none of this checkout's secrets in plain text.
check_config_service() {
  local url=http://localhost:8888/order-service/default anonymous settings secret
  anonymous=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$url")
  [[ "$anonymous" == "401 application/problem+json"* ]] || fail "config-service answered '$anonymous' to a read without credentials"
  settings=$(curl -sf -u "$CONFIG_CLIENT" "$url") || fail "config-service refused its client's credentials"
  grep -q '"orders.max-lines"' <<< "$settings" || fail "config-service served no orders.max-lines"
  for secret in "${SECRETS[@]}"; do
    if grep -qF -- "${!secret}" <<< "$settings"; then fail "config-service serves $secret in plain text"; fi
  done
  say "config-service: 401 without credentials; with them, settings and no plain-text secret"
}

# Fails unless the answer to the curl arguments is a problem (application/problem+json) whose traceId member is the
# trace id of its X-Trace-Id header.
expect_traced_problem() {
  local what=$1 headers=$LOCAL/smoke-problem.headers body=$LOCAL/smoke-problem.json content_type header_id body_id
  shift
  content_type=$(curl -s "${CURL_TLS[@]}" -D "$headers" -o "$body" -w '%{content_type}' --max-time 10 "$@" || true)
  header_id=$(tr -d '\r' < "$headers" | awk 'tolower($1) == "x-trace-id:" {print $2}')
  body_id=$(sed -n 's/.*"traceId" *: *"\([^"]*\)".*/\1/p' "$body" | head -n 1)
  [[ "$content_type" == application/problem+json* ]] || fail "$what: the answer ($content_type) is no problem"
  [[ "$body_id" =~ ^[0-9a-f]{32}$ ]] || fail "$what: the problem carries no traceId: $(cat "$body")"
  [ "$body_id" = "$header_id" ] ||
    fail "$what: the problem's traceId $body_id is not the one of its X-Trace-Id header (${header_id:-none})"
}

# Smoke only: a problem of each of the five services names the trace of its request, as its X-Trace-Id header does:
# config-, auth-, inventory- and order-service refusing a request without credentials, the gateway refusing an API
# call without a token, and a bad order through the gateway (order-service's problem, the gateway's trace id).
check_problem_trace_ids() {
  local service
  expect_traced_problem "config-service, a read without credentials" http://localhost:8888/order-service/default
  for service in auth-service inventory-service order-service; do
    expect_traced_problem "$service, /actuator/metrics without a token" "http://localhost:${PORT[$service]}/actuator/metrics"
  done
  expect_traced_problem "the gateway, an order without a token" "$GATEWAY/api/orders"
  expect_traced_problem "a bad order through the gateway" -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: smoke-bad-$(date +%s%N)" -d '{"lines":[]}' "$GATEWAY/api/orders"
  say "Problems of all five services carry the trace id of their X-Trace-Id header"
}

# Smoke only: order-service publishes its business metrics (after the demo order, the counter has a series).
check_order_metrics() {
  local metrics name
  metrics=$(curl -sf http://localhost:8081/actuator/prometheus) || fail "could not read order-service's /actuator/prometheus"
  for name in shop_orders_total shop_orders_pending_oldest_age_seconds; do
    grep -q "^${name}[{ ]" <<< "$metrics" || fail "order-service's /actuator/prometheus has no $name"
  done
  say "order-service publishes shop_orders_total and shop_orders_pending_oldest_age_seconds"
}

# Smoke with --tracing only: Zipkin holds the demo order's trace (the id of its X-Trace-Id header) with spans of the
# gateway, order- and inventory-service; services report spans about once a second.
check_tracing() {
  local trace service missing waited=0
  [ -n "$ORDER_TRACE_ID" ] || fail "--tracing: the demo order's answer has no X-Trace-Id header"
  while true; do
    trace=$(curl -s --max-time 5 "http://127.0.0.1:$ZIPKIN_PORT/api/v2/trace/$ORDER_TRACE_ID" || true)
    missing=()
    for service in gateway-service order-service inventory-service; do
      grep -Eq "\"serviceName\" *: *\"$service\"" <<< "$trace" || missing+=("$service")
    done
    [ ${#missing[@]} -gt 0 ] || break
    [ "$waited" -lt 30 ] ||
      fail "--tracing: after 30 s Zipkin's trace $ORDER_TRACE_ID of the demo order has no spans of ${missing[*]}"
    sleep 1
    waited=$((waited + 1))
  done
  say "Zipkin: the demo order's trace $ORDER_TRACE_ID holds spans of gateway-service, order-service and inventory-service"
}

# Smoke with --bus only: one POST /actuator/busrefresh on config-service (operator credentials) reaches every other
# service, which logs that it received the refresh request.
check_bus_refresh() {
  local admin="${CONFIG_ADMIN_USERNAME:-config-admin}:$CONFIG_ADMIN_PASSWORD" status service waited
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -u "$admin" http://localhost:8888/actuator/busrefresh)
  [ "$status" = "204" ] || [ "$status" = "200" ] || fail "POST /actuator/busrefresh answered $status"
  for service in auth-service inventory-service order-service gateway-service; do
    waited=0
    until grep -q 'Received remote refresh request' "$LOGS/$service.log"; do
      [ "$waited" -lt 30 ] || fail "$service did not receive the bus refresh within 30 s (see $LOGS/$service.log)"
      sleep 1
      waited=$((waited + 1))
    done
  done
  say "Spring Cloud Bus: one POST /actuator/busrefresh on config-service reached the four other services"
}

# Smoke with --tls only: the gateway answers over HTTPS with the HSTS header (max-age 0 here), every service agreed on
# the HTTPS issuer (the demo order passed the gateway, order- and inventory-service with such tokens), and auth-service
# publishes it in its discovery document through the gateway.
check_tls() {
  local headers discovery
  headers=$(curl -sf "${CURL_TLS[@]}" -D - -o /dev/null "$GATEWAY/actuator/health/readiness") ||
    fail "the gateway did not answer over HTTPS at $GATEWAY with the certificate $TLS_DIR/cert.pem"
  grep -qi '^strict-transport-security: max-age=0' <<< "$headers" || fail "an HTTPS answer of the gateway has no HSTS header"
  discovery=$(curl -sf "${CURL_TLS[@]}" "$GATEWAY/.well-known/openid-configuration") ||
    fail "could not read the discovery document through the gateway"
  grep -qF "\"issuer\":\"$ISSUER\"" <<< "$discovery" || fail "auth-service's issuer is not $ISSUER"
  say "TLS: the gateway answers at $GATEWAY with HSTS, and every token's issuer is $ISSUER"
}

# Smoke only: a person signs in through the gateway as the README shows it (authorization code with PKCE, the login
# form with its CSRF token) and places an order with their token, which the demo client cannot see; an unsigned
# token (alg: none) and a token for another service are refused with a 401 problem, through the gateway and at
# order-service directly.
check_people() {
  local jar verifier challenge authorize csrf next code user_token order_id status body unsigned other
  jar=$(mktemp)
  verifier=$(openssl rand -hex 32)
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
  authorize="$GATEWAY/oauth2/authorize?response_type=code&client_id=shop-web&scope=openid%20orders:read%20orders:write"
  authorize="$authorize&redirect_uri=http://127.0.0.1:8400/callback&state=smoke&code_challenge=$challenge&code_challenge_method=S256"
  curl -s "${CURL_TLS[@]}" -o /dev/null -c "$jar" -b "$jar" -H 'Accept: text/html' "$authorize"
  csrf=$(curl -s "${CURL_TLS[@]}" -c "$jar" -b "$jar" "$GATEWAY/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  next=$(curl -s "${CURL_TLS[@]}" -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -H "Origin: $GATEWAY" \
    --data-urlencode username=alice --data-urlencode password=alice-password --data-urlencode "_csrf=$csrf" "$GATEWAY/login")
  code=$(curl -s "${CURL_TLS[@]}" -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" -H 'Accept: text/html' "$next" |
    sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
  rm -f "$jar"
  [ -n "$code" ] || fail "alice could not sign in through the gateway (no code after the login form)"
  user_token=$(curl -sf "${CURL_TLS[@]}" -d grant_type=authorization_code -d client_id=shop-web -d "code=$code" \
    -d redirect_uri=http://127.0.0.1:8400/callback -d "code_verifier=$verifier" "$GATEWAY/oauth2/token" |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/') || fail "the code of alice's login gave no token"
  body=$(curl -s "${CURL_TLS[@]}" -X POST -H "Authorization: Bearer $user_token" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: smoke-alice-$(date +%s%N)" -d '{"lines":[{"sku":"DEMO-FILTER","quantity":1}]}' "$GATEWAY/api/orders")
  order_id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<< "$body")
  [ -n "$order_id" ] || fail "alice's order was not placed: $body"
  status=$(curl -s "${CURL_TLS[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/orders/$order_id")
  [ "$status" = 404 ] || fail "the demo client saw alice's order $order_id (HTTP $status)"
  # The same claims as alice's token, unsigned; and a real token whose only audience is inventory-service.
  unsigned="$(printf '{"alg":"none","typ":"JWT"}' | base64 -w0 | tr '+/' '-_' | tr -d '=').$(cut -d. -f2 <<< "$user_token")."
  other=$(curl -sf "${CURL_TLS[@]}" -u "$DEMO_CLIENT:$DEMO_SECRET" -d grant_type=client_credentials -d scope=inventory:read \
    "$GATEWAY/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  for token in "$unsigned" "$other"; do
    for url in "$GATEWAY/api/orders" "http://localhost:${PORT[order-service]}/api/orders"; do
      status=$(curl -s "${CURL_TLS[@]}" -o /dev/null -w '%{http_code} %{content_type}' -H "Authorization: Bearer $token" "$url")
      [[ "$status" == "401 application/problem+json"* ]] || fail "a token that must be refused got '$status' at $url"
    done
  done
  say "People: alice signed in through the gateway and her order $order_id is hers alone; an unsigned token and a token for another service got 401 problems through the gateway and directly"
}

if $SMOKE; then
  if [ "$ORDER_STATUS" = "201" ] && grep -q '"status":"CONFIRMED"' <<< "$ORDER_BODY"; then
    if $TLS; then check_tls; fi
    check_people
    check_config_service
    # Before the burst of check_resilience, which empties the demo client's rate limit.
    check_problem_trace_ids
    check_order_metrics
    if $TRACING; then check_tracing; fi
    if $BUS; then check_bus_refresh; fi
    check_resilience
    say "Smoke run passed: the demo order was CONFIRMED, config-service refused a read without credentials, the rate limit answered 429 and no request 5xx"
    exit 0
  fi
  fail "smoke run failed: the demo order was not CONFIRMED (HTTP $ORDER_STATUS)"
fi

say "Running. Press Ctrl-C to stop every service; if one of them dies, the others are stopped too."
while true; do
  check_running
  sleep 1
done
