// The roadmap chart: the Global Exploration Roadmap's figure of missions by destination over the years, as
// SVG (and, through png.hpp, PNG).
//
// One lane per destination in the destinations' `order` (LEO/ISS, cislunar space, the Moon, near-Earth
// asteroids, Mars), a year axis, and one marker per dated mission at its launch: a year-precision launch sits
// in the middle of its year, a month in the middle of its month, a window is a bar with the marker at its
// middle. Colour is the lead agency (palette.hpp); shape is the kind (circle human, diamond robotic); fill is
// the status (solid: flew; a white dot: still operating; a white cross: failed; hatched: planned; hatched
// with a dashed outline: proposed; faded, dashed and struck through: cancelled), so status reads without
// colour. Missions without a launch date are listed in a note below the chart, not placed on the axis.
// Labels never overlap each other or a marker: each lane stacks its missions into rows (label_placement.hpp)
// and grows as tall as it needs.
//
// Units: SVG user units are points (1/72 in); the page is `width_mm` wide (A3 landscape, 420 mm, by
// default) with every font at least 7 pt at that size.
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "model/records.hpp"
#include "render/label_placement.hpp"
#include "render/text_metrics.hpp"

namespace ger::render {

struct RoadmapChartOptions {
    int first_year = 0;  // first year on the axis; 0: the earliest launch year among the charted missions
    int last_year = 0;   // last year on the axis (inclusive); 0: the latest
    std::string title = "Global Exploration Roadmap: missions by destination";
    std::string subtitle;        // "": a generated one (how many missions, agencies and years)
    double width_mm = 420.0;     // page width [mm]; 420 = A3 landscape. At least 200.
    bool public_only = true;     // chart only missions whose visibility scope is public
    bool short_labels = true;    // "Artemis III", not "Artemis III (first Artemis crewed landing)"; a
                                 // one-word acronym in brackets replaces the name ("LRO", "SLIM")
    double max_label_width_pt = 150.0;  // longer labels are cut with "…" (the full name is in the tooltip)
    // For a web page: each mission becomes a link to prefix + id (an <a> around its element, named by its label
    // and its tooltip, so a keyboard reaches every marker) and the chart a role="group"; "" draws no links.
    std::string mission_link_prefix;
    // For inline use in an HTML page: no XML declaration, no <style> element (the page's stylesheet carries
    // roadmap_chart_css(), so a style-src 'self' policy holds) and no fixed width and height (the page sizes it).
    bool embedded = false;
};

// An axis-aligned rectangle in SVG user units [pt], y downwards.
struct Box {
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    double right() const { return x + width; }
    double bottom() const { return y + height; }
    // True when the interiors intersect (touching edges do not overlap).
    bool overlaps(const Box& other) const {
        return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
    }
};

// A line of text and the box it fills: width from text_metrics.hpp, height one line.
struct TextBox {
    std::string text;
    Box box;
    double size_pt = 8.0;
    FontWeight weight = FontWeight::normal;
    std::string css_class;   // "title", "subtitle", "year", "lane", "legend-heading", "legend", "undated"
    std::string mission_id;  // set for an entry of the undated note
};

enum class Clamp { none, before_axis, after_axis };  // launch outside the chart's years: pinned to an edge

struct LaneLayout {
    std::string destination;  // Destination::code
    std::vector<TextBox> name_lines;
    Box box;                  // the whole lane, name column included
    int rows = 1;
    std::size_t missions = 0; // missions placed in this lane
};

struct MissionMark {
    std::size_t mission = 0;  // index into Dataset::missions
    std::string id;
    std::string label;        // the text drawn
    std::size_t lane = 0;     // index into ChartLayout::lanes
    int row = 0;
    double x = 0;             // [pt] marker centre: the launch, or the middle of the window
    double y = 0;             // [pt] row centre
    Box marker;               // the marker (with its edge arrow when clamped)
    std::optional<Box> window;  // the launch window bar
    Box label_box;
    LabelSide side = LabelSide::right;
    Clamp clamp = Clamp::none;
};

enum class SwatchKind { agency, kind, status, window, clamp, mission };

struct LegendSwatch {
    Box box;
    SwatchKind what = SwatchKind::agency;
    std::string agency;  // SwatchKind::agency
    model::MissionKind kind = model::MissionKind::robotic;
    model::MissionStatus status = model::MissionStatus::completed;
    std::size_t mission = 0;  // SwatchKind::mission: index into Dataset::missions (the undated note)
};

struct ChartLayout {
    double width_pt = 0;
    double height_pt = 0;
    int first_year = 0;
    int last_year = 0;
    Box plot;                        // the time axis area of all lanes
    std::vector<LaneLayout> lanes;
    std::vector<MissionMark> marks;  // dated missions, one each
    std::vector<TextBox> texts;      // every other text: title, years, legend, the undated note
    std::vector<LegendSwatch> swatches;
    std::vector<std::size_t> undated;  // indices into Dataset::missions of charted missions with no launch
    std::size_t charted_missions = 0;  // marks + undated
    double width_mm() const { return width_pt * 25.4 / 72.0; }
    double height_mm() const { return height_pt * 25.4 / 72.0; }
    // [pt] x of a UTC day on the axis (unclamped); `day` counts days since 1970-01-01 and may be fractional.
    double x_of_day(double day) const;
};

// Lays the chart out. Throws std::invalid_argument when first_year > last_year (after defaults) or width_mm
// is below 200.
ChartLayout layout_roadmap(const model::Dataset& data, const RoadmapChartOptions& options);

// The chart as a standalone SVG 1.1 document (UTF-8), role="img" with <title> and <desc> for screen
// readers. Each mission is one element carrying data-mission="<id>" (and data-agency, data-partners,
// data-kind, data-destination, data-status, for filters): a <g> on the axis, or a <text> in the undated note.
std::string roadmap_svg(const model::Dataset& data, const RoadmapChartOptions& options);
// The chart's class styles, which a standalone SVG carries in its <style> and an embedded one takes from the page.
std::string_view roadmap_chart_css();
std::string roadmap_svg(const model::Dataset& data, const ChartLayout& layout, const RoadmapChartOptions& options);

}  // namespace ger::render
