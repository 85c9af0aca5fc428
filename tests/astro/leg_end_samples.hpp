// Random leg ends for the survey's leg-filter tests (survey_leg_filter_test, survey_tof_filter_test,
// survey_leg_row_test): a LegEnd from a position and velocity, directions up to a latitude, and velocities of
// bodies on prograde orbits.
#pragma once

#include <cmath>
#include <random>

#include "astro/constants.hpp"
#include "astro/detail/leg_plane_bound.hpp"
#include "astro/vec3.hpp"

namespace ger::astro::detail::leg_samples {

inline constexpr double au = 149597870.7;  // [km]
inline constexpr double slack = 1e-9;      // the survey's invariant slack

inline LegEnd end_of(const Vec3& r, const Vec3& w) {
    const Vec3 h = cross(r, w);
    const double q = dot(r, r);
    return {r.x, r.y, r.z, w.x, w.y, w.z, h.x, h.y, h.z, q, std::sqrt(q), norm(w), gm_sun_km3_s2 / std::sqrt(q)};
}

inline Vec3 random_direction(std::mt19937_64& rng, double max_latitude_rad) {
    std::uniform_real_distribution<double> lon(0, 2 * M_PI), lat(-max_latitude_rad, max_latitude_rad);
    const double l = lon(rng), b = lat(rng);
    return {std::cos(b) * std::cos(l), std::cos(b) * std::sin(l), std::sin(b)};
}

// A body's velocity on a prograde orbit through r: near-circular speed, random tilt and flight-path angle.
inline Vec3 orbit_velocity(std::mt19937_64& rng, const Vec3& r) {
    std::uniform_real_distribution<double> speed(0.7, 1.3), tilt(-0.6, 0.6), gamma(-0.4, 0.4);
    const double rn = norm(r);
    const Vec3 radial = r * (1 / rn);
    Vec3 along = cross(Vec3{0, 0, 1}, radial);
    along = along * (1 / norm(along));
    const Vec3 up = cross(radial, along);
    const double t = tilt(rng), g = gamma(rng);
    const Vec3 horizontal = along * std::cos(t) + up * std::sin(t);
    return (horizontal * std::cos(g) + radial * std::sin(g)) * (speed(rng) * std::sqrt(gm_sun_km3_s2 / rn));
}

}  // namespace ger::astro::detail::leg_samples
