#!/usr/bin/env bash
# Builds the request-parsing fuzzer with clang (libFuzzer, ASan, UBSan) and runs it for a bounded time over a copy
# of the seed corpus. Usage: run.sh SOURCE_DIR WORK_DIR [SECONDS]   (make test: 60 s; longer runs by hand)
# A crash leaves its input in WORK_DIR/crash-*: add it to corpus/ (a regression input) and fix the code.
set -euo pipefail
src=$1
work=$2
seconds=${3:-60}
clang=$(command -v clang++-14 || command -v clang++ || true)
[[ -n "$clang" ]] || { echo "fuzz: clang++ missing (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }
mkdir -p "$work/corpus"
cp -n "$src/tests/server/fuzz/corpus/"* "$work/corpus/"
sources=(problem.cpp http/json_body.cpp http/message.cpp http/request_reader.cpp http/url.cpp http/utf8.cpp)
"$clang" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DBOOST_ASIO_NO_DEPRECATED -DBOOST_BEAST_USE_STD_STRING_VIEW -I"$src/src" \
  "$src/tests/server/fuzz/request_fuzzer.cpp" "${sources[@]/#/$src/src/server/}" -o "$work/request_fuzzer"
cd "$work"
# Every seed first (a regression input must pass), then new inputs for the time given.
./request_fuzzer -runs=0 corpus
./request_fuzzer -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus
