// GER_SIMD for the astro benchmarks, as `ger` reads it (cli/main.cpp): caps the dispatched kernels' instruction set
// (astro/simd.hpp) so that the AVX2 code can be timed on an AVX-512 machine. A bad value ends the benchmark with a
// message naming the variable and the allowed values.
#pragma once

#include <cstdlib>
#include <exception>
#include <iostream>

#include "astro/simd.hpp"

namespace ger::astro::bench {

inline void limit_simd_from_environment() {
    const char* simd = std::getenv("GER_SIMD");
    if (simd == nullptr || *simd == '\0') return;
    try {
        limit_simd(parse_simd_limit(simd));
    } catch (const std::exception& e) {
        std::cerr << "GER_SIMD: " << e.what() << "\n";
        std::exit(2);
    }
}

}  // namespace ger::astro::bench
