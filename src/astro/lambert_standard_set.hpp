// The standard Lambert benchmark set (docs/PERFORMANCE.md): seeded, reproducible on any platform.
// Sun-centred, 0-rev: r1, r2 in uniformly random directions with radii uniform in [0.7, 1.7] au, time of
// flight uniform in [30, 500] days. The random stream is SplitMix64 mapped to doubles by hand, so the set
// does not depend on a standard library's distribution implementation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ger::astro {

// [km^3/s^2] Sun GM, DE440 (Park et al. 2021, AJ 161:105, Table 8).
inline constexpr double lambert_standard_mu_km3_s2 = 1.32712440041279419e11;
// [km] IAU 2012 Resolution B2, exact.
inline constexpr double lambert_standard_au_km = 149'597'870.7;
inline constexpr std::uint64_t lambert_standard_seed = 20150101;

// Structure of arrays, the layout the batch solver reads.
struct LambertProblemSet {
    std::vector<double> r1x, r1y, r1z;  // [km]
    std::vector<double> r2x, r2y, r2z;  // [km]
    std::vector<double> tof;            // [s]
    double mu = lambert_standard_mu_km3_s2;  // [km^3/s^2]
    std::size_t size() const { return tof.size(); }
};

LambertProblemSet lambert_standard_set(std::size_t n, std::uint64_t seed = lambert_standard_seed);

}  // namespace ger::astro
