#!/usr/bin/env bash
# Starts the pinned Azurite (Azure Storage emulator) on 127.0.0.1 in the foreground.
# The script execs azurite, so its PID is this script's PID (stop it by PID; escalate to
# SIGKILL if it ignores SIGTERM).
#   AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT  (default 10000/10001/10002)
#   AZURITE_LOCATION  data directory (default Azurite/data)
# Extra arguments are passed to azurite (e.g. --inMemoryPersistence).
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x node_modules/.bin/azurite ]]; then
  command -v npm >/dev/null || { echo "start.sh: npm not found (install Node.js 20+)" >&2; exit 1; }
  npm ci --no-audit --no-fund >&2
fi

location="${AZURITE_LOCATION:-$PWD/data}"
mkdir -p "$location"

exec node_modules/.bin/azurite \
  --blobHost 127.0.0.1 --blobPort "${AZURITE_BLOB_PORT:-10000}" \
  --queueHost 127.0.0.1 --queuePort "${AZURITE_QUEUE_PORT:-10001}" \
  --tableHost 127.0.0.1 --tablePort "${AZURITE_TABLE_PORT:-10002}" \
  --location "$location" \
  --silent --skipApiVersionCheck --loose \
  "$@"
