#!/usr/bin/env bash
# Runs every benchmark executable built under build/bench and prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
for b in build/bench_*; do
  echo "== $b"
  "$b"
done
