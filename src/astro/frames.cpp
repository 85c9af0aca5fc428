#include "astro/frames.hpp"

#include <cmath>

#include "astro/constants.hpp"

namespace ger::astro {

namespace {
const double cos_eps = std::cos(obliquity_j2000_rad);
const double sin_eps = std::sin(obliquity_j2000_rad);
}  // namespace

std::string_view frame_name(Frame frame) noexcept {
    switch (frame) {
        case Frame::ecliptic_j2000: return "ecliptic_j2000";
        case Frame::icrf: return "icrf";
    }
    return "?";
}

// Ecliptic = R_x(eps) * equatorial: y_ecl = cos(eps) y + sin(eps) z, z_ecl = -sin(eps) y + cos(eps) z.
Vec3 icrf_to_ecliptic(const Vec3& v) noexcept {
    return {v.x, cos_eps * v.y + sin_eps * v.z, -sin_eps * v.y + cos_eps * v.z};
}

Vec3 ecliptic_to_icrf(const Vec3& v) noexcept {
    return {v.x, cos_eps * v.y - sin_eps * v.z, sin_eps * v.y + cos_eps * v.z};
}

void icrf_to_ecliptic(std::span<Vec3> v) noexcept {
    for (Vec3& x : v) x = icrf_to_ecliptic(x);
}

void ecliptic_to_icrf(std::span<Vec3> v) noexcept {
    for (Vec3& x : v) x = ecliptic_to_icrf(x);
}

State to_frame(const State& s, Frame to) noexcept {
    if (s.frame == to) return s;
    State out = s;
    out.frame = to;
    if (to == Frame::ecliptic_j2000) {
        out.r_km = icrf_to_ecliptic(s.r_km);
        out.v_km_s = icrf_to_ecliptic(s.v_km_s);
    } else {
        out.r_km = ecliptic_to_icrf(s.r_km);
        out.v_km_s = ecliptic_to_icrf(s.v_km_s);
    }
    return out;
}

}  // namespace ger::astro
