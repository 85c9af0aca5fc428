#!/usr/bin/env bash
# Builds one libFuzzer harness (tests/fuzz/NAME/fuzzer.cpp with the sources listed in NAME/sources) with clang,
# ASan and UBSan, then runs it over a copy of its seed corpus for a bounded time.
# Usage: [FUZZ_SEED=N] run.sh NAME SOURCE_DIR WORK_DIR [SECONDS]   (make test: tens of seconds; longer runs by hand, e.g.
#   tests/fuzz/run.sh dataset . /tmp/fuzz-dataset 3600)
# A crash leaves its input in WORK_DIR/crash-*: add it to NAME/corpus/ (then it is a regression input that every
# run replays first) and fix the code.
set -euo pipefail
name=$1
src=$2
work=$3
seconds=${4:-60}
dir="$src/tests/fuzz/$name"
[[ -f "$dir/fuzzer.cpp" && -f "$dir/sources" ]] || { echo "fuzz: no harness $dir" >&2; exit 1; }
clang=$(command -v clang++-14 || command -v clang++ || true)
[[ -n "$clang" ]] || { echo "fuzz: clang++ missing (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }
sources=()
flags=()
while read -r entry; do
  case "$entry" in
    ''|'#'*) ;;
    -*) flags+=("$entry") ;;
    *) sources+=("$src/src/$entry") ;;
  esac
done < "$dir/sources"
mkdir -p "$work/corpus"
cp -n "$dir/corpus/"* "$work/corpus/"
"$clang" -std=c++20 -O1 -g1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src/src" -I"$src/tests/fuzz" "${flags[@]}" "$dir/fuzzer.cpp" "${sources[@]}" -o "$work/fuzzer"
cd "$work"
# Every seed first (a regression input must pass), then new inputs for the time given.
./fuzzer -runs=0 corpus
# FUZZ_SEED: make test sets one, so a run explores the same inputs on every machine and a CI failure is the
# code's, not the draw's; by hand, 0 (the default) draws a fresh seed each run (printed as "INFO: Seed:").
./fuzzer -seed="${FUZZ_SEED:-0}" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-8192}" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 corpus
