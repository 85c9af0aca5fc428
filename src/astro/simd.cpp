#include "astro/simd.hpp"

#include <atomic>

#include "astro/error.hpp"
#include "astro/lambert_batch.hpp"
#include "hwy/targets.h"

namespace ger::astro {
namespace {

std::atomic<SimdLimit> g_limit{SimdLimit::native};

}  // namespace

SimdLimit parse_simd_limit(std::string_view name) {
    if (name == "native") return SimdLimit::native;
    if (name == "avx512") return SimdLimit::avx512;
    if (name == "avx2") return SimdLimit::avx2;
    if (name == "sse4") return SimdLimit::sse4;
    throw AstroError(AstroErrc::invalid_argument,
                     "SIMD limit '" + std::string(name) + "' is not one of native, avx512, avx2, sse4");
}

std::string_view simd_limit_name(SimdLimit limit) noexcept {
    switch (limit) {
        case SimdLimit::native: return "native";
        case SimdLimit::avx512: return "avx512";
        case SimdLimit::avx2: return "avx2";
        case SimdLimit::sse4: return "sse4";
    }
    return "native";
}

void limit_simd(SimdLimit limit) {
    g_limit.store(limit);
    // Highway's targets are bits, wider ISAs lower: disabling every bit below a target leaves it the widest.
    std::int64_t disabled = 0;
    if (limit == SimdLimit::avx2) disabled = HWY_AVX2 - 1;
    if (limit == SimdLimit::sse4) disabled = HWY_SSE4 - 1;
    hwy::DisableTargets(disabled);
}

SimdLimit simd_limit() noexcept { return g_limit.load(); }

std::string simd_dispatched() { return lambert_batch_target(); }

}  // namespace ger::astro
