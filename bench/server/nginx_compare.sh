#!/usr/bin/env bash
# A cached public page from `ger serve` against nginx serving the same bytes from a file, in the same run, on the
# same machine: the ratio is what the transport costs (the issue's goal: ger >= 0.6 x nginx, p99 < 10 ms).
# Usage: bench/server/nginx_compare.sh [GER_BINARY] [DURATION] [ROUNDS]   (defaults: build/ger, 10s, 2)
# Each round runs wrk against ger, then against nginx (ABAB), so a drift of the machine hits both alike.
# Needs wrk, curl and nginx: `apt-get install nginx-light` (kept out of deps/debian-packages.txt: make test does
# not need it, and its package starts a service on port 80 where it can). Only its binary is used here.
set -euo pipefail
cd "$(dirname "$0")/../.."
ger=$(realpath "${1:-build/ger}")
duration=${2:-10s}
rounds=${3:-2}
for tool in wrk curl nginx; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || { echo "bench: $tool missing" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

source scripts/fresh_server.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$ger" init --db "$db" >/dev/null
start_server "$ger" "$work/serve.log" --quiet
ger_base=$base
wait_for_editions

mkdir -p "$work/root/missions"
chmod 755 "$work"  # nginx's workers run as nobody when started by root
curl -sf "$ger_base/" -o "$work/root/index.html"
curl -sf "$ger_base/missions/artemis-3" -o "$work/root/missions/artemis-3"
chmod -R a+rX "$work/root"

nginx_port=$(free_port)
cores=$(nproc)
cat >"$work/nginx.conf" <<EOF
worker_processes $cores;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  open_file_cache max=100;
  default_type text/html;
  client_body_temp_path $work/tmp-body;
  proxy_temp_path $work/tmp-proxy;
  fastcgi_temp_path $work/tmp-fastcgi;
  uwsgi_temp_path $work/tmp-uwsgi;
  scgi_temp_path $work/tmp-scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/root;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
EOF
"$nginx_bin" -c "$work/nginx.conf" -p "$work" &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$nginx_port/" -o /dev/null && break; sleep 0.1; done
cmp -s <(curl -sf "$ger_base/") <(curl -sf "http://127.0.0.1:$nginx_port/") || {
  echo "bench: nginx does not serve the same bytes as ger" >&2; exit 1; }

echo "machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
echo "ger: $ger ($(git -C "$(dirname "$ger")" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "wrk -t2 -c64 -d$duration --latency; ger and nginx alternate, $rounds rounds"
printf '%-28s %-6s %10s %9s %9s %s\n' "path" "server" "req/s" "p50" "p99" "errors"
measure() {  # label server url -> prints a row, sets $rps
  local label=$1 server=$2 url=$3
  wrk -t2 -c64 -d"$duration" --latency "$url" >"$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  local p50 p99 errors
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s ", $0}' "$work/wrk.txt")
  printf '%-28s %-6s %10s %9s %9s %s\n' "$label" "$server" "$rps" "$p50" "$p99" "${errors:-0}"
}
for path in / /missions/artemis-3; do
  for round in $(seq 1 "$rounds"); do
    measure "$path (round $round)" ger "$ger_base$path"; ger_rps=$rps
    measure "$path (round $round)" nginx "http://127.0.0.1:$nginx_port$path"; nginx_rps=$rps
    awk -v a="$ger_rps" -v b="$nginx_rps" -v p="$path" 'BEGIN { printf "%-28s ratio ger/nginx = %.2f\n", p, a / b }'
  done
done
