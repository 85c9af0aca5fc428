// Reference frames and the frame-tagged State.
//
// Frame::icrf         ICRF axes (equatorial; BCRS/GCRS axes are the same). ERFA's J2000 mean equator and equinox
//                     outputs (eraPlan94) are taken as ICRF: the frame bias between them is < 23 mas
//                     (< 17 km at 1 au), far below eraPlan94's error.
// Frame::ecliptic_j2000  ICRF rotated about +x by the IAU 2006 J2000 obliquity 84381.406" (constants.hpp).
//                     ger's default frame for heliocentric states. Frame bias is ignored as above, so this is the
//                     mean ecliptic and equinox of J2000 to within 23 mas.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <span>
#include <string_view>

#include "astro/bodies.hpp"
#include "astro/vec3.hpp"

namespace ger::astro {

enum class Frame { ecliptic_j2000, icrf };

std::string_view frame_name(Frame frame) noexcept;  // "ecliptic_j2000", "icrf"

// Position [km] and velocity [km/s] of an object relative to `centre`, with axes of `frame`.
struct State {
    Vec3 r_km;
    Vec3 v_km_s;
    Frame frame = Frame::ecliptic_j2000;
    Body centre = Body::sun;
};

Vec3 icrf_to_ecliptic(const Vec3& v) noexcept;
Vec3 ecliptic_to_icrf(const Vec3& v) noexcept;
// Same rotations over arrays, in place (structure of arrays for grids).
void icrf_to_ecliptic(std::span<Vec3> v) noexcept;
void ecliptic_to_icrf(std::span<Vec3> v) noexcept;

// The state with its axes rotated to `to` (centre unchanged; the frames do not rotate in time).
State to_frame(const State& s, Frame to) noexcept;

}  // namespace ger::astro
