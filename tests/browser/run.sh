#!/usr/bin/env bash
# Browser test of the portal: a fresh database, two planners and a secretariat account, the built `ger serve` on a free port, and
# portal.test.mjs driving Debian's Chromium through playwright-core. Usage: run.sh GER_BINARY OUTPUT_DIR
# Installs what it needs: npm (Debian package) when missing, then the locked npm packages (npm ci).
set -euo pipefail
ger=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"

if ! command -v npm >/dev/null; then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends npm
fi
if [[ ! -x /usr/bin/chromium ]]; then
  echo "run.sh: /usr/bin/chromium missing (deps/debian-packages.txt lists chromium; run make bootstrap)" >&2
  exit 1
fi
(cd "$here" && npm ci --no-audit --no-fund --silent)

source "$here/../../scripts/fresh_server.sh"
"$ger" init --db "$db" >/dev/null
nasa_password=$("$ger" user add --db "$db" --agency NASA --name nasa-planner | tail -n 1)
jaxa_password=$("$ger" user add --db "$db" --agency JAXA --name jaxa-planner | tail -n 1)
sec_password=$("$ger" user add --db "$db" --role secretariat --name secretariat-browser | tail -n 1)
# A stored survey of three objects (seconds) for the asteroid pages.
"$ger" survey --store --db "$db" --targets "2000 SG344,2006 RH120,99942" --threads 2 >/dev/null 2>"$out/survey.log"

start_server "$ger" "$out/server.log"

BASE_URL="$base" OUT_DIR="$out" NASA_PASSWORD="$nasa_password" JAXA_PASSWORD="$jaxa_password" \
  node "$here/portal.test.mjs"
# Public engagement (comments, moderation, a workshop's waiting list, a page edit) on the same server.
BASE_URL="$base" OUT_DIR="$out" SEC_PASSWORD="$sec_password" node "$here/engagement.test.mjs"
