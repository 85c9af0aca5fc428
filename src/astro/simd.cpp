#include "astro/simd.hpp"

#include <atomic>

#include "astro/error.hpp"
#include "astro/lambert_batch.hpp"
#include "hwy/targets.h"

namespace ger::astro {
namespace {

std::atomic<SimdLimit> g_limit{SimdLimit::native};

// What the CPU has, asked once (__builtin_cpu_supports takes only literals).
struct CpuLevels {
    bool x86_64_v3 = false;  // AVX2 + FMA
    bool x86_64_v4 = false;  // AVX-512
};

const CpuLevels& cpu_levels() noexcept {
    static const CpuLevels levels = [] {
        CpuLevels l;
#if defined(__x86_64__) && defined(__GNUC__)
        __builtin_cpu_init();
        l.x86_64_v3 = __builtin_cpu_supports("x86-64-v3") != 0;
        l.x86_64_v4 = __builtin_cpu_supports("x86-64-v4") != 0;
#endif
        return l;
    }();
    return levels;
}

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

bool simd_allows_avx512() noexcept {
    const auto limit = simd_limit();
    return cpu_levels().x86_64_v4 && (limit == SimdLimit::native || limit == SimdLimit::avx512);
}

bool simd_allows_avx2() noexcept { return cpu_levels().x86_64_v3 && simd_limit() != SimdLimit::sse4; }

std::string simd_dispatched() { return lambert_batch_target(); }

}  // namespace ger::astro
