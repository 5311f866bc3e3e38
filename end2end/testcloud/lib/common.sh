# Shared settings and helpers for Meridian's test cloud scripts (up, down, status).
# Sourced, not executed.

set -euo pipefail

TC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TC_LIB="$TC_DIR/lib"

VENV="${MERIDIAN_TESTCLOUD_VENV:-$HOME/.cache/meridian/testcloud-venv}"
STATE="${MERIDIAN_TESTCLOUD_STATE:-/var/tmp/meridian-testcloud}"
VNC_PORT="${MERIDIAN_TESTCLOUD_VNC_PORT:-5901}"

ETC="$STATE/etc"
RUN="$STATE/run"
LOG="$STATE/log"
STAMPS="$STATE/stamps"
CLOUDS_YAML="$STATE/clouds.yaml"
MYSQL_SOCK="$RUN/mysqld.sock"

HOST=127.0.0.1
# One loopback-only cloud: fixed, well-known credentials are fine here.
DB_USER=meridian
DB_PASS=meridian
SERVICE_PASSWORD=meridian-service
DB_URL="mysql+pymysql://$DB_USER:$DB_PASS@$HOST:3306"
TRANSPORT_URL="rabbit://guest:guest@$HOST:5672/"

APT_PACKAGES=(mariadb-server rabbitmq-server memcached qemu-system-x86 qemu-utils curl)

# name:port of every HTTP API, in start order.
APIS=(keystone:5000 glance:9292 placement:8778 nova-api:8774 neutron:9696 cinder-api:8776)
# Every process `up` starts, in start order (`down` stops them in reverse).
SERVICES=(mariadb rabbitmq-epmd rabbitmq memcached keystone glance placement nova-api
          nova-conductor nova-scheduler nova-compute nova-novncproxy neutron cinder-api
          cinder-scheduler cinder-volume vnc-qemu)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pidfile() { echo "$RUN/$1.pid"; }

# A process's start time (clock ticks since boot): with the pid it identifies the process,
# so a pid reused after a reboot or crash is never taken for a service.
# (Field 22 of /proc/PID/stat, counted after the command name, which may hold spaces.)
proc_start() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $20}'; }

# Prints the pid of a running service started by `up`, or fails.
running_pid() {
    local f pid start
    f="$(pidfile "$1")"
    [[ -s "$f" ]] || return 1
    read -r pid start <"$f" || true
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    [[ -z "$start" || "$(proc_start "$pid")" == "$start" ]] || return 1
    echo "$pid"
}

is_running() { running_pid "$1" >/dev/null; }

# start_daemon NAME CMD...: run CMD in its own session (so `down` can stop the whole
# process group), output to $LOG/NAME.log, pid to $RUN/NAME.pid.
STARTED=0
start_daemon() {
    local name="$1"; shift
    if is_running "$name"; then return 0; fi
    log "starting $name"
    STARTED=$((STARTED + 1))
    setsid "$@" >>"$LOG/$name.log" 2>&1 </dev/null &
    echo "$! $(proc_start $!)" >"$(pidfile "$name")"
}

# stop_daemons NAME...: TERM the process groups of all named services at once, wait up to
# 15 s for them to exit, then KILL what is left.
stop_daemons() {
    local name pid i alive
    local -A pids=()
    for name in "$@"; do
        if pid="$(running_pid "$name")"; then
            log "stopping $name ($pid)"
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            pids[$name]=$pid
        fi
    done
    for ((i = 0; i < 75; i++)); do
        alive=0
        for name in "${!pids[@]}"; do kill -0 "${pids[$name]}" 2>/dev/null && alive=1; done
        [[ $alive -eq 0 ]] && break
        sleep 0.2
    done
    for name in "${!pids[@]}"; do
        if kill -0 "${pids[$name]}" 2>/dev/null; then
            log "$name did not stop in 15 s, killing"
            kill -KILL -- "-${pids[$name]}" 2>/dev/null || kill -KILL "${pids[$name]}" 2>/dev/null || true
        fi
    done
    for name in "$@"; do rm -f "$(pidfile "$name")"; done
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# wait_port NAME PORT [TIMEOUT]: wait until 127.0.0.1:PORT accepts connections.
wait_port() {
    local name="$1" port="$2" timeout="${3:-120}" i
    for ((i = 0; i < timeout * 4; i++)); do
        port_open "$port" && return 0
        if [[ -f "$(pidfile "$name")" ]] && ! is_running "$name"; then
            tail -n 30 "$LOG/$name.log" >&2 || true
            die "$name exited while starting (log: $LOG/$name.log)"
        fi
        sleep 0.25
    done
    die "$name did not open port $port in ${timeout}s (log: $LOG/$name.log)"
}

# wait_http NAME URL [TIMEOUT]: wait until URL answers with any HTTP status below 500.
wait_http() {
    local name="$1" url="$2" timeout="${3:-180}" i code
    for ((i = 0; i < timeout * 2; i++)); do
        code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" || true)"
        if [[ "$code" =~ ^[1-4][0-9][0-9]$ ]]; then return 0; fi
        if [[ -f "$(pidfile "$name")" ]] && ! is_running "$name"; then
            tail -n 30 "$LOG/$name.log" >&2 || true
            die "$name exited while starting (log: $LOG/$name.log)"
        fi
        sleep 0.5
    done
    die "$name did not answer at $url in ${timeout}s (log: $LOG/$name.log)"
}

mysql_root() { mariadb --no-defaults -S "$MYSQL_SOCK" -uroot "$@"; }
