# Sourced by the bench/server scripts after scripts/fresh_server.sh (which gives $work and $base):
#   wrk_header                    the machine and the wrk command, and the table's header
#   wrk_line LABEL PATH [ARGS]    one row: wrk -t2 -c64 --latency on $base$PATH for $duration, extra wrk ARGS
wrk_header() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "wrk -t2 -c64 -d$duration --latency"
  printf '%-52s %10s %9s %9s %9s\n' "url" "req/s" "p50" "p99" "errors"
}
wrk_line() {
  local label=$1 path=$2
  shift 2
  wrk -t2 -c64 -d"$duration" --latency "$@" "$base$path" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s ", $0}' "$work/wrk.txt")
  printf '%-52s %10s %9s %9s %9s\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}
