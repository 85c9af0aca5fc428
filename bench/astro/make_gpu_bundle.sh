#!/usr/bin/env bash
# Packs `ger` and the CUDA survey test from a CUDA-enabled build, with every shared library they load except
# glibc's, into build-gpu-carry/bundle.tar.xz for bench/astro/survey_gpu.sh (the GPU box has none of ger's Debian
# dependencies installed). Usage: bench/astro/make_gpu_bundle.sh [BUILD_DIR]   (default build-cuda)
set -euo pipefail
BUILD=${1:-build-cuda}
OUT=build-gpu-carry
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/lib" "$OUT"
for bin in ger astro_survey_cuda_test; do
  [ -x "$BUILD/$bin" ] || { echo "missing $BUILD/$bin (build it with -DGER_WITH_CUDA=ON)" >&2; exit 1; }
  cp "$BUILD/$bin" "$STAGE/"
  strip "$STAGE/$bin"
  # glibc stays the box's own: libc, libm, libpthread, libdl, librt, ld-linux.
  ldd "$BUILD/$bin" | awk '/=> \// {print $3}' | grep -vE '/(libc|libm|libpthread|libdl|librt|ld-linux[^/]*)\.so' |
    while read -r lib; do cp -L "$lib" "$STAGE/lib/"; done
done
tar cJf "$OUT/bundle.tar.xz" -C "$STAGE" .
ls -la "$OUT/bundle.tar.xz"
