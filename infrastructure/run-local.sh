#!/usr/bin/env bash
# Runs Congress Vote on this machine: PostgreSQL, a Kafka broker, the MongoDB-wire server and both services, each in
# its own process, all data under one folder. Needs only a JDK 17+ (and Maven Central the first time).
#
#   infrastructure/run-local.sh [--no-build] [--demo] [--cluster]
#
#   --no-build  skip `./mvnw install` (use the jars already built)
#   --demo      after start-up, register congress cantho-7 with 245 generated delegates
#   --cluster   the production shape on loopback: three Kafka brokers (KRaft; topic replicated 3 times,
#               min.insync.replicas 2) on the Kafka ports, +2 and +4; two command-services (command port and +2) on
#               the one PostgreSQL; two query-services (query port and +2), each with its own MongoDB database
#
# Stays in the foreground once everything reports UP; Ctrl-C stops the services, then the servers. A process that
# dies is started again (after 1, 2, 4 ... 60 s), the others keep running. Should this script itself be killed (-9),
# every process it started notices through a FIFO "lifeline" and stops.
# Settings (environment):
#   CONGRESS_DATA_DIR               ./data   all data and logs (logs in DATA/logs)
#   CONGRESS_PG_PORT                15432    PostgreSQL (database congress, user postgres)
#   CONGRESS_KAFKA_PORT             19092    Kafka broker
#   CONGRESS_KAFKA_CONTROLLER_PORT  19093    Kafka controller (KRaft)
#   CONGRESS_MONGO_PORT             27018    MongoDB-wire server
#   CONGRESS_COMMAND_PORT           8081     command-service
#   CONGRESS_QUERY_PORT             8082     query-service
#   CONGRESS_LIVE_PORT              8092     query-service's live stream for audiences (Netty); the web port's
#                                            stream redirects there
#   CONGRESS_PG_BINARIES_DIR        $TMPDIR/embedded-pg   where PostgreSQL's binaries are extracted (once per machine)
#   CONGRESS_SERVICE_JAVA_OPTS      (none)   JVM options of both services, e.g. "-Xmx512m"
#   CONGRESS_START_TIMEOUT          180      seconds each server and service may take to start (a loaded machine)
# The process ids of what runs are in DATA/run/NAME.pid (postgres is the launcher; the postmaster's pid is in
# DATA/postgres/postmaster.pid).
set -euo pipefail

DATA_DIR=${CONGRESS_DATA_DIR:-data}
[[ $DATA_DIR == /* ]] || DATA_DIR=$PWD/$DATA_DIR # relative to where you run this, like ./data
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PG_PORT=${CONGRESS_PG_PORT:-15432}
KAFKA_PORT=${CONGRESS_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${CONGRESS_KAFKA_CONTROLLER_PORT:-19093}
MONGO_PORT=${CONGRESS_MONGO_PORT:-27018}
COMMAND_PORT=${CONGRESS_COMMAND_PORT:-8081}
QUERY_PORT=${CONGRESS_QUERY_PORT:-8082}
LIVE_PORT=${CONGRESS_LIVE_PORT:-8092}
TOPIC=congress-events
TOPIC_PARTITIONS=4
VERSION=0.1.0-SNAPSHOT
COMMAND_JAR=$ROOT/services/command-service/target/command-service-$VERSION-exec.jar
QUERY_JAR=$ROOT/services/query-service/target/query-service-$VERSION-exec.jar
SERVERS_JAR=$ROOT/infrastructure/embedded-servers/target/embedded-servers-$VERSION.jar
LOGS=$DATA_DIR/logs
read -r -a SERVICE_JAVA_OPTS <<<"${CONGRESS_SERVICE_JAVA_OPTS:-}"
START_TIMEOUT=${CONGRESS_START_TIMEOUT:-180}

BUILD=true
DEMO=false
CLUSTER=false
for arg in "$@"; do
    case $arg in
        --no-build) BUILD=false ;;
        --demo) DEMO=true ;;
        --cluster) CLUSTER=true ;;
        -h | --help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf '[run-local] %s\n' "$*"; }
fail() {
    printf '[run-local] ERROR: %s\n' "$*" >&2
    exit 1
}

# --- processes we start, in start order; stopped in reverse groups by cleanup -------------------------------------
declare -A PID=()
declare -A LOG=()
declare -A WATCHER=()
declare -A CMD=()         # the command line, for a restart
declare -A STARTED=()     # when it was last started ($SECONDS)
declare -A RESTARTS=()    # restarts in a row without a minute of running in between
declare -A RESTART_AT=()  # a dead process waiting for its restart ($SECONDS)
declare -A IS_SERVICE=()

# What runs: one of each, or (--cluster) three Kafka nodes and two instances of each service.
NODES=1
$CLUSTER && NODES=3
INSTANCES=1
$CLUSTER && INSTANCES=2
kafka_name() { if $CLUSTER; then echo "kafka-$1"; else echo kafka; fi; }
service_name() { if $CLUSTER; then echo "$1-$2"; else echo "$1"; fi; }
KAFKA_NAMES=()
for ((n = 1; n <= NODES; n++)); do KAFKA_NAMES+=("$(kafka_name $n)"); done
COMMAND_NAMES=()
QUERY_NAMES=()
for ((i = 1; i <= INSTANCES; i++)); do
    COMMAND_NAMES+=("$(service_name command-service $i)")
    QUERY_NAMES+=("$(service_name query-service $i)")
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_ports_free() {
    local entry port var
    local entries=("$PG_PORT:CONGRESS_PG_PORT" "$MONGO_PORT:CONGRESS_MONGO_PORT") n i
    for ((n = 0; n < NODES; n++)); do
        entries+=("$((KAFKA_PORT + 2 * n)):CONGRESS_KAFKA_PORT" "$((KAFKA_CONTROLLER_PORT + 2 * n)):CONGRESS_KAFKA_CONTROLLER_PORT")
    done
    for ((i = 0; i < INSTANCES; i++)); do
        entries+=("$((COMMAND_PORT + 2 * i)):CONGRESS_COMMAND_PORT" "$((QUERY_PORT + 2 * i)):CONGRESS_QUERY_PORT"
            "$((LIVE_PORT + 2 * i)):CONGRESS_LIVE_PORT")
    done
    for entry in "${entries[@]}"; do
        port=${entry%%:*}
        var=${entry#*:}
        if port_in_use "$port"; then
            fail "port $port is already in use (is Congress Vote already running?). Free it, or choose another port with $var=..."
        fi
    done
}

tail_log() {
    local file=$1
    [[ -f $file ]] || return 0
    printf -- '----- last lines of %s -----\n' "$file" >&2
    tail -n 40 "$file" >&2
    printf -- '-----\n' >&2
}

# Waits for a READY line from one of our server mains; fails with its log if it dies or takes too long.
await_ready() {
    local name=$1 timeout=$2 waited=0
    until grep -q '^READY ' "${LOG[$name]}" 2>/dev/null; do
        if ! kill -0 "${PID[$name]}" 2>/dev/null; then
            tail_log "${LOG[$name]}"
            fail "$name exited during start-up (log: ${LOG[$name]})"
        fi
        if ((waited >= timeout * 10)); then
            tail_log "${LOG[$name]}"
            fail "$name was not ready within ${timeout}s (log: ${LOG[$name]})"
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    say "$name ready: $(grep -m1 '^READY ' "${LOG[$name]}" | cut -d' ' -f3-)"
}

# http METHOD URL [JSON-BODY]: prints the response body, then a last line holding the status code.
# curl when present; otherwise bash's /dev/tcp (a fresh machine may have only a JDK).
http() {
    local method=$1 url=$2 body=${3-}
    if command -v curl >/dev/null 2>&1; then
        curl -sS -m 15 -X "$method" -H 'Content-Type: application/json' ${body:+--data-binary "$body"} \
            -w '\n%{http_code}' "$url" 2>/dev/null || printf '\n000'
        return 0
    fi
    local rest=${url#http://}
    local hostport=${rest%%/*} path=/${rest#*/}
    local length response status
    length=$(printf '%s' "$body" | LC_ALL=C wc -c)
    response=$({
        exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" &&
            printf '%s %s HTTP/1.0\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
                "$method" "$path" "$hostport" "$length" "$body" >&3 &&
            timeout 15 cat <&3
    } 2>/dev/null) || true
    status=$(head -n1 <<<"$response" | cut -d' ' -f2)
    printf '%s\n%s' "${response#*$'\r\n\r\n'}" "${status:-000}"
}

declare -A REPORTED_UP=()
await_healthy() {
    local name=$1 port=$2 timeout=$3 waited=0 response
    [[ -n ${REPORTED_UP[$name]-} ]] && return 0 # the cluster's first instance is awaited twice; said once
    while true; do
        response=$(http GET "http://127.0.0.1:$port/actuator/health")
        if [[ $response == '{"status":"UP"'* ]]; then
            say "$name is UP on http://127.0.0.1:$port"
            REPORTED_UP[$name]=1
            return 0
        fi
        if ! kill -0 "${PID[$name]}" 2>/dev/null; then
            tail_log "${LOG[$name]}"
            fail "$name exited during start-up (log: ${LOG[$name]})"
        fi
        if ((waited >= timeout)); then
            tail_log "${LOG[$name]}"
            fail "$name did not report UP within ${timeout}s; last health answer: ${response//$'\n'/ } (log: ${LOG[$name]})"
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

stop_one() {
    local name=$1 timeout=$2 pid=${PID[$1]-} i
    [[ -n $pid ]] || return 0
    for ((i = 0; i < timeout * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || { unset "PID[$name]"; return 0; }
        sleep 0.1
    done
    say "$name did not stop within ${timeout}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    unset "PID[$name]"
}

stop_group() {
    local timeout=$1 name
    shift
    for name in "$@"; do
        [[ -n ${WATCHER[$name]-} ]] && kill -KILL "${WATCHER[$name]}" 2>/dev/null || true
        [[ -n ${PID[$name]-} ]] && kill -TERM "${PID[$name]}" 2>/dev/null || true
    done
    for name in "$@"; do
        stop_one "$name" "$timeout"
    done
}

STOPPING=false
cleanup() {
    $STOPPING && return 0
    STOPPING=true
    if ((${#PID[@]} > 0)); then
        say "stopping the services, then the servers..."
        stop_group 30 "${QUERY_NAMES[@]}" "${COMMAND_NAMES[@]}"
        stop_group 60 "${KAFKA_NAMES[@]}" mongo postgres
        say "stopped; data kept in $DATA_DIR"
    fi
    exec 9>&-
    rm -f "$DATA_DIR/.lifeline"
    rm -rf "$DATA_DIR/run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts a background process logging to DATA/logs/NAME.log (the previous run's log is kept as NAME.log.1).
# Its stdin is the lifeline: if this script dies, even by kill -9, our server mains read end of file and exit.
# The command is kept (CMD) so that the supervisor below can start it again.
launch() {
    local name=$1
    shift
    LOG[$name]=$LOGS/$name.log
    CMD[$name]=$(printf '%q ' "$@")
    [[ -f ${LOG[$name]} ]] && mv -f "${LOG[$name]}" "${LOG[$name]}.1"
    "$@" <"$DATA_DIR/.lifeline" >>"${LOG[$name]}" 2>&1 9>&- &
    PID[$name]=$!
    STARTED[$name]=$SECONDS
    echo "${PID[$name]}" >"$DATA_DIR/run/$name.pid"
}

# A Spring Boot service does not watch its stdin: a watcher stops it when the lifeline breaks.
launch_service() {
    local name=$1 pid
    IS_SERVICE[$name]=true
    launch "$@"
    pid=${PID[$name]}
    (cat >/dev/null; kill -TERM "$pid" 2>/dev/null) <"$DATA_DIR/.lifeline" 9>&- &
    WATCHER[$name]=$!
    disown "${WATCHER[$name]}" # no job report when cleanup kills it
}

# --- 1. prerequisites -----------------------------------------------------------------------------------------------
command -v java >/dev/null 2>&1 || fail "no 'java' on the PATH: install a JDK 17 or newer"
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[[ ${JAVA_MAJOR%%.*} =~ ^[0-9]+$ ]] && ((${JAVA_MAJOR%%.*} >= 17)) || fail "Java 17 or newer is needed; 'java' is version $JAVA_MAJOR"
check_ports_free

# --- 2. build ---------------------------------------------------------------------------------------------------
if $BUILD; then
    say "building (./mvnw -q -B -DskipTests install)..."
    ./mvnw -q -B -DskipTests install || fail "the build failed; see the Maven output above"
fi
for jar in "$SERVERS_JAR" "$COMMAND_JAR" "$QUERY_JAR"; do
    [[ -f $jar ]] || fail "missing $jar: run without --no-build"
done
mkdir -p "$LOGS"
DATA_DIR=$(cd "$DATA_DIR" && pwd -P)
LOGS=$DATA_DIR/logs
CLASSPATH_FILE=$DATA_DIR/.embedded-servers.classpath
./mvnw -q -B -pl infrastructure/embedded-servers dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$CLASSPATH_FILE" >"$LOGS/maven-classpath.log" 2>&1 ||
    { tail_log "$LOGS/maven-classpath.log"; fail "could not compute the servers' classpath"; }
SERVERS_CP=$SERVERS_JAR:$(cat "$CLASSPATH_FILE")

# --- 3. servers -------------------------------------------------------------------------------------------------
rm -f "$DATA_DIR/.lifeline"
mkfifo "$DATA_DIR/.lifeline"
mkdir -p "$DATA_DIR/run"
exec 9<>"$DATA_DIR/.lifeline" # the only writer: held by this shell alone

say "starting PostgreSQL :$PG_PORT, Kafka :$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT), MongoDB-wire :$MONGO_PORT"
say "data in $DATA_DIR, logs in $LOGS"
# 128 MiB: zonky reads its 14 MiB archive into memory at every start (the extraction itself streams, PostgresBinaries)
launch postgres java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$SERVERS_CP" \
    org.congressvote.infra.PostgresMain --port "$PG_PORT" --data-dir "$DATA_DIR/postgres" \
    --log-file "$LOGS/postgres-server.log" --exit-on-stdin-eof
KAFKA=
if $CLUSTER; then
    # one cluster id for the three nodes' storage, kept for the later runs on the same data
    [[ -s $DATA_DIR/kafka-cluster-id ]] ||
        head -c 16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22 >"$DATA_DIR/kafka-cluster-id"
    VOTERS=
    for ((n = 1; n <= NODES; n++)); do
        VOTERS+="${VOTERS:+,}$n@127.0.0.1:$((KAFKA_CONTROLLER_PORT + 2 * (n - 1)))"
    done
fi
for ((n = 1; n <= NODES; n++)); do
    NODE_ARGS=()
    $CLUSTER && NODE_ARGS=(--node-id "$n" --voters "$VOTERS" --cluster-id "$(cat "$DATA_DIR/kafka-cluster-id")")
    port=$((KAFKA_PORT + 2 * (n - 1)))
    KAFKA+="${KAFKA:+,}127.0.0.1:$port"
    launch "$(kafka_name $n)" java -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$SERVERS_CP" \
        org.congressvote.infra.KafkaBrokerMain --data-dir "$DATA_DIR/$(kafka_name $n)" --port "$port" \
        --controller-port "$((KAFKA_CONTROLLER_PORT + 2 * (n - 1)))" --topic "$TOPIC:$TOPIC_PARTITIONS" \
        --exit-on-stdin-eof "${NODE_ARGS[@]}"
done
launch mongo java -Xmx384m -XX:+ExitOnOutOfMemoryError -cp "$SERVERS_CP" \
    org.congressvote.infra.MongoWireMain --port "$MONGO_PORT" --data-dir "$DATA_DIR/mongo" --exit-on-stdin-eof
await_ready postgres "$START_TIMEOUT"
await_ready mongo "$START_TIMEOUT"
for name in "${KAFKA_NAMES[@]}"; do
    await_ready "$name" "$START_TIMEOUT" # READY only once topic congress-events exists, so no service meets an auto-made topic
done

# --- 4. services ------------------------------------------------------------------------------------------------
# The first administrator's password: CONGRESS_ADMIN_PASSWORD if set, else one generated on the first run and kept
# (readable by you only) in $DATA_DIR/admin-password. The service never has a built-in default.
if [[ -z ${CONGRESS_ADMIN_PASSWORD:-} ]]; then
    if [[ ! -s $DATA_DIR/admin-password ]]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$DATA_DIR/admin-password")
    fi
    CONGRESS_ADMIN_PASSWORD=$(cat "$DATA_DIR/admin-password")
fi
export CONGRESS_ADMIN_PASSWORD
DEMO_ARGS=()
if $DEMO; then
    DEMO_ARGS=(--congress.demo.enabled=true --congress.counting.demo-committee=true --congress.demo.cards-file="$DATA_DIR/demo-cards.csv")
fi
# Several command-services share the one PostgreSQL; each query-service has a MongoDB database of its own.
for ((i = 1; i <= INSTANCES; i++)); do
    # the demo is seeded by the first instance only; the second starts once the first has made the schema
    INSTANCE_ARGS=()
    if ((i == 1)); then
        INSTANCE_ARGS=("${DEMO_ARGS[@]}")
    else
        await_healthy "${COMMAND_NAMES[0]}" "$COMMAND_PORT" "$START_TIMEOUT"
    fi
    launch_service "${COMMAND_NAMES[i - 1]}" java "${SERVICE_JAVA_OPTS[@]}" -Daxoniq.update-checker.disabled=true \
        -jar "$COMMAND_JAR" --server.port="$((COMMAND_PORT + 2 * (i - 1)))" "${INSTANCE_ARGS[@]}" \
        --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/congress" \
        --spring.datasource.username=postgres --spring.datasource.password=postgres \
        --axon.kafka.bootstrap-servers="$KAFKA"
    database=congress
    $CLUSTER && database=congress-$i
    launch_service "${QUERY_NAMES[i - 1]}" java "${SERVICE_JAVA_OPTS[@]}" -Daxoniq.update-checker.disabled=true \
        -jar "$QUERY_JAR" --server.port="$((QUERY_PORT + 2 * (i - 1)))" \
        --congress.live.port="$((LIVE_PORT + 2 * (i - 1)))" \
        --spring.data.mongodb.uri="mongodb://127.0.0.1:$MONGO_PORT/$database" \
        --axon.kafka.bootstrap-servers="$KAFKA"
done
for ((i = 1; i <= INSTANCES; i++)); do
    await_healthy "${COMMAND_NAMES[i - 1]}" "$((COMMAND_PORT + 2 * (i - 1)))" "$START_TIMEOUT"
    await_healthy "${QUERY_NAMES[i - 1]}" "$((QUERY_PORT + 2 * (i - 1)))" "$START_TIMEOUT"
done

# --- 5. demo data -----------------------------------------------------------------------------------------------
# --demo is seeded by command-service itself (congress.demo.enabled): the seed article's congress, through the same
# commands and rules as the secretariat's. The delegates' card codes are written to $DATA_DIR/demo-cards.csv.
# The service reports UP while it seeds: wait for the seed to end, so that the README's curl example works at once.
if $DEMO; then
    waited=0
    until grep -Eq 'demo: congress [^ ]+ (seeded|exists already)' "${LOG[${COMMAND_NAMES[0]}]}" 2>/dev/null; do
        if ! kill -0 "${PID[${COMMAND_NAMES[0]}]}" 2>/dev/null; then
            tail_log "${LOG[${COMMAND_NAMES[0]}]}"
            fail "command-service exited while seeding the demo congress (log: ${LOG[${COMMAND_NAMES[0]}]})"
        fi
        ((waited < 300)) || { tail_log "${LOG[${COMMAND_NAMES[0]}]}"; fail "the demo congress was not seeded within 300s"; }
        sleep 1
        waited=$((waited + 1))
    done
    say "demo congress cantho-7 seeded"
fi

# --- 6. up: wait in the foreground ------------------------------------------------------------------------------
# The banner is printed by a builtin: a Ctrl-C that lands while an external foreground command (cat) is ending is
# taken by bash as handled by that command and dropped (bash's "wait and cooperative exit"), and the run went on.
read -r -d '' BANNER <<EOF || true

Congress Vote is up.
  command-service  http://127.0.0.1:$COMMAND_PORT   (OpenAPI: http://127.0.0.1:$COMMAND_PORT/swagger-ui.html)
  query-service    http://127.0.0.1:$QUERY_PORT  (live streams for audiences: port $LIVE_PORT)
  PostgreSQL       jdbc:postgresql://127.0.0.1:$PG_PORT/congress  (user postgres)
  Kafka            $KAFKA  (topic $TOPIC)
  MongoDB-wire     mongodb://127.0.0.1:$MONGO_PORT/congress$($CLUSTER && echo "-1 and /congress-2")
$($CLUSTER && echo "  second instances command-service http://127.0.0.1:$((COMMAND_PORT + 2)), query-service http://127.0.0.1:$((QUERY_PORT + 2))")
  data and logs    $DATA_DIR  ($LOGS)

  administrator    user admin; password: your CONGRESS_ADMIN_PASSWORD, or the one generated in $DATA_DIR/admin-password
$($DEMO && echo "  demo congress    cantho-7 (in session); the delegates' card codes are in $DATA_DIR/demo-cards.csv")

Try (docs/api.md has the whole API):
  curl -s http://127.0.0.1:$QUERY_PORT/api/congresses/cantho-7/attendance
  curl -s -X POST -H 'Content-Type: application/json' http://127.0.0.1:$COMMAND_PORT/api/auth/login \\
       -d '{"username":"admin","password":"PASSWORD"}'          # answers {"token":"...", ...}
  curl -s -X POST -H 'Authorization: Bearer TOKEN' http://127.0.0.1:$COMMAND_PORT/api/motions/chuong-trinh/open
  curl -s -X POST -H 'Content-Type: application/json' http://127.0.0.1:$COMMAND_PORT/api/auth/delegate \\
       -d '{"code":"CARD-CODE-OF-D001"}'                       # a delegate's session
  curl -s -X POST -H 'Authorization: Bearer DELEGATE_TOKEN' -H 'Content-Type: application/json' \\
       http://127.0.0.1:$COMMAND_PORT/api/motions/chuong-trinh/votes -d '{"choice":"AGREE"}'
  curl -s http://127.0.0.1:$QUERY_PORT/api/motions/chuong-trinh/tally

Press Ctrl-C to stop everything.
EOF
printf '\n%s\n' "$BANNER"

# Supervision: a process that dies is started again after 1, 2, 4 ... 60 s (back to 1 s once it has run for a
# minute); the others keep running and reconnect. Its log continues in the same file.
relaunch() {
    local name=$1 pid
    printf '[run-local] %s restart #%d\n' "$(date '+%F %T')" "${RESTARTS[$name]}" >>"${LOG[$name]}"
    eval "exec ${CMD[$name]}" <"$DATA_DIR/.lifeline" >>"${LOG[$name]}" 2>&1 9>&- &
    PID[$name]=$!
    STARTED[$name]=$SECONDS
    echo "${PID[$name]}" >"$DATA_DIR/run/$name.pid"
    if [[ -n ${IS_SERVICE[$name]-} ]]; then
        pid=${PID[$name]}
        [[ -n ${WATCHER[$name]-} ]] && kill -KILL "${WATCHER[$name]}" 2>/dev/null || true
        (cat >/dev/null; kill -TERM "$pid" 2>/dev/null) <"$DATA_DIR/.lifeline" 9>&- &
        WATCHER[$name]=$!
        disown "${WATCHER[$name]}"
    fi
    say "$name restarted (pid ${PID[$name]}, log ${LOG[$name]})"
}

while true; do
    for name in "${!PID[@]}"; do
        if ! kill -0 "${PID[$name]}" 2>/dev/null; then
            status=0
            wait "${PID[$name]}" 2>/dev/null || status=$?
            unset "PID[$name]"
            ((SECONDS - STARTED[$name] >= 60)) && RESTARTS[$name]=0
            RESTARTS[$name]=$((${RESTARTS[$name]:-0} + 1))
            delay=60
            ((RESTARTS[$name] <= 6)) && delay=$((1 << (RESTARTS[$name] - 1)))
            RESTART_AT[$name]=$((SECONDS + delay))
            say "$name exited unexpectedly (status $status); restarting it in ${delay}s (log: ${LOG[$name]})"
        fi
    done
    for name in "${!RESTART_AT[@]}"; do
        if ((SECONDS >= RESTART_AT[$name])); then
            unset "RESTART_AT[$name]"
            relaunch "$name"
        fi
    done
    sleep 1 &
    wait $! || true
done
