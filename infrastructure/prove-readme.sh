#!/usr/bin/env bash
# Proves the README as written: runs its first command (`infrastructure/run-local.sh --demo`) on a fresh data folder
# and a fresh PostgreSQL extraction folder, runs its curl example and sees the vote on the tally, stops it with
# SIGTERM, starts it again and stops it with SIGINT sent to its whole process group (a terminal's Ctrl-C), and checks
# after each stop that no process it started is left and its ports are free.
#
#   infrastructure/prove-readme.sh
#
# The commands are read from README.md's ```bash blocks, not copied here: the first command of the first block, and
# the whole block that votes with curl. The curl block reads data/...: it runs in a folder whose data/ is the fresh
# data folder. Uses the default ports (the curl example names 8081 and 8082). Exit 0 when everything held.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

say() { printf '[prove-readme] %s\n' "$*"; }
fail() {
    printf '[prove-readme] FAILED: %s\n' "$*" >&2
    exit 1
}

# --- the README's commands ----------------------------------------------------------------------------------------
# bash_block N: the N-th ```bash block of README.md (1-based)
bash_block() {
    awk -v want="$1" '/^```bash$/ { n++; inside = (n == want); next } /^```/ { inside = 0 } inside' README.md
}
START_COMMAND=$(bash_block 1 | head -n1 | sed 's/[[:space:]]*#.*$//')
CURL_BLOCK=
for n in 1 2 3 4 5 6 7 8 9; do
    block=$(bash_block "$n")
    if grep -q 'curl' <<<"$block" && grep -q '/votes' <<<"$block"; then
        CURL_BLOCK=$block
        break
    fi
done
[[ $START_COMMAND == infrastructure/run-local.sh* ]] ||
    fail "the README's first command is not run-local.sh: '$START_COMMAND'"
[[ -n $CURL_BLOCK ]] || fail "no bash block in README.md votes with curl"
say "README's first command: $START_COMMAND"

# --- fresh folders --------------------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/prove-readme.XXXXXX")
export CONGRESS_DATA_DIR=$WORK/data
export CONGRESS_PG_BINARIES_DIR=$WORK/embedded-pg
unset CONGRESS_ADMIN_PASSWORD CONGRESS_PG_PORT CONGRESS_KAFKA_PORT CONGRESS_KAFKA_CONTROLLER_PORT CONGRESS_MONGO_PORT \
    CONGRESS_COMMAND_PORT CONGRESS_QUERY_PORT CONGRESS_LIVE_PORT
PORTS=(15432 19092 19093 27018 8081 8082 8092)
RUN_PID=
finish() {
    if [[ -n $RUN_PID ]] && kill -0 "$RUN_PID" 2>/dev/null; then
        kill -TERM "$RUN_PID" 2>/dev/null || true
        wait "$RUN_PID" 2>/dev/null || true
    fi
    if [[ ${KEEP_WORK:-false} != true ]]; then
        rm -rf "$WORK"
    fi
}
trap finish EXIT
say "data in $CONGRESS_DATA_DIR, PostgreSQL binaries in $CONGRESS_PG_BINARIES_DIR"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts the README's command as a terminal runs a foreground job: in a process group of its own (set -m).
start() {
    local log=$1 started=$SECONDS
    set -m
    # env --default-signal=INT: a terminal's foreground job takes Ctrl-C, whatever this script inherited (a CI
    # runner that starts it in the background hands it SIGINT ignored, and bash cannot un-ignore it)
    bash -c "cd '$ROOT' && exec env --default-signal=INT $START_COMMAND" >"$log" 2>&1 </dev/null &
    RUN_PID=$!
    set +m
    say "started (pid $RUN_PID, log $log)"
    until grep -q '^Congress Vote is up\.' "$log" 2>/dev/null; do
        if ! kill -0 "$RUN_PID" 2>/dev/null; then
            tail -n 60 "$log" >&2
            fail "$START_COMMAND exited before it was up"
        fi
        ((SECONDS - started < 900)) || { tail -n 60 "$log" >&2; fail "not up within 900 s"; }
        sleep 1
    done
    say "up in $((SECONDS - started)) s"
}

# Stops the run with SIGNAL, sent as named by HOW (script: to run-local.sh only, group: to its process group), waits
# for it, and checks that nothing it started is left.
stop() {
    local signal=$1 how=$2 started=$SECONDS status=0 left port
    local pgid=$RUN_PID
    if [[ $how == group ]]; then
        kill "-$signal" -- "-$pgid"
    else
        kill "-$signal" "$RUN_PID"
    fi
    wait "$RUN_PID" || status=$?
    RUN_PID=
    say "SIG$signal ($how): run-local.sh exited with $status after $((SECONDS - started)) s"
    # 128 + the signal's number: it stopped because it was told to, after its cleanup
    [[ $status == $((128 + $(kill -l "$signal"))) ]] || fail "exit status $status after SIG$signal"
    # A process that has just exited is reaped by init a moment later: give that 10 s.
    for _ in $(seq 1 20); do
        left=$(ps -e -o pid=,pgid=,stat=,args= | awk -v g="$pgid" -v w="$WORK" '$2 == g || index($0, w) { print }' |
            grep -v -e ' awk ' -e 'ps -e' || true)
        [[ -z $left ]] && break
        sleep 0.5
    done
    [[ -z $left ]] || fail "processes left after SIG$signal:"$'\n'"$left"
    for port in "${PORTS[@]}"; do
        ! port_in_use "$port" || fail "port $port still open after SIG$signal"
    done
    say "no process left, ports ${PORTS[*]} free"
}

for port in "${PORTS[@]}"; do
    ! port_in_use "$port" || fail "port $port is in use: the proof needs the README's default ports"
done

# --- 1. fresh start, the curl example, SIGTERM ----------------------------------------------------------------------
start "$WORK/run-1.log"
grep -h 'PostgreSQL binaries extracted' "$CONGRESS_DATA_DIR/logs/postgres.log" | sed 's/^/[prove-readme] /' || true
mkdir -p "$WORK/readme" && ln -s "$CONGRESS_DATA_DIR" "$WORK/readme/data"
say "running the README's curl example"
output=$(cd "$WORK/readme" && bash -euo pipefail -c "$CURL_BLOCK" 2>&1) || {
    printf '%s\n' "$output" >&2
    fail "the curl example failed"
}
printf '%s\n' "$output" | sed 's/^/[prove-readme]   /'
# The last command reads the tally; the view follows the vote within moments: ask again until it shows it.
tally=
for _ in $(seq 1 30); do
    tally=$(curl -s http://127.0.0.1:8082/api/motions/chuong-trinh/tally)
    grep -Eq '"agree" *: *1[,}]' <<<"$tally" && break
    sleep 1
done
grep -Eq '"agree" *: *1[,}]' <<<"$tally" || fail "the tally does not show the vote: $tally"
say "the tally shows the vote: $tally"
stop TERM script

# --- 2. start again on the same data, Ctrl-C --------------------------------------------------------------------
start "$WORK/run-2.log"
stop INT group
say "the README holds"
