// The outbound leg of a surveyed round trip to a near-Earth asteroid as a porkchop, for the asteroid's page:
// Earth departures from 60 days before the survey's launch to 60 days after, flights from 10 days to twice the
// survey's outbound leg plus 60 (at most 450), both transfer types, about 150 x 150 cells, the minimum C3 refined, injection from the survey's parking orbit;
// the Earth from ERFA, the asteroid on its catalogue orbit (astro::resolve_transfer_body: the bundled catalogue
// last).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "analysis/feasibility.hpp"

namespace ger::analysis {

// nullopt when the designation names no known orbit. Throws astro::AstroError for dates outside the ephemeris.
std::optional<WindowPorkchop> outbound_porkchop(std::string_view designation, std::chrono::sys_days launch,
                                                double out_days, double parking_alt_km, unsigned threads = 1);

}  // namespace ger::analysis
