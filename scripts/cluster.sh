#!/usr/bin/env bash
# A local cluster on loopback: Azurite, N silos and M web frontends, joined through Azure Table membership
# (the same clustering a multi-host deployment uses). Prints every URL; Ctrl+C (or SIGTERM) stops them all.
#
#   scripts/cluster.sh [--silos N] [--frontends M]          (defaults: 2 silos, 2 frontends)
#
# Environment (all optional):
#   PORT                 first frontend's HTTP port; frontend i gets PORT+i        (default 5000)
#   SILO_PORT            first silo's silo-to-silo port; silo i gets SILO_PORT+i     (default 11111)
#   GATEWAY_PORT         first silo's gateway port; silo i gets GATEWAY_PORT+i       (default 30000)
#   METRICS_PORT         first silo's Prometheus port; silo i gets METRICS_PORT+i    (default 9464)
#   AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT                     (default 10000 / 10001 / 10002)
#   AZURITE_LOCATION     Azurite's data folder                                      (default Azurite/data)
#   MONITOR_USER / MONITOR_PASSWORD   the first monitor account (as in run.sh)
# Logs: .artifacts/logs/cluster/{azurite,silo-N,web-N}.log
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SILOS=2 FRONTENDS=2
while (($#)); do
  case $1 in
    --silos) SILOS=$2; shift 2 ;;
    --frontends) FRONTENDS=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "cluster.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ $SILOS =~ ^[1-9][0-9]?$ && $FRONTENDS =~ ^[1-9][0-9]?$ ]] || { echo "cluster.sh: --silos and --frontends take 1..99" >&2; exit 2; }

PORT=${PORT:-5000}
SILO_PORT=${SILO_PORT:-11111}
GATEWAY_PORT=${GATEWAY_PORT:-30000}
METRICS_PORT=${METRICS_PORT:-9464}
export AZURITE_BLOB_PORT=${AZURITE_BLOB_PORT:-10000}
export AZURITE_QUEUE_PORT=${AZURITE_QUEUE_PORT:-10001}
export AZURITE_TABLE_PORT=${AZURITE_TABLE_PORT:-10002}
LOGS=$ROOT/.artifacts/logs/cluster
BIN=bin/Release/net10.0
source scripts/lib.sh

prepare_build
ports=("$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT")
for ((i = 0; i < SILOS; i++)); do ports+=($((SILO_PORT + i)) $((GATEWAY_PORT + i)) $((METRICS_PORT + i))); done
for ((i = 0; i < FRONTENDS; i++)); do ports+=($((PORT + i))); done
for p in "${ports[@]}"; do tcp_open "$p" && die "port $p is already in use (another instance running?)"; done

export_storage_environment
export Cluster__UseAzureTableClustering=true
export Cluster__ServiceId=${CLUSTER_SERVICE_ID:-orleanschat}
export Cluster__ClusterId=${CLUSTER_ID:-orleanschat}

PIDS=() NAMES=()
cleanup() {
  trap - EXIT; trap "" INT TERM
  echo "Stopping the cluster..."
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop "${PIDS[i]}" 10; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$LOGS"
echo "Starting Azurite..."
: >"$LOGS/azurite.log"
spawn azurite Azurite ./start.sh
PIDS+=($!) NAMES+=(azurite)
wait_until azurite "${PIDS[-1]}" 30 tcp_open "$AZURITE_TABLE_PORT"

for ((i = 0; i < SILOS; i++)); do
  echo "Starting silo $i (silo port $((SILO_PORT + i)), gateway $((GATEWAY_PORT + i)))..."
  : >"$LOGS/silo-$i.log"
  Cluster__SiloPort=$((SILO_PORT + i)) Cluster__GatewayPort=$((GATEWAY_PORT + i)) \
    Observability__MetricsUrl=http://127.0.0.1:$((METRICS_PORT + i)) spawn "silo-$i" "Silo/$BIN" dotnet OrleansChat.Silo.dll
  PIDS+=($!) NAMES+=("silo-$i")
  wait_until "silo-$i" "${PIDS[-1]}" 90 tcp_open $((GATEWAY_PORT + i))
done

URLS=()
for ((i = 0; i < FRONTENDS; i++)); do
  url="http://127.0.0.1:$((PORT + i))"
  echo "Starting web frontend $i ($url)..."
  : >"$LOGS/web-$i.log"
  spawn "web-$i" WebFrontend dotnet "$BIN/OrleansChat.WebFrontend.dll" --urls "$url"
  PIDS+=($!) NAMES+=("web-$i")
  wait_until "web-$i" "${PIDS[-1]}" 90 http_ok "$url/health"
  URLS+=("$url")
done

echo "OrleansChat cluster is up: $SILOS silo(s), $FRONTENDS frontend(s) (Ctrl+C stops them all)"
for url in "${URLS[@]}"; do echo "  $url   (metrics $url/metrics, health $url/health/ready, dashboard $url/dashboard/ for monitors)"; done
for ((i = 0; i < SILOS; i++)); do echo "  silo $i metrics: http://127.0.0.1:$((METRICS_PORT + i))/metrics"; done
echo "Logs: $LOGS"

# Until Ctrl+C; a process that dies is reported and not restarted: this is the place to watch failover.
while ((${#PIDS[@]})); do
  wait -n "${PIDS[@]}" || true
  alive=() names=()
  for i in "${!PIDS[@]}"; do
    if kill -0 "${PIDS[i]}" 2>/dev/null; then
      alive+=("${PIDS[i]}") names+=("${NAMES[i]}")
    else
      echo "cluster.sh: ${NAMES[i]} (pid ${PIDS[i]}) stopped; the rest keeps running (log: $LOGS/${NAMES[i]}.log)" >&2
    fi
  done
  PIDS=("${alive[@]}") NAMES=("${names[@]}")
done
echo "cluster.sh: every process has stopped" >&2
exit 1
