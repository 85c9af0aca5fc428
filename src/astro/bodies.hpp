// Solar-system bodies: identifiers, names, gravitational parameters and radii (sources in constants.hpp).
// Thread-safety: pure functions over constant tables; safe to call concurrently.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ger::astro {

// emb is the Earth-Moon barycentre: a point, not a body, ~4,700 km from the geocentre towards the Moon. The
// mission-design handbooks (Sergeyevsky et al. 1983; Burke et al. 2010) measure departure C3 from it. Appended
// last so that the other enumerators keep their values.
enum class Body { sun, mercury, venus, earth, moon, mars, jupiter, saturn, uranus, neptune, emb };

inline constexpr std::array<Body, 11> all_bodies = {Body::sun,     Body::mercury, Body::venus,  Body::earth,
                                                    Body::moon,    Body::mars,    Body::jupiter, Body::saturn,
                                                    Body::uranus,  Body::neptune, Body::emb};

std::string_view body_name(Body body) noexcept;          // lower case, what parse_body takes: "earth", "emb"
std::string_view body_display_name(Body body) noexcept;  // for people: "Earth", "Earth–Moon barycentre" (UTF-8)

// Case-insensitive name ("earth", "Mars", "MOON", "EMB"); surrounding blanks ignored. The barycentre also answers
// to "earth-moon-barycentre" and "earth-moon-barycenter".
std::optional<Body> try_parse_body(std::string_view name) noexcept;
// As try_parse_body; throws AstroError(unknown_body) naming the text and the accepted names.
Body parse_body(std::string_view name);
// The accepted names, comma separated: "sun, mercury, ..., neptune, emb".
std::string body_names_list();

// GM [km^3/s^2] (DE440): the planet *system* for Mars..Neptune, the body itself for Sun, Mercury, Venus,
// Earth and Moon, Earth + Moon for the Earth-Moon barycentre.
double gm_km3_s2(Body body) noexcept;
// Equatorial radius [km] (IAU WGCCRE 2015; Sun: IAU 2015 B3 nominal; Moon: mean radius). The Earth-Moon
// barycentre, a point, has none of its own: the Earth's is returned (see gravity_body).
double equatorial_radius_km(Body body) noexcept;
// The body whose GM governs the body's two-body orbit: Sun for the planets and the Earth-Moon barycentre,
// Earth for the Moon, Sun for Sun.
Body primary_of(Body body) noexcept;
// The body whose gravity a departure or capture hyperbola at `body` is computed about, with its GM and radius
// (parking and capture orbits): the Earth for the Earth-Moon barycentre (a spacecraft leaves from an Earth
// parking orbit; the handbooks' C3 is the v-infinity relative to the barycentre, the injection burn is the
// Earth's), the body itself for every other body.
Body gravity_body(Body body) noexcept;

}  // namespace ger::astro
