#include "astro/bodies.hpp"

#include <cctype>
#include <string>

#include "astro/constants.hpp"
#include "astro/error.hpp"

namespace ger::astro {

std::string_view body_name(Body body) noexcept {
    switch (body) {
        case Body::sun: return "sun";
        case Body::mercury: return "mercury";
        case Body::venus: return "venus";
        case Body::earth: return "earth";
        case Body::moon: return "moon";
        case Body::mars: return "mars";
        case Body::jupiter: return "jupiter";
        case Body::saturn: return "saturn";
        case Body::uranus: return "uranus";
        case Body::neptune: return "neptune";
    }
    return "?";
}

std::optional<Body> try_parse_body(std::string_view name) noexcept {
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    for (Body b : all_bodies) {
        const std::string_view n = body_name(b);
        if (n.size() != name.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < n.size() && same; ++k) {
            same = std::tolower(static_cast<unsigned char>(name[k])) == n[k];
        }
        if (same) return b;
    }
    return std::nullopt;
}

Body parse_body(std::string_view name) {
    if (auto b = try_parse_body(name)) return *b;
    throw AstroError(AstroErrc::unknown_body,
                     "unknown body '" + std::string(name) +
                         "'; allowed: sun, mercury, venus, earth, moon, mars, jupiter, saturn, uranus, neptune");
}

double gm_km3_s2(Body body) noexcept {
    switch (body) {
        case Body::sun: return gm_sun_km3_s2;
        case Body::mercury: return gm_mercury_km3_s2;
        case Body::venus: return gm_venus_km3_s2;
        case Body::earth: return gm_earth_km3_s2;
        case Body::moon: return gm_moon_km3_s2;
        case Body::mars: return gm_mars_system_km3_s2;
        case Body::jupiter: return gm_jupiter_system_km3_s2;
        case Body::saturn: return gm_saturn_system_km3_s2;
        case Body::uranus: return gm_uranus_system_km3_s2;
        case Body::neptune: return gm_neptune_system_km3_s2;
    }
    return 0;
}

double equatorial_radius_km(Body body) noexcept {
    switch (body) {
        case Body::sun: return radius_sun_km;
        case Body::mercury: return radius_mercury_km;
        case Body::venus: return radius_venus_km;
        case Body::earth: return radius_earth_km;
        case Body::moon: return radius_moon_km;
        case Body::mars: return radius_mars_km;
        case Body::jupiter: return radius_jupiter_km;
        case Body::saturn: return radius_saturn_km;
        case Body::uranus: return radius_uranus_km;
        case Body::neptune: return radius_neptune_km;
    }
    return 0;
}

Body primary_of(Body body) noexcept { return body == Body::moon ? Body::earth : Body::sun; }

}  // namespace ger::astro
