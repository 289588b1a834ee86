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

die() { echo "run.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "'$1' not found: $2"; }
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- install what is missing, build -------------------------------------------------------
need dotnet "install the .NET 10 SDK (https://dot.net)"
need node "install Node.js 20 or newer"
need npm "install npm (it comes with Node.js)"
need curl "install curl (apt-get install curl)"
if [[ ! -x Azurite/node_modules/.bin/azurite ||
      Azurite/package-lock.json -nt Azurite/node_modules/.package-lock.json ]]; then
  (cd Azurite && npm ci --no-audit --no-fund)
fi
if [[ ! -d WebFrontend/node_modules/@microsoft/signalr ||
      WebFrontend/package-lock.json -nt WebFrontend/node_modules/.package-lock.json ]]; then
  (cd WebFrontend && npm ci --no-audit --no-fund)
fi
echo "Building (Release)..."
dotnet build OrleansChat.sln -c Release -nologo -v q

for p in "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT" "$Cluster__SiloPort" "$GATEWAY_PORT" "$PORT"; do
  tcp_open "$p" && die "port $p is already in use (another instance running?)"
done

# --- environment shared by silo and frontend ----------------------------------------------
ACCOUNT="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export ConnectionStrings__AzureStorage="DefaultEndpointsProtocol=http;$ACCOUNT;\
BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;\
QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;\
TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
export Bootstrap__MonitorUserName=$MONITOR_USER
export Bootstrap__MonitorPassword=$MONITOR_PASSWORD
echo "Monitor login: user '$MONITOR_USER', password '$MONITOR_PASSWORD'"

# --- process handling ---------------------------------------------------------------------
AZURITE_PID='' SILO_PID='' WEB_PID=''

stop() { # stop PID GRACE_SECONDS: SIGTERM, then SIGKILL after the grace period
  local pid=$1 grace=$2 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
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
wait_until() { # wait_until NAME PID TIMEOUT COMMAND...: fails (and shows the log) when NAME died or was not ready in time
  local name=$1 pid=$2 timeout=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      loud "$name exited while starting; last lines of $LOGS/$name.log:"
      tail -n 40 "$LOGS/$name.log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      loud "$name not ready after $timeout s; last lines of $LOGS/$name.log:"
      tail -n 40 "$LOGS/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
}
health() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; }

# Each process runs in its own session, so a Ctrl+C in the terminal reaches only this script,
# which then stops them in order (Azurite last, so the silo can still write its final state).
spawn() { # spawn NAME DIR COMMAND... (appends to the log, so a restart keeps the earlier lines)
  local name=$1 dir=$2; shift 2
  (cd "$dir" && exec setsid "$@") </dev/null >>"$LOGS/$name.log" 2>&1 &
}
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
