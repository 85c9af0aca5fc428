#!/usr/bin/env bash
# /api/v1/changes?limit=1 and /api/v1/audit?limit=1 against the size of the audit log: the same server, the same
# records, at 1,000 and then 100,000 entries (a page is one keyset query, so the figures must not move).
# Usage: bench/server/changes_feed.sh [GER_BINARY] [DURATION]   (defaults: build/ger, 10s); an older ger binary
# (schema 5 or older, the log paged in memory) gives the before figures.
# The log is grown by copying the entries the server wrote (with their records' scopes) in SQL: 100,000 API edits
# would only take long. Needs wrk, curl and sqlite3 (deps/debian-packages.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools="wrk curl sqlite3"
source bench/server/prelude.sh
token=$(planner_token)
start_bench_server

# 40 ESA missions at every visibility, each edited twice: entries with real content and scopes.
scopes=('{"scope":"public"}' '{"scope":"partners"}' '{"scope":"agencies","agencies":["NASA"]}'
        '{"scope":"agencies","agencies":["JAXA","ESA"]}')
for i in $(seq 0 39); do
  body="{\"id\":\"esa-bench-$i\",\"name\":\"Bench $i\",\"lead_agency\":\"ESA\",\"destination\":\"Moon\",\"kind\":\"robotic\",\
\"type\":\"lander\",\"status\":\"planned\",\"commitment\":\"study\",\"visibility\":${scopes[$((i % 4))]}}"
  curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
    "$base/api/v1/missions"
  for version in 1 2; do
    curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $token" -H "If-Match: \"$version\"" \
      -H 'Content-Type: application/merge-patch+json' -d "{\"description\":\"edit $version $(printf 'x%.0s' {1..300})\"}" \
      "$base/api/v1/missions/esa-bench-$i"
  done
done
written=$(sqlite3 "$db" "SELECT MAX(id) FROM audit_log")

# The scope columns exist from schema 6 on; an older ger (for a before figure) has none to copy.
scope_columns=
if [[ -n $(sqlite3 "$db" "SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'read_scope'") ]]; then
  scope_columns=", record_owner, read_scope, read_agencies"
fi
grow_to() {  # copies of the written entries (their order and scopes kept) until the log holds $1 entries
  sqlite3 "$db" "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $1)
    INSERT INTO audit_log (at, actor, agency, record_kind, record_id, action, before_json, after_json $scope_columns)
    SELECT (SELECT MAX(at) FROM audit_log), actor, agency, record_kind, record_id, action, before_json,
           after_json $scope_columns
    FROM n JOIN audit_log a ON a.id = 1 + (n.k % $written)
    WHERE n.k <= $1 - (SELECT COUNT(*) FROM audit_log);"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "wrk -t2 -c16 -d$duration --latency; server and wrk share the machine"
printf '%-9s %-44s %10s %10s %9s %9s %9s\n' "entries" "url" "one (s)" "req/s" "p50" "p99" "errors"
run() {
  local entries=$1 label=$2 path=$3
  shift 3
  curl -sf -o /dev/null --max-time 120 "$@" "$base$path"  # warm: the snapshot for the new change id
  local one
  one=$(curl -sf -o /dev/null --max-time 120 -w '%{time_total}' "$@" "$base$path")  # one request, alone
  wrk -t2 -c16 -d"$duration" --latency "$@" "$base$path" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); gsub(/ /, ""); printf "%s ", $0}' "$work/wrk.txt")
  printf '%-9s %-44s %10s %10s %9s %9s %9s\n' "$entries" "$label" "$one" "$rps" "$p50" "$p99" "${errors:-0}"
}
for entries in 1000 100000; do
  grow_to "$entries"
  have=$(sqlite3 "$db" "SELECT COUNT(*) FROM audit_log")
  run "$have" "GET /api/v1/changes?limit=1 (anonymous)" "/api/v1/changes?limit=1"
  run "$have" "GET /api/v1/changes?limit=1 (token)" "/api/v1/changes?limit=1" -H "Authorization: Bearer $token"
  run "$have" "GET /api/v1/changes?limit=100 (anonymous)" "/api/v1/changes?limit=100"
  run "$have" "GET /api/v1/audit?limit=1 (token)" "/api/v1/audit?limit=1" -H "Authorization: Bearer $token"
done
