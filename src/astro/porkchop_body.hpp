// Naming the ends of a porkchop: planets by name, small bodies by elements text, and resolvers that other
// modules plug in (the NEA survey adds catalogue designations) without the porkchop knowing them.
//
// Thread-safety: register_body_resolver and resolve_transfer_body may be called concurrently (a mutex guards
// the list); resolvers themselves must be thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "astro/porkchop.hpp"

namespace ger::astro {

// "a_au,e,i_deg,raan_deg,argp_deg,M_deg,epoch_iso": heliocentric ecliptic J2000 elements at the UTC epoch.
// Throws AstroError(invalid_argument) naming the field and its text, or as parse_utc_iso8601 for the epoch.
SmallBodyOrbit parse_small_body_elements(std::string_view text, std::string name = "small body");

// A resolver answers a name it knows, nullopt otherwise.
using BodyResolver = std::function<std::optional<TransferBody>(std::string_view name)>;
void register_body_resolver(BodyResolver resolver);

// Planets (try_parse_body) first, then the registered resolvers in order, then the bundled catalogue
// (astro/bundled_catalog.hpp). Throws AstroError(unknown_body) naming the text and the planets accepted.
TransferBody resolve_transfer_body(std::string_view name);

}  // namespace ger::astro
