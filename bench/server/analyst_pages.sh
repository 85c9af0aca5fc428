#!/usr/bin/env bash
# The analyst's pages from storage under load (issue 13: p99 < 50 ms at 64 connections): a mission page with its
# launch feasibility (after the background worker is done) and the asteroid table over a whole-catalogue survey,
# filtered and sorted. The survey is stored first on a coarse grid (launches every 16 days, other dates every 8:
# ~30 s on 2 cores; the rows are as many as a 1-day run's, 20,060).
# Usage: bench/server/analyst_pages.sh [GER_BINARY] [DURATION]   (defaults: build/ger, 10s)
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="wrk curl"
source bench/server/prelude.sh
echo "storing a whole-catalogue survey (coarse grid)..."
"$ger" survey --store --db "$db" --launch-step 16 --tof-step 8 --limit 1 >/dev/null 2>"$work/survey.log"
tail -n 1 "$work/survey.log"
start_bench_server
for _ in $(seq 1 600); do
  curl -sf "$base/missions/rosalind-franklin" | grep -q 'verdict-' && break
  sleep 0.5
done

wrk_header
wrk_line "GET /missions/rosalind-franklin (feasibility)" /missions/rosalind-franklin
wrk_line "GET /asteroids (viable, least dv first)" /asteroids
wrk_line "GET /asteroids?viable=all&max_h=22&sort=h" "/asteroids?viable=all&max_h=22&sort=h"
wrk_line "GET /api/v1/asteroids?max_dv=8&sort=min_duration" "/api/v1/asteroids?max_dv=8&sort=min_duration"
wrk_line "GET /api/v1/asteroids?viable=all&limit=1000" "/api/v1/asteroids?viable=all&limit=1000"
