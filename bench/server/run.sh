#!/usr/bin/env bash
# Server throughput with wrk: public pages and authenticated API reads at 64 connections.
# Usage: bench/server/run.sh [GER_BINARY] [DURATION]   (defaults: build/ger, 10s)
# Prints one line per URL: requests/s and latency percentiles (wrk --latency). The server runs with --quiet
# (no per-request log line) and wrk with 2 threads, on the same machine: both share its cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
ger=$(realpath "${1:-build/ger}")
duration=${2:-10s}
command -v wrk >/dev/null || { echo "bench: wrk missing (apt-get install wrk)" >&2; exit 1; }

source scripts/fresh_server.sh
"$ger" init --db "$db" >/dev/null
"$ger" user add --db "$db" --agency ESA --name bench-planner >/dev/null
token=$("$ger" token create --db "$db" --user bench-planner | tail -n 1)
start_server "$ger" "$work/serve.log" --quiet
wait_for_editions

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "wrk -t2 -c64 -d$duration --latency"
printf '%-44s %10s %9s %9s %9s\n' "url" "req/s" "p50" "p99" "errors"
run() {
  local label=$1 path=$2
  shift 2
  wrk -t2 -c64 -d"$duration" --latency "$@" "$base$path" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s ", $0}' "$work/wrk.txt")
  printf '%-44s %10s %9s %9s %9s\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}
run "GET / (public page)" /
run "GET /roadmap (public page)" /roadmap
run "GET /missions/artemis-3 (public page)" /missions/artemis-3
run "GET /api/v1/missions/artemis-3 (token)" /api/v1/missions/artemis-3 -H "Authorization: Bearer $token"
run "GET /api/v1/missions?limit=20 (token)" "/api/v1/missions?limit=20" -H "Authorization: Bearer $token"
run "GET /api/v1/missions?limit=20 (anonymous)" "/api/v1/missions?limit=20"
