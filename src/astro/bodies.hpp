// Solar-system bodies: identifiers, names, gravitational parameters and radii (sources in constants.hpp).
// Thread-safety: pure functions over constant tables; safe to call concurrently.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ger::astro {

enum class Body { sun, mercury, venus, earth, moon, mars, jupiter, saturn, uranus, neptune };

inline constexpr std::array<Body, 10> all_bodies = {Body::sun,     Body::mercury, Body::venus,  Body::earth,
                                                    Body::moon,    Body::mars,    Body::jupiter, Body::saturn,
                                                    Body::uranus,  Body::neptune};

std::string_view body_name(Body body) noexcept;  // lower case: "earth"

// Case-insensitive English name ("earth", "Mars", "MOON"); surrounding blanks ignored.
std::optional<Body> try_parse_body(std::string_view name) noexcept;
// As try_parse_body; throws AstroError(unknown_body) naming the text and the accepted names.
Body parse_body(std::string_view name);

// GM [km^3/s^2] (DE440): the planet *system* for Mars..Neptune, the body itself for Sun, Mercury, Venus,
// Earth and Moon.
double gm_km3_s2(Body body) noexcept;
// Equatorial radius [km] (IAU WGCCRE 2015; Sun: IAU 2015 B3 nominal; Moon: mean radius).
double equatorial_radius_km(Body body) noexcept;
// The body whose GM governs the body's two-body orbit: Sun for the planets, Earth for the Moon, Sun for Sun.
Body primary_of(Body body) noexcept;

}  // namespace ger::astro
