// Draws the roadmap chart (roadmap_chart.hpp) as SVG from its layout (roadmap_layout.cpp): every position comes
// from the layout, so this file decides only how things look.
#include "render/roadmap_chart.hpp"

#include <map>
#include <set>
#include <string_view>

#include "render/detail/roadmap_geometry.hpp"
#include "render/detail/svg_writer.hpp"
#include "render/palette.hpp"
#include "render/xml.hpp"

namespace ger::render {
namespace {

using model::MissionKind;
using model::MissionStatus;

// Shared with the layout.
constexpr double label_pt = detail::roadmap_label_pt;
constexpr double marker_half = detail::roadmap_marker_half;
constexpr double clamp_arrow = detail::roadmap_clamp_arrow;
constexpr double window_bar_height = detail::roadmap_window_bar_height;

constexpr std::string_view neutral_colour = "#9A9A9A";  // legend markers for kind and status
constexpr std::string_view title_id = "ger-roadmap-title";
constexpr std::string_view desc_id = "ger-roadmap-desc";

bool hatched(MissionStatus status) {
    return status == MissionStatus::planned || status == MissionStatus::proposed ||
           status == MissionStatus::cancelled;
}

// NOTE: the writer the analysis pictures use too.
using Writer = detail::SvgWriter;

std::string hatch_id(std::string_view colour) { return "h" + std::string(colour.substr(1)); }

void write_marker(Writer& w, double cx, double cy, MissionKind kind, MissionStatus status, std::string_view colour) {
    const bool faded = status == MissionStatus::cancelled;
    const bool dashed = status == MissionStatus::proposed || status == MissionStatus::cancelled;
    if (faded) w.raw("<g opacity=\"0.55\">");
    if (kind == MissionKind::human) {
        w.raw("<circle");
        w.attr("cx", cx);
        w.attr("cy", cy);
        w.attr("r", marker_half * 0.92);  // a circle looks as large as the diamond at 92% of its half-width
    } else {
        w.raw("<path d=\"M");
        w.num(cx);
        w.raw(" ");
        w.num(cy - marker_half);
        w.raw("l");
        w.num(marker_half);
        w.raw(" ");
        w.num(marker_half);
        w.raw("l-");
        w.num(marker_half);
        w.raw(" ");
        w.num(marker_half);
        w.raw("l-");
        w.num(marker_half);
        w.raw(" -");
        w.num(marker_half);
        w.raw("z\"");
    }
    if (hatched(status)) {
        w.raw(" fill=\"url(#");
        w.raw(hatch_id(colour));
        w.raw(")\"");
    } else {
        w.attr("fill", colour);
    }
    w.raw(" class=\"mk");
    if (dashed) w.raw(" dash");
    w.raw("\"/>");
    if (status == MissionStatus::operating) {
        w.raw("<circle class=\"dot\"");
        w.attr("cx", cx);
        w.attr("cy", cy);
        w.raw(" r=\"1.3\"/>");
    }
    if (status == MissionStatus::failed) {
        const double a = marker_half * 0.6;
        std::string d;
        Writer path;
        path.raw("M");
        path.num(cx - a);
        path.raw(" ");
        path.num(cy - a);
        path.raw("L");
        path.num(cx + a);
        path.raw(" ");
        path.num(cy + a);
        path.raw("M");
        path.num(cx + a);
        path.raw(" ");
        path.num(cy - a);
        path.raw("L");
        path.num(cx - a);
        path.raw(" ");
        path.num(cy + a);
        w.raw("<path class=\"x1\"");
        w.attr("d", path.out);
        w.raw("/><path class=\"x2\"");
        w.attr("d", path.out);
        w.raw("/>");
    }
    if (faded) w.raw("</g>");
}

void write_arrow(Writer& w, double tip_x, double cy, bool pointing_left) {
    const double base = pointing_left ? tip_x + clamp_arrow - 1.0 : tip_x - clamp_arrow + 1.0;
    w.raw("<path class=\"arrow\" d=\"M");
    w.num(tip_x);
    w.raw(" ");
    w.num(cy);
    w.raw("L");
    w.num(base);
    w.raw(" ");
    w.num(cy - 3.0);
    w.raw("L");
    w.num(base);
    w.raw(" ");
    w.num(cy + 3.0);
    w.raw("z\"/>");
}

void write_text(Writer& w, const TextBox& t, std::string_view extra_attributes = {}) {
    w.raw("<text");
    if (!t.css_class.empty()) w.attr("class", t.css_class);
    w.attr("x", t.box.x);
    w.attr("y", t.box.y + ascent_em * t.size_pt);
    w.attr("font-size", t.size_pt);
    if (t.weight == FontWeight::bold) w.raw(" font-weight=\"bold\"");
    w.raw(extra_attributes);
    w.raw(">");
    w.text(t.text);
    w.raw("</text>");
}

void write_strike(Writer& w, const Box& box, double size_pt) {
    // Through the middle of the lower-case letters: x-height of DejaVu Sans is 0.55 em.
    const double line_y = box.y + (ascent_em - 0.27) * size_pt;
    w.raw("<line class=\"strike\"");
    w.attr("x1", box.x);
    w.attr("x2", box.right());
    w.attr("y1", line_y);
    w.attr("y2", line_y);
    w.raw("/>");
}

std::string mission_tooltip(const model::Mission& mission) {
    std::string text = mission.name + ": " + mission.lead_agency;
    if (!mission.partners.empty()) {
        text += " with";
        for (std::size_t i = 0; i < mission.partners.size(); ++i) text += (i == 0 ? " " : ", ") + mission.partners[i];
    }
    text += ", " + std::string(model::to_string(mission.kind)) + ", " + mission.destination;
    if (mission.target_body) text += " (" + *mission.target_body + ")";
    text += ", launch " + (mission.launch ? mission.launch->to_string() : std::string("not dated"));
    text += ", " + std::string(model::to_string(mission.status));
    return text;
}

// What a filter reads off a mission's element.
void write_data_attributes(Writer& w, const model::Mission& mission) {
    w.attr("data-mission", mission.id);
    w.attr("data-agency", mission.lead_agency);
    std::string partners;
    for (const auto& p : mission.partners) partners += (partners.empty() ? "" : " ") + p;
    w.attr("data-partners", partners);
    w.attr("data-kind", model::to_string(mission.kind));
    w.attr("data-destination", mission.destination);
    w.attr("data-status", model::to_string(mission.status));
}

// The link's name begins with the text it shows (WCAG 2.5.3, "label in name"), then says the rest.
void open_link(Writer& w, const model::Mission& mission, const RoadmapChartOptions& options,
               const std::string& visible_text) {
    if (options.mission_link_prefix.empty()) return;
    auto name = mission_tooltip(mission);
    if (name.rfind(visible_text, 0) != 0) name = visible_text + " (" + name + ")";
    w.raw("<a class=\"mission-link\"");
    w.attr("href", options.mission_link_prefix + mission.id);
    w.attr("aria-label", name);
    w.raw(">");
}

std::string describe(const model::Dataset& data, const ChartLayout& layout) {
    std::string text = "Timeline chart of " + std::to_string(layout.charted_missions) +
                       " space exploration missions from " + std::to_string(layout.first_year) + " to " +
                       std::to_string(layout.last_year) + ", one lane per destination:";
    for (std::size_t i = 0; i < layout.lanes.size(); ++i) {
        const auto& lane = layout.lanes[i];
        std::string name = lane.destination;
        for (const auto& destination : data.destinations) {
            if (destination.code == lane.destination && !destination.name.empty()) name = destination.name;
        }
        text += (i == 0 ? " " : ", ") + name + " " + std::to_string(lane.missions);
    }
    text += ". Each mission is a marker at its launch date labelled with its name; colour shows the lead agency, "
            "a circle a human mission and a diamond a robotic one; solid markers flew, a dot marks an operating "
            "mission, a cross a failure, hatched markers are planned, faded struck-through ones cancelled.";
    if (!layout.undated.empty()) {
        text += " " + std::to_string(layout.undated.size()) +
                " missions have no launch date and are listed below the chart.";
    }
    return text;
}

}  // namespace

std::string roadmap_svg(const model::Dataset& data, const RoadmapChartOptions& options) {
    return roadmap_svg(data, layout_roadmap(data, options), options);
}

std::string_view roadmap_chart_css() {
    // Styles shared by thousands of elements (a class is shorter than repeating the presentation attributes).
    return ".mk{stroke:#222222;stroke-width:0.6}.dash{stroke-dasharray:1.5 1}"
           ".dot{fill:#ffffff;stroke:#222222;stroke-width:0.4}"
           ".x1{stroke:#ffffff;stroke-width:2;fill:none}.x2{stroke:#222222;stroke-width:0.9;fill:none}"
           ".arrow{fill:#222222}.strike{stroke:#555555;stroke-width:0.6}"
           ".bar{fill-opacity:0.45;stroke-width:0.5}"
           ".grid{stroke:#D3D7DD;stroke-width:0.4}.decade{stroke:#8F96A0;stroke-width:0.8}"
           ".lane-sep{stroke:#B8BEC6;stroke-width:0.6}"
           "text{fill:#1A1A1A}.label-cancelled{fill:#555555}.subtitle{fill:#333333}";
}

std::string roadmap_svg(const model::Dataset& data, const ChartLayout& layout, const RoadmapChartOptions& options) {
    std::map<std::string, std::size_t> agency_index;
    for (std::size_t i = 0; i < data.agencies.size(); ++i) agency_index.emplace(data.agencies[i].code, i);
    auto colour_of = [&](const std::string& agency) {
        const auto found = agency_index.find(agency);
        return agency_colour(agency, found == agency_index.end() ? agency_index.size() : found->second);
    };

    Writer w;
    w.out.reserve(4096 + layout.marks.size() * 700);
    if (!options.embedded) w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
    if (!options.embedded) {
        std::string width;
        append_number(width, layout.width_mm());
        width += "mm";
        std::string height;
        append_number(height, layout.height_mm());
        height += "mm";
        w.attr("width", width);
        w.attr("height", height);
    }
    w.raw(" viewBox=\"0 0 ");
    w.num(layout.width_pt);
    w.raw(" ");
    w.num(layout.height_pt);
    // NOTE: with links inside, the chart is a group of links, not an image (an image has no interactive parts).
    w.raw(options.mission_link_prefix.empty() ? "\" role=\"img\"" : "\" role=\"group\"");
    w.attr("aria-labelledby", std::string(title_id) + " " + std::string(desc_id));
    w.attr("font-family", chart_font_family);
    w.raw(">\n<title");
    w.attr("id", title_id);
    w.raw(">");
    w.text(options.title);
    w.raw("</title>\n<desc");
    w.attr("id", desc_id);
    w.raw(">");
    w.text(describe(data, layout));
    w.raw("</desc>\n");

    // Styles shared by thousands of elements (a class is shorter than repeating the presentation attributes).
    if (!options.embedded) {
        w.raw("<style>\n");
        w.raw(roadmap_chart_css());
        w.raw("\n</style>\n");
    }

    // Hatch patterns: one per colour a hatched marker uses.
    std::set<std::string> hatch_colours{std::string(neutral_colour)};
    for (const auto& mark : layout.marks) {
        const auto& mission = data.missions[mark.mission];
        if (hatched(mission.status)) hatch_colours.insert(std::string(colour_of(mission.lead_agency)));
    }
    for (auto i : layout.undated) {
        const auto& mission = data.missions[i];
        if (hatched(mission.status)) hatch_colours.insert(std::string(colour_of(mission.lead_agency)));
    }
    w.raw("<defs>");
    for (const auto& colour : hatch_colours) {
        w.raw("<pattern");
        w.attr("id", hatch_id(colour));
        w.raw(" patternUnits=\"userSpaceOnUse\" width=\"2.4\" height=\"2.4\" patternTransform=\"rotate(45)\">"
              "<rect width=\"2.4\" height=\"2.4\" fill=\"#ffffff\"/><rect width=\"1.2\" height=\"2.4\"");
        w.attr("fill", colour);
        w.raw("/></pattern>");
    }
    w.raw("</defs>\n");
    w.raw("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

    // Lanes, grid, names.
    w.raw("<g class=\"lanes\">");
    for (std::size_t i = 0; i < layout.lanes.size(); ++i) {
        const auto& lane = layout.lanes[i];
        w.raw("<rect");
        w.attr("x", lane.box.x);
        w.attr("y", lane.box.y);
        w.attr("width", lane.box.width);
        w.attr("height", lane.box.height);
        w.attr("fill", i % 2 == 0 ? "#EEF2F7" : "#FFFFFF");
        w.raw("/>");
    }
    const double year_width = layout.plot.width / (layout.last_year - layout.first_year + 1);
    for (int year = layout.first_year; year <= layout.last_year + 1; ++year) {
        const double x = layout.plot.x + (year - layout.first_year) * year_width;
        w.raw("<line");
        w.attr("class", year % 10 == 0 ? "decade" : "grid");
        w.attr("x1", x);
        w.attr("x2", x);
        w.attr("y1", layout.plot.y);
        w.attr("y2", layout.plot.bottom());
        w.raw("/>");
    }
    for (const auto& lane : layout.lanes) {
        w.raw("<line class=\"lane-sep\"");
        w.attr("x1", lane.box.x);
        w.attr("x2", lane.box.right());
        w.attr("y1", lane.box.bottom());
        w.attr("y2", lane.box.bottom());
        w.raw("/>");
        for (const auto& line : lane.name_lines) write_text(w, line);
    }
    w.raw("</g>\n");

    // Missions on the axis.
    w.raw("<g class=\"missions\">\n");
    for (const auto& mark : layout.marks) {
        const auto& mission = data.missions[mark.mission];
        const auto colour = colour_of(mission.lead_agency);
        open_link(w, mission, options, mark.label);
        w.raw("<g class=\"mission\"");
        write_data_attributes(w, mission);
        w.raw("><title>");
        w.text(mission_tooltip(mission));
        w.raw("</title>");
        if (mark.window) {
            w.raw("<rect class=\"bar\"");
            w.attr("x", mark.window->x);
            w.attr("y", mark.window->y);
            w.attr("width", mark.window->width);
            w.attr("height", mark.window->height);
            w.attr("fill", colour);
            w.attr("stroke", colour);
            w.raw("/>");
        }
        if (mark.clamp == Clamp::before_axis) write_arrow(w, layout.plot.x, mark.y, true);
        if (mark.clamp == Clamp::after_axis) write_arrow(w, layout.plot.right(), mark.y, false);
        write_marker(w, mark.x, mark.y, mission.kind, mission.status, colour);
        TextBox label;
        label.text = mark.label;
        label.box = mark.label_box;
        label.size_pt = label_pt;
        const bool cancelled = mission.status == MissionStatus::cancelled;
        if (cancelled) label.css_class = "label-cancelled";
        write_text(w, label);
        if (cancelled) write_strike(w, mark.label_box, label_pt);
        w.raw("</g>");
        if (!options.mission_link_prefix.empty()) w.raw("</a>");
        w.raw("\n");
    }
    w.raw("</g>\n");

    // Title, years, legend, the undated note.
    std::size_t swatch_index = 0;
    for (const auto& t : layout.texts) {
        if (t.css_class == "legend" || t.css_class == "undated") {
            // Each legend item is a swatch followed by its text, in the same order (layout_roadmap's add_item).
            const auto& swatch = layout.swatches.at(swatch_index++);
            const double cx = swatch.box.x + swatch.box.width / 2.0;
            const double cy = swatch.box.y + swatch.box.height / 2.0;
            if (swatch.what == SwatchKind::mission) {
                const auto& mission = data.missions.at(swatch.mission);
                open_link(w, mission, options, t.text);
                w.raw("<g class=\"undated-mission\"");
                write_data_attributes(w, mission);
                w.raw("><title>");
                w.text(mission_tooltip(mission));
                w.raw("</title>");
                write_marker(w, cx, cy, mission.kind, mission.status, colour_of(mission.lead_agency));
                write_text(w, t);
                if (mission.status == MissionStatus::cancelled) write_strike(w, t.box, t.size_pt);
                w.raw("</g>");
                if (!options.mission_link_prefix.empty()) w.raw("</a>");
                w.raw("\n");
                continue;
            }
            switch (swatch.what) {
                case SwatchKind::agency:
                    w.raw("<rect class=\"mk\"");
                    w.attr("x", swatch.box.x);
                    w.attr("y", swatch.box.y);
                    w.attr("width", swatch.box.width);
                    w.attr("height", swatch.box.height);
                    w.attr("fill", colour_of(swatch.agency));
                    w.raw("/>");
                    break;
                case SwatchKind::kind:
                    write_marker(w, cx, cy, swatch.kind, MissionStatus::completed, neutral_colour);
                    break;
                case SwatchKind::status:
                    write_marker(w, cx, cy, MissionKind::robotic, swatch.status, neutral_colour);
                    break;
                case SwatchKind::window:
                    w.raw("<rect class=\"bar\"");
                    w.attr("x", swatch.box.x);
                    w.attr("y", cy - window_bar_height / 2.0);
                    w.attr("width", swatch.box.width);
                    w.attr("height", window_bar_height);
                    w.attr("fill", neutral_colour);
                    w.attr("stroke", neutral_colour);
                    w.raw("/>");
                    break;
                case SwatchKind::mission:  // handled above
                    break;
                case SwatchKind::clamp:
                    if (swatch.status == MissionStatus::planned) {
                        write_arrow(w, swatch.box.right(), cy, false);
                    } else {
                        write_arrow(w, swatch.box.x, cy, true);
                    }
                    break;
            }
        }
        write_text(w, t);
        w.raw("\n");
    }
    w.raw("</svg>\n");
    return std::move(w.out);
}


}  // namespace ger::render
