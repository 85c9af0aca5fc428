// A porkchop plot as SVG, in the manner of the NASA mission design handbooks: departure date across,
// arrival date (or time of flight) up, labelled contours of departure C3 (solid) and arrival v-infinity
// (dashed), labelled time-of-flight diagonals, calendar dates (UTC) on both axes, the minimum marked with its
// dates, C3 and v-infinity, a title, a legend, and <title>/<desc> for screen readers.
//
// Every transfer is prograde and its type is decided by its transfer angle (astro/porkchop.hpp): each computed
// type (or only options.type) is contoured on its own field, which holds values only in that type's region, so
// no line joins across the boundary (transfer angle 180 deg). With both types, the boundary is drawn
// (green dash-dot, labelled) and each region is named ("Type I", "Type II").
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "astro/porkchop.hpp"

namespace ger::render {

struct PorkchopSvgOptions {
    std::string title;                         // empty: "<From> to <To>: departure C3 and arrival v-infinity"
    std::optional<astro::TransferType> type;   // nullopt: every computed type
    std::vector<double> c3_levels_km2_s2;      // empty: chosen from the field's minimum
    std::vector<double> vinf_levels_km_s;      // empty: chosen from the field's minimum
    double tof_step_days = 0;                  // time-of-flight lines every ... [days]; 0: chosen
    std::optional<astro::PorkchopPoint> minimum;  // marked and labelled when set
    double width_pt = 960;
    double height_pt = 720;
};

// Throws std::invalid_argument if options.type names a type the grid lacks or the grid has < 2 x 2 cells.
std::string porkchop_svg(const astro::PorkchopGrid& grid, const PorkchopSvgOptions& options = {});

}  // namespace ger::render
