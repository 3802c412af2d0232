#!/usr/bin/env bash
# One benchmark run of Congress Vote on this machine. It starts its own servers and services (PostgreSQL, a Kafka
# broker, the MongoDB-wire server, command-service and query-service, each in its own process, on loopback, with data
# in a fresh folder), measures, writes a report to DATA/bench-report.md and the measured section of
# docs/benchmarks.md, and stops everything. It does not use a system started by run-local.sh (ports and data would
# clash with your local run and its data would skew the figures). Takes about 15 minutes with the defaults.
#
#   infrastructure/bench/run-bench.sh [--no-build] [bench options]
#
#   --no-build                 use the jars already built
#   --voters N                 voters of the big assembly (default 100000)
#   --rates 100,500,1000,2000  open-loop arrival rates, votes/s
#   --rebuild 100000,1000000   sizes of the rebuild topics, events
#   --rebuild-minutes 10       time bound of each rebuild
#   --phones 32                concurrent phones of the closed-loop shapes (and raw-limit client threads)
#   --stages raw,seed,referendum,assembly,rebuild   (also: viewers; overload, after the referendum's open loops;
#                              loops: the open loops and overload on a congress of --loops-delegates 1000 instead;
#                              metrics: the per-command meters' cost, the same open loop with them on and off)
#   --metrics-rate 1000        open-loop rate of the metrics stage, votes/s, for
#   --metrics-seconds 15       seconds each run (four runs: on, off, on, off, each after a restart and a warm-up)
#   --overload-rates 3000      open-loop rates past the sustainable one (stage overload), votes/s, for
#   --overload-seconds 10      seconds each; shed votes are retried by the phones (same requestId)
#   --viewers 10000            live viewers holding the stream (stage viewers)
#   --viewers-via live         live: the query-service's live port (LiveServer); tomcat: its web port
#   --data DIR                 default infrastructure/bench/target/bench-data (deleted at the start)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
VERSION=0.1.0-SNAPSHOT

BUILD=true
ARGS=()
for arg in "$@"; do
    if [[ $arg == --no-build ]]; then BUILD=false; else ARGS+=("$arg"); fi
done
if [[ ${1-} == -h || ${1-} == --help ]]; then sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

if $BUILD; then
    echo "[bench] building (./mvnw -q -B -DskipTests install)..."
    ./mvnw -q -B -DskipTests install
fi
CP_FILE=$ROOT/infrastructure/bench/target/bench.classpath
./mvnw -q -B -pl infrastructure/bench dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$CP_FILE" >/dev/null
CP=$ROOT/infrastructure/bench/target/bench-$VERSION.jar:$(cat "$CP_FILE")
# copies of the service jars: a build during the run must not replace a jar under a running service
JARS=$ROOT/infrastructure/bench/target/jars
mkdir -p "$JARS"
cp "$ROOT/services/command-service/target/command-service-$VERSION-exec.jar" \
    "$ROOT/services/query-service/target/query-service-$VERSION-exec.jar" "$JARS/"

# the client drops idle connections before Tomcat does (20 s): reusing one the server has just closed fails a request
exec java -Xmx2g -XX:+UseParallelGC -Djdk.httpclient.keepalive.timeout=10 -cp "$CP" org.congressvote.bench.Bench \
    --command-jar "$JARS/command-service-$VERSION-exec.jar" \
    --query-jar "$JARS/query-service-$VERSION-exec.jar" \
    --data "$ROOT/infrastructure/bench/target/bench-data" \
    --docs "$ROOT/docs/benchmarks.md" \
    --git "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "${ARGS[@]}"
