# Lambert solver: the batch kernel uses Highway (libhwy-dev) for run-time dispatch across SSE4 / AVX2 /
# AVX-512 and its contrib/math vector transcendentals. No -march flag: foreach_target.h compiles each
# target with its own attributes, so the library still runs on any x86-64.
find_package(hwy REQUIRED CONFIG)
target_link_libraries(ger_astro PRIVATE hwy::hwy)
# Highway's per-target code relies on inlining into the HWY_ATTR functions; -O3 in Release already, and
# the kernel's hand-written FMAs must not be re-associated, so no fast-math anywhere.
