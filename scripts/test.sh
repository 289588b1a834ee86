#!/usr/bin/env bash
# The one command that installs what the tests need and runs every test:
#   chromium (apt, for the browser tests), Azurite (npm ci), the frontend's npm packages if any,
#   then `dotnet test` on the whole solution. Results: .artifacts/test-results
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

if [[ ! -x /usr/bin/chromium ]]; then
  install_chromium='apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'
  if [[ $EUID -eq 0 ]]; then
    bash -c "$install_chromium"
  elif command -v sudo >/dev/null; then
    sudo bash -c "$install_chromium"
  else
    echo "test.sh: /usr/bin/chromium is missing; install it as root: apt-get install chromium" >&2
    exit 1
  fi
fi

if [[ ! -x Azurite/node_modules/.bin/azurite ||
      Azurite/package-lock.json -nt Azurite/node_modules/.package-lock.json ]]; then
  (cd Azurite && npm ci --no-audit --no-fund)
fi
if [[ -f WebFrontend/package.json ]]; then
  (cd WebFrontend && npm ci --no-audit --no-fund)
fi

export AZURITE_BIN=$PWD/Azurite/node_modules/.bin/azurite
mkdir -p .artifacts/test-results
log=.artifacts/test-results/console.log
set +e
dotnet test OrleansChat.sln -c Release --logger "console;verbosity=normal" \
  --results-directory .artifacts/test-results 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# CI keeps only the tail of the output: repeat each failure (name, message, first stack lines) there.
if grep -qE '^  Failed OrleansChat\.' "$log"; then
  echo "test.sh: the failed tests again:"
  awk '/^  Failed OrleansChat\./ { n = 30 } /^ +(Passed|Skipped) / { n = 0 } n-- > 0' "$log" | cut -c1-400
fi

echo "test.sh: finished in $((SECONDS - started)) s (exit code $status)"
exit "$status"
