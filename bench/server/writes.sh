#!/usr/bin/env bash
# Server throughput with writes (issue 11's load goals), wrk -t2 -c64 on a fresh SQLite database (BENCH_DB=postgresql:
# a fresh PostgreSQL one, bench/server/prelude.sh):
#   - mixed: 90% API reads of one mission, 10% POSTs each creating a new mission (bench/server/writes.lua);
#   - writes only: every request a POST creating a mission.
# Every write is a committed, audited transaction (WAL, synchronous = NORMAL: README "Backups and durability").
# Usage: bench/server/writes.sh [GER_BINARY] [DURATION]   (defaults: build/ger, 10s)
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="wrk sqlite3 psql"
source bench/server/prelude.sh
token=$(planner_token)
start_bench_server

wrk_header
for every in 10 1; do
  label="mixed: 1 in $every a POST (token)"
  [[ $every == 1 ]] && label="writes only: POST /api/v1/missions (token)"
  BENCH_TOKEN=$token BENCH_WRITE_EVERY=$every wrk_line "$label" / -s bench/server/writes.lua
  grep '^acknowledged' "$work/wrk.txt"
done
echo "missions stored: $(missions_stored)"
