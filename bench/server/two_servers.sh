#!/usr/bin/env bash
# Read throughput of two `ger serve` on one PostgreSQL database against one (issue 11: >= 1.6x one server's when the
# clients are not the bottleneck). The same client load both times: one wrk -t2 -c64 against one server, then two
# wrk -t1 -c32 at once, one per server; wrk and the servers share the machine's cores, so on a small machine the
# ratio says how much a second process gains there, not what a second machine would.
# Usage: bench/server/two_servers.sh [GER_BINARY] [DURATION]   (defaults: build/ger, 10s)
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DB=postgresql
tools="wrk psql"
source bench/server/prelude.sh
token=$(planner_token)
start_bench_server
first=$base
start_server "$ger" "$work/serve2.log" --quiet ${BENCH_SERVE_OPTIONS:-}
wait_for_editions
second=$base

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%-44s %12s %12s %7s %s\n' "url" "one req/s" "two req/s" "ratio" "errors (two)"
for target in "/missions/artemis-3|" "/api/v1/missions/artemis-3|Authorization: Bearer $token"; do
  path=${target%%|*}
  header=${target#*|}
  args=()
  [[ -n $header ]] && args=(-H "$header")
  wrk -t2 -c64 -d"$duration" "${args[@]}" "$first$path" >"$work/one.txt"
  wrk -t1 -c32 -d"$duration" "${args[@]}" "$first$path" >"$work/two-a.txt" &
  other=$!
  wrk -t1 -c32 -d"$duration" "${args[@]}" "$second$path" >"$work/two-b.txt"
  wait "$other"
  one=$(rate "$work/one.txt")
  two=$(awk -v a="$(rate "$work/two-a.txt")" -v b="$(rate "$work/two-b.txt")" 'BEGIN {printf "%.2f", a + b}')
  errors=$(cat "$work/two-a.txt" "$work/two-b.txt" | awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s ", $0}')
  label="GET $path${header:+ (token)}"
  printf '%-44s %12s %12s %7s %s\n' "$label" "$one" "$two" "$(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.2f", b / a}')" \
    "${errors:-0}"
done
