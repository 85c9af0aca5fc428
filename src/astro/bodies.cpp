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
        case Body::emb: return "emb";
    }
    return "?";
}

std::string_view body_display_name(Body body) noexcept {
    switch (body) {
        case Body::sun: return "Sun";
        case Body::mercury: return "Mercury";
        case Body::venus: return "Venus";
        case Body::earth: return "Earth";
        case Body::moon: return "Moon";
        case Body::mars: return "Mars";
        case Body::jupiter: return "Jupiter";
        case Body::saturn: return "Saturn";
        case Body::uranus: return "Uranus";
        case Body::neptune: return "Neptune";
        case Body::emb: return "Earth\u2013Moon barycentre";
    }
    return "?";
}

namespace {

bool equal_ignoring_case(std::string_view text, std::string_view lower) noexcept {
    if (text.size() != lower.size()) return false;
    for (std::size_t k = 0; k < lower.size(); ++k) {
        if (std::tolower(static_cast<unsigned char>(text[k])) != lower[k]) return false;
    }
    return true;
}

}  // namespace

std::optional<Body> try_parse_body(std::string_view name) noexcept {
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    for (Body b : all_bodies) {
        if (equal_ignoring_case(name, body_name(b))) return b;
    }
    for (std::string_view alias : {"earth-moon-barycentre", "earth-moon-barycenter"}) {
        if (equal_ignoring_case(name, alias)) return Body::emb;
    }
    return std::nullopt;
}

std::string body_names_list() {
    std::string list;
    for (Body b : all_bodies) {
        if (!list.empty()) list += ", ";
        list += body_name(b);
    }
    return list;
}

Body parse_body(std::string_view name) {
    if (auto b = try_parse_body(name)) return *b;
    throw AstroError(AstroErrc::unknown_body, "unknown body '" + std::string(name) + "'; allowed: " + body_names_list());
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
        case Body::emb: return gm_earth_moon_km3_s2;
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
        case Body::emb: return radius_earth_km;  // a point: the Earth's (gravity_body)
    }
    return 0;
}

Body primary_of(Body body) noexcept { return body == Body::moon ? Body::earth : Body::sun; }

Body gravity_body(Body body) noexcept { return body == Body::emb ? Body::earth : body; }

}  // namespace ger::astro
