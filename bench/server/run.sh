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

source bench/server/wrk_line.sh
wrk_header
wrk_line "GET / (public page)" /
wrk_line "GET /roadmap (public page)" /roadmap
wrk_line "GET /missions/artemis-3 (public page)" /missions/artemis-3
wrk_line "GET /api/v1/missions/artemis-3 (token)" /api/v1/missions/artemis-3 -H "Authorization: Bearer $token"
wrk_line "GET /api/v1/missions?limit=20 (token)" "/api/v1/missions?limit=20" -H "Authorization: Bearer $token"
wrk_line "GET /api/v1/missions?limit=20 (anonymous)" "/api/v1/missions?limit=20"
