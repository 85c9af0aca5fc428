// The instruction sets the dispatched kernels (the Lambert batch, the survey's leg screen) may
// use. By default each picks the widest the CPU has; a limit makes an AVX-512 machine run the AVX2 (or SSE4) code,
// so that a figure for an ISA can be measured wherever that ISA's code can run, and says which one ran.
//
// Thread-safety: limit_simd is meant for program start, before the first kernel runs (a later call still takes
// effect, for the calls that follow it); the queries may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ger::astro {

enum class SimdLimit : std::uint8_t { native, avx512, avx2, sse4 };

// "native", "avx512", "avx2", "sse4". Throws AstroError(invalid_argument) naming the allowed values.
SimdLimit parse_simd_limit(std::string_view name);
std::string_view simd_limit_name(SimdLimit limit) noexcept;

void limit_simd(SimdLimit limit);
SimdLimit simd_limit() noexcept;

// The instruction set the kernels dispatch to now, in Highway's names ("AVX3" is AVX-512, "AVX2", "SSE4").
std::string simd_dispatched();

}  // namespace ger::astro
