#!/usr/bin/env bash
# Writes Grains/Accounts/common-passwords.txt: the 10,000 most common passwords, most common first, from the
# `passwords` frequency list of the npm package zxcvbn 4.4.2 (MIT, Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.).
# Run once; the output is committed and embedded in the Grains assembly (AccountGrain refuses these passwords).
set -euo pipefail
cd "$(dirname "$0")/.."
count=10000
out=Grains/Accounts/common-passwords.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent zxcvbn@4.4.2 >/dev/null && tar xzf zxcvbn-4.4.2.tgz)
{
  echo "# The $count most common passwords, most common first: the first $count entries of the 'passwords' list in"
  echo "# lib/frequency_lists.js of the npm package zxcvbn 4.4.2 (MIT License, Copyright (c) 2012-2016 Dan Wheeler and"
  echo "# Dropbox, Inc.). Made by scripts/common-passwords.sh; lines starting with '#' are comments."
  grep -m1 '^ *passwords: "' "$work/package/lib/frequency_lists.js" \
    | sed -e 's/^ *passwords: "//' -e 's/".*$//' | tr "," "\n" | awk -v n="$count" "NR <= n"
} > "$out"
echo "wrote $(grep -vc '^#' "$out") passwords to $out"
