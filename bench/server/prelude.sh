# Sourced by the bench/server scripts from the repository root, with the script's own arguments: GER_BINARY and
# DURATION ($1, $2; defaults build/ger, 10s) become $ger and $duration; it stops when a tool named in $tools
# (default: wrk) is missing; then a fresh database $db from the bundled roadmap (scripts/fresh_server.sh: $work,
# start_server, wait_for_editions) and the wrk table helpers (wrk_line.sh). Gives
#   planner_token        adds the ESA planner bench-planner and prints a bearer token for it
#   start_bench_server   serves $db (see below)
#   missions_stored      how many missions $db holds
# BENCH_DB=postgresql puts $db on a PostgreSQL 15 of the run's own instead (tests/store/postgresql_cluster.sh, with
# fsync and synchronous_commit on, as a deployment keeps them), stopped and removed at exit.
ger=$(realpath "${1:-build/ger}")
duration=${2:-10s}
for tool in ${tools:-wrk}; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install $tool)" >&2; exit 1; }
done

source scripts/fresh_server.sh
source bench/server/wrk_line.sh
if [[ ${BENCH_DB:-sqlite} == postgresql ]]; then
  chmod 755 "$work"  # the cluster's unprivileged owner reaches its directory through it
  GER_POSTGRESQL_DURABLE=1 bash tests/store/postgresql_cluster.sh start "$work/postgresql" >/dev/null
  # the servers go first, then the database, then the folder
  trap 'for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true
        bash tests/store/postgresql_cluster.sh stop "$work/postgresql"; fresh_server_cleanup' EXIT
  db=$(sed 's#/postgres$#/ger_bench#' "$work/postgresql/url")
fi
echo "database: ${db%%\?*}"
"$ger" init --db "$db" >/dev/null

missions_stored() {
  if [[ $db == postgresql://* ]]; then
    psql -X -At -d "$db" -c 'SELECT count(*) FROM missions'
  else
    sqlite3 "$db" 'SELECT count(*) FROM missions'
  fi
}

planner_token() {
  "$ger" user add --db "$db" --agency ESA --name bench-planner >/dev/null
  "$ger" token create --db "$db" --user bench-planner | tail -n 1
}

# ger serve on $db without per-request logging, once the bundled editions' files are rendered: what to measure.
start_bench_server() {
  start_server "$ger" "$work/serve.log" --quiet ${BENCH_SERVE_OPTIONS:-}
  wait_for_editions
}
