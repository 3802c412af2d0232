#!/usr/bin/env bash
# Verifies the hash chain of the event log, as the vote-counting committee does before signing the minutes.
#   infrastructure/verify-log.sh [jdbc-url [user [password]]]
# Default: the local run's PostgreSQL (jdbc:postgresql://127.0.0.1:15432/congress, user postgres).
# Prints INTACT with the count and head hash (exit 0), or BROKEN with the first broken position (exit 1).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(ls "$ROOT"/services/command-service/target/command-service-*-exec.jar 2>/dev/null | head -1 || true)
if [[ -z $JAR ]]; then
    echo "No command-service jar: build it first (./mvnw -q -DskipTests package)" >&2
    exit 2
fi
exec java -cp "$JAR" -Dloader.main=org.congressvote.command.audit.VerifyLogCli \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
