#!/usr/bin/env bash
# Installs Congress Vote on a dedicated Linux machine with systemd, on the embedded default (one machine, real
# PostgreSQL/Kafka/MongoDB-wire servers from the Maven jars), every process a systemd unit restarted when it dies.
# Run as root from a checkout: infrastructure/systemd/install.sh. Needs a JDK 17 at /usr/bin/java.
#
#   DESTDIR=/tmp/stage infrastructure/systemd/install.sh   only lays the files out under /tmp/stage (no user, no
#                                                         systemctl): what the tests and a package build use
#
# Afterwards: systemctl status 'congress-*'; journalctl -u congress-command -f; the first administrator's password
# is in /etc/congress-vote/congress.env. Uninstall: systemctl disable --now congress-vote.target 'congress-*', then
# remove /opt/congress-vote, /etc/congress-vote, /etc/systemd/system/congress-* (and /var/lib/congress-vote: the data).
set -euo pipefail
cd "$(dirname "$0")/../.."
DEST=${DESTDIR:-}
OPT=$DEST/opt/congress-vote
ETC=$DEST/etc/congress-vote
UNITS=$DEST/etc/systemd/system
STATE=$DEST/var/lib/congress-vote

echo "[install] building (./mvnw -q -B -DskipTests install)"
./mvnw -q -B -DskipTests install
install -d "$OPT/servers" "$UNITS" "$STATE/tmp" "$STATE/logs"
install -d -m 0750 "$ETC"
install -m 0644 services/command-service/target/command-service-*-exec.jar "$OPT/command-service.jar"
install -m 0644 services/query-service/target/query-service-*-exec.jar "$OPT/query-service.jar"
rm -f "$OPT"/servers/*.jar
install -m 0644 infrastructure/embedded-servers/target/embedded-servers-*[0-9T].jar "$OPT/servers/"
./mvnw -q -B -pl infrastructure/embedded-servers dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$OPT/servers"
install -m 0644 infrastructure/systemd/congress-*.service infrastructure/systemd/congress-vote.target "$UNITS/"
if [[ ! -s $ETC/congress.env ]]; then
    (
        umask 077
        printf 'CONGRESS_ADMIN_PASSWORD=%s\nCONGRESS_SERVICE_JAVA_OPTS=-Xmx1g\n' \
            "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" >"$ETC/congress.env"
    )
fi
if [[ -n $DEST ]]; then
    echo "[install] laid out under $DEST"
    exit 0
fi
id congress-vote >/dev/null 2>&1 ||
    useradd --system --home-dir /var/lib/congress-vote --no-create-home --shell /usr/sbin/nologin congress-vote
chown -R congress-vote:congress-vote "$STATE"
chgrp congress-vote "$ETC" "$ETC/congress.env"
chmod 0640 "$ETC/congress.env"
systemctl daemon-reload
systemctl enable --now congress-vote.target congress-postgres congress-kafka congress-mongo congress-command \
    congress-query
echo "[install] started; the administrator's password is in $ETC/congress.env"
