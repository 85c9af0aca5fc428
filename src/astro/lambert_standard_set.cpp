// Generator of the standard Lambert benchmark set (see lambert_standard_set.hpp).
#include "astro/lambert_standard_set.hpp"

#include <cmath>

namespace ger::astro {

namespace {

constexpr double two_pi = 6.283185307179586476925286766559;
constexpr double day_s = 86'400.0;  // [s]
constexpr double radius_min_au = 0.7, radius_max_au = 1.7;
constexpr double tof_min_days = 30.0, tof_max_days = 500.0;

// SplitMix64 (Steele, Lea & Flood 2014): tiny, well mixed and identical everywhere.
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
};

void random_position(SplitMix64& rng, double& x, double& y, double& z) {
    const double r = rng.uniform(radius_min_au, radius_max_au) * lambert_standard_au_km;
    const double cz = rng.uniform(-1.0, 1.0);  // uniform in cos(colatitude): uniform on the sphere
    const double lon = rng.uniform(0.0, two_pi);
    const double sz = std::sqrt(1.0 - cz * cz);
    x = r * sz * std::cos(lon);
    y = r * sz * std::sin(lon);
    z = r * cz;
}

}  // namespace

LambertProblemSet lambert_standard_set(std::size_t n, std::uint64_t seed) {
    LambertProblemSet set;
    for (auto* v : {&set.r1x, &set.r1y, &set.r1z, &set.r2x, &set.r2y, &set.r2z, &set.tof}) v->resize(n);
    SplitMix64 rng{seed};
    for (std::size_t i = 0; i < n; ++i) {
        random_position(rng, set.r1x[i], set.r1y[i], set.r1z[i]);
        random_position(rng, set.r2x[i], set.r2y[i], set.r2z[i]);
        set.tof[i] = rng.uniform(tof_min_days, tof_max_days) * day_s;
    }
    return set;
}

}  // namespace ger::astro
