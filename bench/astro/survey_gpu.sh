#!/usr/bin/env bash
# One-shot GPU check for `ger survey` (docs/PERFORMANCE.md, Survey > GPU): GPU == CPU test, then the whole
# catalogue on the GPU, plus a CPU baseline and a GPU run on the same sample (shard 0/20) for a like-for-like rate
# and a result comparison. Writes logs and JSON under $OUT (default ./survey-gpu-out).
# Binaries: prebuilt ones from build-gpu-carry/ when they run here (same OS image), else a Release build with CUDA
# and tests (-j$(nproc), only the two targets needed).
set -u
OUT=${OUT:-$PWD/survey-gpu-out}
mkdir -p "$OUT"
exec > >(tee "$OUT/script.log") 2>&1
ROOT=$PWD
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/device.txt"
nproc | sed 's/^/cores: /' | tee -a "$OUT/device.txt"

BIN=$ROOT/build-gpu-carry
# A device box without ger's libraries: the carried bundle holds the binaries and every library they load but
# glibc (make it with ldd + strip + tar, see docs/PERFORMANCE.md); unpack it to a writable place.
if [ -f "$BIN/bundle.tar.xz" ]; then
  mkdir -p /tmp/ger-bundle && tar xJf "$BIN/bundle.tar.xz" -C /tmp/ger-bundle && BIN=/tmp/ger-bundle
  export LD_LIBRARY_PATH=$BIN/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
# The carried binaries have /work/main compiled in (data/NEA.txt); point it at this checkout when it is absent.
[ -e /work/main ] || { mkdir -p /work && ln -s "$ROOT" /work/main; } 2>/dev/null
if ! { [ -x "$BIN/ger" ] && "$BIN/ger" survey --help > /dev/null 2>&1 && [ -e /work/main/data/NEA.txt ]; }; then
  "$BIN/ger" survey --help 2>&1 | head -5; ls -la /work/main/data/NEA.txt
  echo "== building (carried binaries unusable here)"
  start=$(date +%s)
  cmake -S . -B build-gpu -DCMAKE_BUILD_TYPE=Release -DGER_WITH_CUDA=ON -DGER_BUILD_TESTS=ON -DGER_BUILD_BENCH=OFF \
    > "$OUT/configure.log" 2>&1 || { tail -30 "$OUT/configure.log"; exit 1; }
  cmake --build build-gpu -j"$(nproc)" --target ger astro_survey_cuda_test > "$OUT/build.log" 2>&1 \
    || { grep -E "error" "$OUT/build.log" | head -30; exit 1; }
  echo "build: $(( $(date +%s) - start )) s"
  BIN=$ROOT/build-gpu
fi
GER=$BIN/ger

echo "== GPU vs CPU equality test"
timeout 150 "$BIN/astro_survey_cuda_test" --gtest_output=json:"$OUT/survey_cuda_test.json" 2>&1 | tail -25

echo "== sample: shard 0/20 (cost-balanced), CPU all cores vs GPU"
/usr/bin/time -f "wall %e s, user %U s, maxrss %M KB" timeout 120 "$GER" survey --device cpu --shard 0/20 --format json \
  --out "$OUT/shard0_cpu.json" 2> "$OUT/shard0_cpu.log"; tail -2 "$OUT/shard0_cpu.log"
/usr/bin/time -f "wall %e s, user %U s, maxrss %M KB" timeout 120 "$GER" survey --device cuda --shard 0/20 --format json \
  --out "$OUT/shard0_cuda.json" 2> "$OUT/shard0_cuda.log"; tail -2 "$OUT/shard0_cuda.log"
python3 - "$OUT/shard0_cpu.json" "$OUT/shard0_cuda.json" <<'PY' 2>&1 | tee "$OUT/shard0_compare.txt"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ta = {t["designation"]: t for t in a["targets"]}; tb = {t["designation"]: t for t in b["targets"]}
worst, diff = 0.0, []
for k, x in ta.items():
    y = tb.get(k)
    if y is None or x["viable_count"] != y["viable_count"] or x["pruned"] != y["pruned"]: diff.append(k); continue
    for leg in ("min_dv", "min_duration"):
        if (x[leg] is None) != (y[leg] is None): diff.append(k); continue
        if x[leg] is None: continue
        for f, v in x[leg].items():
            if isinstance(v, float): worst = max(worst, abs(v - y[leg][f]) / max(abs(v), 1.0))
            elif v != y[leg][f]: diff.append(k)
print(f"objects {len(ta)} vs {len(tb)}; differing {len(set(diff))} {sorted(set(diff))[:10]}; worst relative {worst:.3g}")
PY

echo "== whole catalogue on the GPU"
/usr/bin/time -f "wall %e s, user %U s, maxrss %M KB" timeout 240 "$GER" survey --device cuda --format json \
  --out "$OUT/catalogue_cuda.json" 2> "$OUT/catalogue_cuda.log"
echo "exit $?"; tail -3 "$OUT/catalogue_cuda.log"
nvidia-smi --query-gpu=name,memory.used --format=csv >> "$OUT/device.txt"
