# Shared by scripts/run.sh and scripts/cluster.sh (sourced, not run). Expects ROOT, LOGS, BIN and the AZURITE_* ports.

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || die "'$1' not found: $2"; }
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { curl -fsS -m 2 -o /dev/null "$1" 2>/dev/null; }

# Installs what is missing (Azurite and the SignalR client from npm) and builds the solution in Release.
prepare_build() {
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
}

# The local Azurite's connection string and the first monitor account, for every silo and frontend started after this.
export_storage_environment() {
  local account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export ConnectionStrings__AzureStorage="DefaultEndpointsProtocol=http;$account;\
BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;\
QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;\
TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
  export Bootstrap__MonitorUserName=${MONITOR_USER:-monitor}
  export Bootstrap__MonitorPassword=${MONITOR_PASSWORD:-monitor-password-change-me}
  echo "Monitor login: user '$Bootstrap__MonitorUserName', password '$Bootstrap__MonitorPassword'"
}

stop() { # stop PID GRACE_SECONDS: SIGTERM, then SIGKILL after the grace period
  local pid=$1 grace=$2 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

report() { echo "$(basename "$0"): *** $*" >&2; } # a script may redefine it (run.sh also writes it to its log)

wait_until() { # wait_until NAME PID TIMEOUT COMMAND...: fails (and shows the log) when NAME died or was not ready in time
  local name=$1 pid=$2 timeout=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      report "$name exited while starting; last lines of $LOGS/$name.log:"
      tail -n 40 "$LOGS/$name.log" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      report "$name not ready after $timeout s; last lines of $LOGS/$name.log:"
      tail -n 40 "$LOGS/$name.log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# Each process runs in its own session, so a Ctrl+C in the terminal reaches only the script, which then stops them in order.
spawn() { # spawn NAME DIR COMMAND... (appends to the log, so a restart keeps the earlier lines)
  local name=$1 dir=$2; shift 2
  (cd "$dir" && exec setsid "$@") </dev/null >>"$LOGS/$name.log" 2>&1 &
}
