// Sizes the roadmap chart's layout and its drawing both depend on: the layout reserves room for the markers,
// arrows, labels and bars the drawing draws at these sizes (internal to roadmap_layout.cpp and roadmap_svg.cpp).
#pragma once

namespace ger::render::detail {

// [pt] at the page size (roadmap_chart.hpp, Units).
inline constexpr double roadmap_label_pt = 8.0;
inline constexpr double roadmap_marker_half = 4.0;        // markers are 8 pt squares, circles and diamonds
inline constexpr double roadmap_clamp_arrow = 5.0;        // the edge arrow of a mission launched outside the axis years
inline constexpr double roadmap_window_bar_height = 3.0;  // a launch window's bar

}  // namespace ger::render::detail
