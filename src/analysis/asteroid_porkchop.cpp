#include "analysis/asteroid_porkchop.hpp"

#include <algorithm>

#include "analysis/analysis.hpp"
#include "astro/error.hpp"
#include "astro/porkchop_body.hpp"

namespace ger::analysis {

std::optional<WindowPorkchop> outbound_porkchop(std::string_view designation, std::chrono::sys_days launch,
                                                double out_days, double parking_alt_km, unsigned threads) {
    std::optional<astro::TransferBody> body;
    try {
        body = astro::resolve_transfer_body(designation);
    } catch (const astro::AstroError&) {
        return std::nullopt;
    }
    constexpr std::chrono::days margin{60};
    constexpr double cells_per_axis = 150;
    astro::PorkchopRequest request;
    request.from = astro::Body::earth;
    request.to = *body;
    request.axis = astro::PorkchopAxis::time_of_flight;
    request.depart_first = astro::parse_utc_iso8601(format_day(launch - margin));
    request.depart_last = astro::parse_utc_iso8601(format_day(launch + margin));
    request.depart_step_days = 2.0 * static_cast<double>(margin.count()) / cells_per_axis;
    request.tof_first_days = 10;
    request.tof_last_days = std::clamp(2 * out_days + 60, 60.0, 450.0);
    request.second_step_days = (request.tof_last_days - request.tof_first_days) / cells_per_axis;
    request.parking_alt_km = parking_alt_km;
    request.threads = threads;
    const astro::ErfaEphemeris erfa;
    auto grid = astro::compute_porkchop(request, erfa);
    auto minimum = astro::porkchop_minimum(grid, erfa, astro::PorkchopObjective::c3);
    return WindowPorkchop{std::move(grid), std::move(minimum), "around the survey's least-dv launch"};
}

}  // namespace ger::analysis
