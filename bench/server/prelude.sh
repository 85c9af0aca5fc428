# Sourced by the bench/server scripts from the repository root, with the script's own arguments: GER_BINARY and
# DURATION ($1, $2; defaults build/ger, 10s) become $ger and $duration; it stops when a tool named in $tools
# (default: wrk) is missing; then a fresh database $db from the bundled roadmap (scripts/fresh_server.sh: $work,
# start_server, wait_for_editions) and the wrk table helpers (wrk_line.sh). Gives
#   planner_token        adds the ESA planner bench-planner and prints a bearer token for it
#   start_bench_server   serves $db (see below)
ger=$(realpath "${1:-build/ger}")
duration=${2:-10s}
for tool in ${tools:-wrk}; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install $tool)" >&2; exit 1; }
done

source scripts/fresh_server.sh
source bench/server/wrk_line.sh
"$ger" init --db "$db" >/dev/null

planner_token() {
  "$ger" user add --db "$db" --agency ESA --name bench-planner >/dev/null
  "$ger" token create --db "$db" --user bench-planner | tail -n 1
}

# ger serve on $db without per-request logging, once the bundled editions' files are rendered: what to measure.
start_bench_server() {
  start_server "$ger" "$work/serve.log" --quiet ${BENCH_SERVE_OPTIONS:-}
  wait_for_editions
}
