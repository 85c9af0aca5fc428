# Sourced (not run) by the scripts that talk to a real `ger serve`: tests/browser/run.sh, tests/openapi/lint.sh,
# bench/server/*.sh. Gives them a temporary folder $work (removed at exit, with every process in $pids stopped),
# a fresh database $work/ger.db, and
#   start_server GER LOG [serve options...]   serves $work/ger.db on a free port; sets $base (http://host:port)
#   wait_for_editions                        returns once the bundled editions' files are rendered (benchmarks)
work=$(mktemp -d)
pids=()
fresh_server_cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap fresh_server_cleanup EXIT

db="$work/ger.db"

start_server() {
  local ger=$1 log=$2
  shift 2
  "$ger" serve --db "$db" --port 0 "$@" >"$work/serve.out" 2>"$log" &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q 'http://' "$work/serve.out" 2>/dev/null && break
    sleep 0.1
  done
  base=$(grep -o 'http://[^/ ]*' "$work/serve.out" | head -n 1)
  [[ -n "$base" ]] || { echo "$(basename "$0"): the server did not start" >&2; cat "$log" >&2; exit 1; }
}

# The server renders the bundled editions' files (PDF, charts) in the background after start: measure after.
wait_for_editions() {
  local busy
  for _ in $(seq 1 600); do
    busy=$(python3 - "$base" <<'PY' 2>/dev/null || echo 1
import json, sys, urllib.request
base = sys.argv[1]
names = [e["name"] for e in json.load(urllib.request.urlopen(base + "/api/v1/editions"))["items"]]
states = [json.load(urllib.request.urlopen(f"{base}/api/v1/editions/{n}/status"))["state"] for n in names]
print(sum(s in ("queued", "rendering") for s in states))
PY
    )
    [[ "$busy" == 0 ]] && return 0
    sleep 0.5
  done
}
