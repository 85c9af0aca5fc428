#!/usr/bin/env bash
# Server throughput with wrk: public pages and authenticated API reads at 64 connections.
# Usage: [BENCH_DB=postgresql] bench/server/run.sh [GER_BINARY] [DURATION]   (defaults: build/ger, 10s; SQLite)
# Prints one line per URL: requests/s and latency percentiles (wrk --latency). The server runs with --quiet
# (no per-request log line) and wrk with 2 threads, on the same machine: both share its cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/server/prelude.sh
token=$(planner_token)
start_bench_server

wrk_header
wrk_line "GET / (public page)" /
wrk_line "GET /roadmap (public page)" /roadmap
wrk_line "GET /missions/artemis-3 (public page)" /missions/artemis-3
wrk_line "GET /api/v1/missions/artemis-3 (token)" /api/v1/missions/artemis-3 -H "Authorization: Bearer $token"
wrk_line "GET /api/v1/missions?limit=20 (token)" "/api/v1/missions?limit=20" -H "Authorization: Bearer $token"
wrk_line "GET /api/v1/missions?limit=20 (anonymous)" "/api/v1/missions?limit=20"
