#!/usr/bin/env bash
# The API contract, checked by Redocly: `ger serve` on a fresh database and a free port, its /api/v1/openapi.json
# linted with the recommended ruleset (redocly.yaml). Fails on any error or warning. Usage: lint.sh GER_BINARY OUT_DIR
# Installs what it needs: npm (Debian package) when missing, then the locked npm packages (npm ci); nothing else is
# fetched (Redocly's telemetry and update check are off).
set -euo pipefail
ger=$(realpath "$1")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"

if ! command -v npm >/dev/null; then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends npm
fi
(cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --silent)

source "$here/../../scripts/fresh_server.sh"
"$ger" init --db "$db" >/dev/null
start_server "$ger" "$out/server.log" --quiet

doc="$out/openapi.json"
node -e 'fetch(process.argv[1]).then(async r => {
  if (r.status !== 200) throw new Error(`${process.argv[1]}: ${r.status}`);
  require("fs").writeFileSync(process.argv[2], await r.text());
})' "$base/api/v1/openapi.json" "$doc"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
redocly=("$here/node_modules/.bin/redocly" lint --config "$here/redocly.yaml")
"${redocly[@]}" --format stylish "$doc" || true
"${redocly[@]}" --format json "$doc" >"$out/lint.json" 2>/dev/null || true
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const t = r.totals;
console.log(`redocly lint: ${t.errors} errors, ${t.warnings} warnings, ${t.ignored} ignored`);
process.exit(t.errors + t.warnings === 0 ? 0 : 1);' "$out/lint.json"
