#!/usr/bin/env bash
# Verifies the event log, as the vote-counting committee does before signing the minutes: the hash chain, rows
# outside it, the signed tree heads and, with --head, that the log as stored now extends a head from paper.
#   infrastructure/verify-log.sh [jdbc-url [user [password]]] [--head SIZE ROOT [--key-id KEYID]]
#                                [--cross-check KAFKA_SERVERS [--topic congress-events]]
# --cross-check also compares the log with the Kafka topic event by event (missing, extra or different on either side).
# Default: the local run's PostgreSQL (jdbc:postgresql://127.0.0.1:15432/congress, user postgres).
# Prints INTACT (exit 0), or BROKEN / DOES NOT EXTEND with the rows named (exit 1); 2 on error.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(ls "$ROOT"/services/command-service/target/command-service-*-exec.jar 2>/dev/null | head -1 || true)
if [[ -z $JAR ]]; then
    echo "No command-service jar: build it first (./mvnw -q -DskipTests package)" >&2
    exit 2
fi
exec java -cp "$JAR" -Dloader.main=org.congressvote.command.audit.VerifyLogCli \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
