#!/usr/bin/env bash
# The one command that brings up the whole system: Azurite (storage), one Orleans silo and the
# web frontend. Ctrl+C (or SIGTERM) stops all three. Logs: .artifacts/logs/{azurite,silo,web}.log
#
# Environment (all optional):
#   PORT                 HTTP port of the web frontend               (default 5000)
#   AZURITE_BLOB_PORT    Azurite blob port                           (default 10000)
#   AZURITE_QUEUE_PORT   Azurite queue port                          (default 10001)
#   AZURITE_TABLE_PORT   Azurite table port                          (default 10002)
#   SILO_PORT            Orleans silo-to-silo port                   (default 11111)
#   GATEWAY_PORT         Orleans gateway port (frontend → silo)      (default 30000)
#   AZURITE_LOCATION     Azurite's data folder                        (default Azurite/data)
#   MONITOR_USER         monitor account, passed as Bootstrap__MonitorUserName (default monitor)
#   MONITOR_PASSWORD     its password, passed as Bootstrap__MonitorPassword
#                                                     (default monitor-password-change-me)
#   RESTART_MAX_DELAY    longest wait before restarting a crashed process, s (default 30)
#   RESTART_RESET_AFTER  up this long, s, a process's back-off starts again at 1 s (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PORT=${PORT:-5000}
export AZURITE_BLOB_PORT=${AZURITE_BLOB_PORT:-10000}
export AZURITE_QUEUE_PORT=${AZURITE_QUEUE_PORT:-10001}
export AZURITE_TABLE_PORT=${AZURITE_TABLE_PORT:-10002}
MONITOR_USER=${MONITOR_USER:-monitor}
MONITOR_PASSWORD=${MONITOR_PASSWORD:-monitor-password-change-me}
RESTART_MAX_DELAY=${RESTART_MAX_DELAY:-30}
RESTART_RESET_AFTER=${RESTART_RESET_AFTER:-60}
export Cluster__SiloPort=${SILO_PORT:-11111}      # the silo's Orleans ports; change both to run
export Cluster__GatewayPort=${GATEWAY_PORT:-30000} # a second copy of the system beside this one
GATEWAY_PORT=$Cluster__GatewayPort
LOGS=$ROOT/.artifacts/logs
BIN=bin/Release/net10.0

source scripts/lib.sh

# --- install what is missing, build -------------------------------------------------------
prepare_build

for p in "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT" "$Cluster__SiloPort" "$GATEWAY_PORT" "$PORT"; do
  tcp_open "$p" && die "port $p is already in use (another instance running?)"
done

# --- environment shared by silo and frontend ----------------------------------------------
export_storage_environment

# --- process handling ---------------------------------------------------------------------
AZURITE_PID='' SILO_PID='' WEB_PID=''

cleanup() {
  trap - EXIT; trap "" INT TERM # a second Ctrl+C must not cut the orderly stop short
  echo "Stopping..."
  stop "$WEB_PID" 10; stop "$SILO_PID" 10; stop "$AZURITE_PID" 3
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

loud() { # loud MESSAGE: on stderr and in .artifacts/logs/run.log, with the time
  local line
  line="$(date -u +%FT%TZ) run.sh: *** $*"
  echo "$line" >&2
  echo "$line" >>"$LOGS/run.log"
}
report() { loud "$@"; }
health() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; }

start_azurite() {
  spawn azurite Azurite ./start.sh
  AZURITE_PID=$!
  wait_until azurite "$AZURITE_PID" 30 tcp_open "$AZURITE_TABLE_PORT"
}
start_silo() {
  spawn silo "Silo/$BIN" dotnet OrleansChat.Silo.dll
  SILO_PID=$!
  wait_until silo "$SILO_PID" 60 tcp_open "$GATEWAY_PORT"
}
start_web() {
  spawn web WebFrontend dotnet "$BIN/OrleansChat.WebFrontend.dll" --urls "http://127.0.0.1:$PORT"
  WEB_PID=$!
  wait_until web "$WEB_PID" 60 health
}

# --- start ---------------------------------------------------------------------------------
mkdir -p "$LOGS"
for name in azurite silo web; do : >"$LOGS/$name.log"; done
echo "Starting Azurite..."; start_azurite || exit 1
echo "Starting silo...";    start_silo || exit 1
echo "Starting web frontend..."; start_web || exit 1
echo "OrleansChat is up: http://127.0.0.1:$PORT  (Ctrl+C stops Azurite, silo and frontend)"

# --- supervise until Ctrl+C -----------------------------------------------------------------
# A process that dies is started again: pages reconnect and rehydrate from the grains, the frontend's Orleans
# client finds the restarted silo. Never gives up: a process that keeps dying is restarted with exponential
# back-off (1 s after its first crash, doubling with each crash in a row, at most RESTART_MAX_DELAY s), and one
# that then stays up RESTART_RESET_AFTER s starts again from 1 s. A start that fails counts as a crash. Every
# crash and restart is logged loudly (stderr and .artifacts/logs/run.log) with the end of the process's log.
# The other processes are watched meanwhile; the loop sleeps in `wait`, so Ctrl+C or SIGTERM stops at once.
now_ms() { local t=${EPOCHREALTIME/./}; echo $((10#$t / 1000)); }
declare -A DELAY=() DUE=() UP_SINCE=() CRASHES=()
for name in azurite silo web; do DELAY[$name]=1; UP_SINCE[$name]=$SECONDS; CRASHES[$name]=0; done
while true; do
  sleep 0.5 & wait $! || true
  for name in azurite silo web; do
    pid_var=${name^^}_PID
    if [[ -z ${DUE[$name]:-} ]]; then
      if kill -0 "${!pid_var}" 2>/dev/null; then
        if ((DELAY[$name] > 1 && SECONDS - UP_SINCE[$name] >= RESTART_RESET_AFTER)); then
          DELAY[$name]=1
          loud "$name has been up ${RESTART_RESET_AFTER} s: its restart back-off is 1 s again"
        fi
        continue
      fi
      rc=0
      wait "${!pid_var}" 2>/dev/null || rc=$?
      CRASHES[$name]=$((CRASHES[$name] + 1))
      loud "$name (pid ${!pid_var}) exited unexpectedly with status $rc (crash ${CRASHES[$name]}); restarting it in ${DELAY[$name]} s. Last lines of $LOGS/$name.log:"
      tail -n 20 "$LOGS/$name.log" >&2
      DUE[$name]=$(($(now_ms) + DELAY[$name] * 1000))
      DELAY[$name]=$((DELAY[$name] * 2 > RESTART_MAX_DELAY ? RESTART_MAX_DELAY : DELAY[$name] * 2))
    elif (($(now_ms) >= DUE[$name])); then
      unset "DUE[$name]"
      loud "starting $name again (restart ${CRASHES[$name]})"
      if "start_$name"; then
        UP_SINCE[$name]=$SECONDS
        loud "$name is up again (pid ${!pid_var})"
      else
        stop "${!pid_var}" 5 # not ready: stopped, so the next pass counts it as a crash and backs off
      fi
    fi
  done
done
