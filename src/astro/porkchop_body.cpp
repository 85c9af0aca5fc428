#include "astro/porkchop_body.hpp"

#include <array>
#include <charconv>
#include <mutex>
#include <vector>

#include "astro/bundled_catalog.hpp"
#include "astro/constants.hpp"
#include "astro/error.hpp"

namespace ger::astro {
namespace {

std::mutex& resolver_mutex() {
    static std::mutex m;
    return m;
}
std::vector<BodyResolver>& resolvers() {
    static std::vector<BodyResolver> r;
    return r;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

SmallBodyOrbit parse_small_body_elements(std::string_view text, std::string name) {
    static constexpr std::array<const char*, 7> fields = {"a_au", "e", "i_deg", "raan_deg", "argp_deg", "M_deg",
                                                          "epoch_iso"};
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto comma = text.find(',', start);
        parts.push_back(trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    if (parts.size() != fields.size()) {
        throw AstroError(AstroErrc::invalid_argument,
                         "elements '" + std::string(text) + "' have " + std::to_string(parts.size()) +
                             " fields; expected 7: a_au,e,i_deg,raan_deg,argp_deg,M_deg,epoch_iso");
    }
    std::array<double, 6> v{};
    for (std::size_t k = 0; k < 6; ++k) {
        const auto p = parts[k];
        const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v[k]);
        if (p.empty() || ec != std::errc() || end != p.data() + p.size()) {
            throw AstroError(AstroErrc::invalid_argument,
                             std::string("elements field ") + fields[k] + " '" + std::string(p) + "' is not a number");
        }
    }
    if (!(v[0] > 0)) {
        throw AstroError(AstroErrc::invalid_argument,
                         "elements field a_au " + std::string(parts[0]) + " must be > 0 (elliptic orbits only)");
    }
    if (!(v[1] >= 0 && v[1] < 1)) {
        throw AstroError(AstroErrc::invalid_argument,
                         "elements field e " + std::string(parts[1]) + " is outside [0, 1) (elliptic orbits only)");
    }
    SmallBodyOrbit b;
    b.name = std::move(name);
    b.elements = {v[0] * au_km, v[1], v[2] * deg_to_rad, v[3] * deg_to_rad, v[4] * deg_to_rad, v[5] * deg_to_rad};
    b.epoch = parse_utc_iso8601(parts[6]);
    return b;
}

void register_body_resolver(BodyResolver resolver) {
    const std::lock_guard lock(resolver_mutex());
    resolvers().push_back(std::move(resolver));
}

TransferBody resolve_transfer_body(std::string_view name) {
    if (const auto b = try_parse_body(name)) return *b;
    {
        const std::lock_guard lock(resolver_mutex());
        for (const auto& r : resolvers()) {
            if (auto found = r(name)) return *found;
        }
    }
    if (auto found = find_in_bundled_catalog(name)) return *found;
    return parse_body(name);  // throws unknown_body naming the text and the accepted names
}

}  // namespace ger::astro
