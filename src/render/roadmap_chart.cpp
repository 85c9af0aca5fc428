#include "render/roadmap_chart.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "render/palette.hpp"
#include "render/xml.hpp"

namespace ger::render {
namespace {

namespace chr = std::chrono;
using model::MissionKind;
using model::MissionStatus;

// Page geometry [pt]. Fonts are in pt at the page size: at A3 (420 mm) the smallest is 8 pt, above the
// 7 pt the publication rules ask for.
constexpr double pt_per_mm = 72.0 / 25.4;
constexpr double min_width_mm = 200.0;
constexpr double margin = 24.0;
constexpr double title_pt = 18.0;
constexpr double subtitle_pt = 9.0;
constexpr double year_pt = 8.0;
constexpr double lane_name_pt = 10.0;
constexpr double label_pt = 8.0;
constexpr double legend_pt = 8.0;
constexpr double legend_heading_pt = 8.5;
constexpr double name_column = 92.0;   // lane names and legend headings
constexpr double column_gap = 8.0;
constexpr double marker_half = 4.0;    // markers are 8 pt squares, circles and diamonds
constexpr double clamp_arrow = 5.0;    // the edge arrow of a mission launched outside the axis years
constexpr double label_gap = 2.0;      // marker to its label
constexpr double item_gap = 4.0;       // neighbours on a row
constexpr double row_gap = 2.0;
constexpr double lane_padding = 5.0;
constexpr double window_bar_height = 3.0;
constexpr double legend_swatch = 8.0;
constexpr double legend_item_gap = 12.0;
// The axis of a chart with no dated mission at all.
constexpr int empty_axis_first_year = 2010;
constexpr int empty_axis_last_year = 2040;

constexpr std::string_view neutral_colour = "#9A9A9A";  // legend markers for kind and status
constexpr std::string_view outline_colour = "#222222";
constexpr std::string_view title_id = "ger-roadmap-title";
constexpr std::string_view desc_id = "ger-roadmap-desc";

double line_height(double size_pt) { return size_pt * line_height_em; }
double row_pitch() { return std::max(line_height(label_pt), 2.0 * marker_half) + row_gap; }

TextBox make_text(std::string text, double x, double y, double size_pt, FontWeight weight, std::string css) {
    TextBox t;
    t.box = {x, y, text_width(text, size_pt, weight), line_height(size_pt)};
    t.text = std::move(text);
    t.size_pt = size_pt;
    t.weight = weight;
    t.css_class = std::move(css);
    return t;
}

double day_number(chr::sys_days day) { return static_cast<double>(day.time_since_epoch().count()); }

int year_of(chr::sys_days day) { return static_cast<int>(chr::year_month_day{day}.year()); }

double year_start(int year) { return day_number(chr::sys_days{chr::year{year} / 1 / 1}); }

// True when `word` spells the initials of `name`'s words ("LRO" for "Lunar Reconnaissance Orbiter"), so it can
// stand for the name; "CLPS" after "IM-1 Odysseus" names a programme, not the mission, and cannot.
bool is_acronym_of(std::string_view word, std::string_view name) {
    std::string initials;
    bool at_word_start = true;
    for (char c : name) {
        if (c == ' ' || c == '-' || c == '/') {
            at_word_start = true;
            continue;
        }
        if (at_word_start && c >= 'A' && c <= 'Z') initials += c;
        at_word_start = false;
    }
    return word.size() >= 2 && word == initials;
}

// "Artemis III (first Artemis crewed landing)" -> "Artemis III"; "Lunar Reconnaissance Orbiter (LRO)" ->
// "LRO"; "SLIM (Smart Lander for Investigating Moon)" -> "SLIM".
std::string short_label(const std::string& name) {
    if (name.size() < 4 || name.back() != ')') return name;
    const auto open = name.rfind(" (");
    if (open == std::string::npos || open == 0) return name;
    const std::string_view inner(name.data() + open + 2, name.size() - open - 3);
    return is_acronym_of(inner, std::string_view(name).substr(0, open)) ? std::string(inner) : name.substr(0, open);
}

// Greedy word wrap into lines at most `width` wide; a single word too wide is cut with "…".
std::vector<std::string> wrap(const std::string& text, double size_pt, FontWeight weight, double width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (line.empty() || text_width(candidate, size_pt, weight) <= width) {
            line = candidate;
        } else {
            lines.push_back(fit_text(line, size_pt, width, weight));
            line = word;
        }
        start = end + 1;
    }
    if (!line.empty()) lines.push_back(fit_text(line, size_pt, width, weight));
    return lines;
}

std::string status_word(MissionStatus status) { return std::string(model::to_string(status)); }

bool hatched(MissionStatus status) {
    return status == MissionStatus::planned || status == MissionStatus::proposed ||
           status == MissionStatus::cancelled;
}

// Lays out a legend row: items flow from `x0` to `x1`, wrapping onto new lines.
struct Flow {
    double x0;
    double x1;
    double y;
    double x;
    double line = std::max(line_height(legend_pt), legend_swatch) + 3.0;
    // The top-left of an item `width` wide, wrapping first when it does not fit.
    std::pair<double, double> place(double width) {
        if (x > x0 && x + width > x1) {
            x = x0;
            y += line;
        }
        const std::pair<double, double> at{x, y};
        x += width + legend_item_gap;
        return at;
    }
    double bottom() const { return y + line; }
};

}  // namespace

double ChartLayout::x_of_day(double day) const {
    const auto whole = chr::sys_days{chr::days{static_cast<long>(std::floor(day))}};
    const int year = year_of(whole);
    const double start = year_start(year);
    const double length = year_start(year + 1) - start;
    const double years = static_cast<double>(year - first_year) + (day - start) / length;
    const double year_width = plot.width / static_cast<double>(last_year - first_year + 1);
    return plot.x + years * year_width;
}

ChartLayout layout_roadmap(const model::Dataset& data, const RoadmapChartOptions& options) {
    if (!(options.width_mm >= min_width_mm)) {
        throw std::invalid_argument("roadmap chart: width_mm " + std::to_string(options.width_mm) +
                                    " is below the smallest page width, " + std::to_string(min_width_mm) + " mm");
    }
    ChartLayout layout;

    // Which missions, and their years.
    std::vector<std::size_t> dated;
    int data_first = 0;
    int data_last = 0;
    for (std::size_t i = 0; i < data.missions.size(); ++i) {
        const auto& mission = data.missions[i];
        if (options.public_only &&
            (!mission.visibility || mission.visibility->scope != model::VisibilityScope::public_)) {
            continue;
        }
        if (!mission.launch) {
            layout.undated.push_back(i);
            continue;
        }
        const int first = year_of(mission.launch->earliest());
        const int last = year_of(mission.launch->latest());
        data_first = dated.empty() ? first : std::min(data_first, first);
        data_last = dated.empty() ? last : std::max(data_last, last);
        dated.push_back(i);
    }
    layout.charted_missions = dated.size() + layout.undated.size();
    if (dated.empty()) {
        data_first = empty_axis_first_year;
        data_last = empty_axis_last_year;
    }
    layout.first_year = options.first_year != 0 ? options.first_year : data_first;
    layout.last_year = options.last_year != 0 ? options.last_year : data_last;
    if (layout.first_year > layout.last_year) {
        throw std::invalid_argument("roadmap chart: first year " + std::to_string(layout.first_year) +
                                    " is after last year " + std::to_string(layout.last_year));
    }

    layout.width_pt = options.width_mm * pt_per_mm;
    const double plot_left = margin + name_column + column_gap;
    const double plot_right = layout.width_pt - margin;
    layout.plot.x = plot_left;
    layout.plot.width = plot_right - plot_left;
    const int years = layout.last_year - layout.first_year + 1;
    const double year_width = layout.plot.width / years;

    // Title and subtitle.
    double y = margin;
    layout.texts.push_back(make_text(fit_text(options.title, title_pt, plot_right - margin, FontWeight::bold),
                                     margin, y, title_pt, FontWeight::bold, "title"));
    y += line_height(title_pt) + 2.0;
    std::string subtitle = options.subtitle;
    if (subtitle.empty()) {
        std::set<std::string> agencies;
        for (auto i : dated) agencies.insert(data.missions[i].lead_agency);
        for (auto i : layout.undated) agencies.insert(data.missions[i].lead_agency);
        subtitle = std::to_string(layout.charted_missions) + (options.public_only ? " public" : "") +
                   " missions led by " + std::to_string(agencies.size()) + " agencies, by destination, " +
                   std::to_string(layout.first_year) + "\xE2\x80\x93" + std::to_string(layout.last_year) +
                   ". Marker at launch (year-only dates mid-year); colour: lead agency.";
    }
    layout.texts.push_back(make_text(fit_text(subtitle, subtitle_pt, plot_right - margin), margin, y, subtitle_pt,
                                     FontWeight::normal, "subtitle"));
    y += line_height(subtitle_pt) + 8.0;

    // Year labels: every year when they fit, else every 2nd, 5th, 10th...
    const double year_label_width = text_width("0000", year_pt) + 4.0;
    int step = 1;
    for (int candidate : {1, 2, 5, 10, 20, 50, 100}) {
        step = candidate;
        if (candidate * year_width >= year_label_width) break;
    }
    auto add_year_labels = [&](double top) {
        for (int year = layout.first_year; year <= layout.last_year; ++year) {
            if (year % step != 0 && step > 1) continue;
            const std::string text = std::to_string(year);
            const double width = text_width(text, year_pt);
            const double centre = plot_left + (year - layout.first_year + 0.5) * year_width;
            layout.texts.push_back(make_text(text, centre - width / 2.0, top, year_pt, FontWeight::normal, "year"));
        }
    };
    add_year_labels(y);
    y += line_height(year_pt) + 2.0;
    layout.plot.y = y;

    // Lanes in destination order; a mission naming an unknown destination gets a lane of its own after them.
    std::vector<const model::Destination*> destinations;
    for (const auto& destination : data.destinations) destinations.push_back(&destination);
    std::stable_sort(destinations.begin(), destinations.end(),
                     [](const auto* a, const auto* b) { return a->order < b->order; });
    std::vector<std::pair<std::string, std::string>> lane_names;  // code, name
    std::map<std::string, std::size_t> lane_of;
    for (const auto* destination : destinations) {
        if (lane_of.emplace(destination->code, lane_names.size()).second) {
            lane_names.emplace_back(destination->code, destination->name.empty() ? destination->code
                                                                                  : destination->name);
        }
    }
    for (auto i : dated) {
        const auto& code = data.missions[i].destination;
        if (lane_of.emplace(code, lane_names.size()).second) lane_names.emplace_back(code, code);
    }
    std::vector<std::vector<std::size_t>> lane_missions(lane_names.size());
    for (auto i : dated) lane_missions[lane_of.at(data.missions[i].destination)].push_back(i);

    const TrackSettings track{plot_left, plot_right, label_gap, item_gap};
    const double axis_start = year_start(layout.first_year);
    const double axis_end = year_start(layout.last_year + 1);
    const double pitch = row_pitch();
    bool any_clamped_before = false;
    bool any_clamped_after = false;
    bool any_window = false;
    for (std::size_t lane_index = 0; lane_index < lane_names.size(); ++lane_index) {
        LaneLayout lane;
        lane.destination = lane_names[lane_index].first;
        lane.missions = lane_missions[lane_index].size();
        const double lane_top = y;

        std::vector<TrackItem> items;
        std::vector<MissionMark> marks;
        items.reserve(lane.missions);
        marks.reserve(lane.missions);
        for (auto i : lane_missions[lane_index]) {
            const auto& mission = data.missions[i];
            MissionMark mark;
            mark.mission = i;
            mark.id = mission.id;
            mark.lane = lane_index;
            const double earliest = day_number(mission.launch->earliest());
            const double end = day_number(mission.launch->latest()) + 1.0;
            mark.x = layout.x_of_day((earliest + end) / 2.0);
            double left = mark.x - marker_half;
            double right = mark.x + marker_half;
            if (end <= axis_start) {
                mark.clamp = Clamp::before_axis;
                mark.x = plot_left + clamp_arrow + marker_half;
                left = plot_left;
                right = mark.x + marker_half;
                any_clamped_before = true;
            } else if (earliest >= axis_end) {
                mark.clamp = Clamp::after_axis;
                mark.x = plot_right - clamp_arrow - marker_half;
                left = mark.x - marker_half;
                right = plot_right;
                any_clamped_after = true;
            } else {
                // Within the axis years (a window may straddle an end): nudge a marker at the very edge inwards.
                mark.x = std::clamp(mark.x, plot_left + marker_half, plot_right - marker_half);
                left = mark.x - marker_half;
                right = mark.x + marker_half;
            }
            if (mission.launch->end) {
                const double bar_left = std::clamp(layout.x_of_day(earliest), plot_left, plot_right);
                const double bar_right = std::clamp(layout.x_of_day(end), plot_left, plot_right);
                mark.window = Box{bar_left, 0.0, bar_right - bar_left, window_bar_height};
                left = std::min(left, bar_left);
                right = std::max(right, bar_right);
                any_window = true;
            }
            std::string label = options.short_labels ? short_label(mission.name) : mission.name;
            label = fit_text(label, label_pt, options.max_label_width_pt);
            if (mark.clamp != Clamp::none) label += " (" + std::to_string(year_of(mission.launch->earliest())) + ")";
            mark.label = std::move(label);
            mark.marker = Box{left, 0.0, right - left, 2.0 * marker_half};
            items.push_back({left, right, text_width(mark.label, label_pt)});
            marks.push_back(std::move(mark));
        }
        const auto placements = stack_labels(items, track);
        lane.rows = std::max(1, row_count(placements));

        const auto name_lines = wrap(lane_names[lane_index].second, lane_name_pt, FontWeight::bold, name_column);
        const double names_height = static_cast<double>(name_lines.size()) * line_height(lane_name_pt);
        const double content = std::max(lane.rows * pitch, names_height);
        const double rows_top = lane_top + lane_padding;
        for (std::size_t k = 0; k < name_lines.size(); ++k) {
            lane.name_lines.push_back(make_text(name_lines[k], margin,
                                                rows_top + static_cast<double>(k) * line_height(lane_name_pt),
                                                lane_name_pt, FontWeight::bold, "lane"));
        }
        for (std::size_t k = 0; k < marks.size(); ++k) {
            auto& mark = marks[k];
            const auto& placement = placements[k];
            mark.row = placement.row;
            mark.side = placement.side;
            mark.y = rows_top + (placement.row + 0.5) * pitch;
            mark.marker.y = mark.y - marker_half;
            if (mark.window) mark.window->y = mark.y - window_bar_height / 2.0;
            mark.label_box = Box{placement.label_x, mark.y - line_height(label_pt) / 2.0, items[k].label_width,
                                 line_height(label_pt)};
            layout.marks.push_back(std::move(mark));
        }
        lane.box = Box{margin, lane_top, layout.width_pt - 2.0 * margin, content + 2.0 * lane_padding};
        y = lane.box.bottom();
        layout.lanes.push_back(std::move(lane));
    }
    layout.plot.height = y - layout.plot.y;

    y += 2.0;
    add_year_labels(y);
    y += line_height(year_pt) + 14.0;

    // Legend: a heading in the name column, items flowing across the axis width.
    auto heading = [&](const std::string& text, double top) {
        layout.texts.push_back(make_text(fit_text(text, legend_heading_pt, name_column, FontWeight::bold), margin,
                                         top, legend_heading_pt, FontWeight::bold, "legend-heading"));
    };
    auto add_item = [&](Flow& flow, LegendSwatch swatch, const std::string& text) {
        const double width = legend_swatch + 3.0 + text_width(text, legend_pt);
        const auto [x, top] = flow.place(width);
        const double centre = top + flow.line / 2.0;
        swatch.box = Box{x, centre - legend_swatch / 2.0, legend_swatch, legend_swatch};
        layout.swatches.push_back(swatch);
        auto label = make_text(text, x + legend_swatch + 3.0, centre - line_height(legend_pt) / 2.0, legend_pt,
                               FontWeight::normal, "legend");
        layout.texts.push_back(std::move(label));
    };

    {
        heading("Lead agency", y);
        Flow flow{plot_left, plot_right, y, plot_left};
        std::set<std::string> leading;
        for (auto i : dated) leading.insert(data.missions[i].lead_agency);
        for (auto i : layout.undated) leading.insert(data.missions[i].lead_agency);
        std::set<std::string> listed;
        for (const auto& agency : data.agencies) {
            if (!leading.contains(agency.code)) continue;
            listed.insert(agency.code);
            LegendSwatch swatch;
            swatch.what = SwatchKind::agency;
            swatch.agency = agency.code;
            add_item(flow, swatch, agency.code);
        }
        for (const auto& code : leading) {  // a lead agency missing from the agency list still gets a colour
            if (listed.contains(code)) continue;
            LegendSwatch swatch;
            swatch.what = SwatchKind::agency;
            swatch.agency = code;
            add_item(flow, swatch, code);
        }
        y = flow.bottom() + 4.0;
    }
    {
        heading("Mission", y);
        Flow flow{plot_left, plot_right, y, plot_left};
        for (auto kind : {MissionKind::human, MissionKind::robotic}) {
            LegendSwatch swatch;
            swatch.what = SwatchKind::kind;
            swatch.kind = kind;
            add_item(flow, swatch, kind == MissionKind::human ? "human (crewed or crew vehicle)" : "robotic");
        }
        if (any_window) {
            LegendSwatch swatch;
            swatch.what = SwatchKind::window;
            add_item(flow, swatch, "launch window");
        }
        if (any_clamped_before) {
            LegendSwatch swatch;
            swatch.what = SwatchKind::clamp;
            add_item(flow, swatch, "launched before " + std::to_string(layout.first_year) + " (year shown)");
        }
        if (any_clamped_after) {
            LegendSwatch swatch;
            swatch.what = SwatchKind::clamp;
            swatch.status = MissionStatus::planned;  // the right-pointing arrow
            add_item(flow, swatch, "launch after " + std::to_string(layout.last_year) + " (year shown)");
        }
        y = flow.bottom() + 4.0;
    }
    {
        heading("Status", y);
        Flow flow{plot_left, plot_right, y, plot_left};
        const std::pair<MissionStatus, const char*> statuses[] = {
            {MissionStatus::completed, "completed (solid)"},
            {MissionStatus::operating, "operating (dot)"},
            {MissionStatus::failed, "failed (cross)"},
            {MissionStatus::planned, "planned (hatched)"},
            {MissionStatus::proposed, "proposed (hatched, dashed)"},
            {MissionStatus::cancelled, "cancelled (faded, struck through)"},
        };
        for (const auto& [status, text] : statuses) {
            LegendSwatch swatch;
            swatch.what = SwatchKind::status;
            swatch.status = status;
            add_item(flow, swatch, text);
        }
        y = flow.bottom() + 4.0;
    }
    if (!layout.undated.empty()) {
        heading("No launch date", y);
        Flow flow{plot_left, plot_right, y, plot_left};
        for (auto i : layout.undated) {
            const auto& mission = data.missions[i];
            LegendSwatch swatch;
            swatch.what = SwatchKind::mission;
            swatch.mission = i;
            const std::string label = (options.short_labels ? short_label(mission.name) : mission.name);
            add_item(flow, swatch,
                     fit_text(label, legend_pt, options.max_label_width_pt) + " (" + mission.lead_agency + ", " +
                         status_word(mission.status) + ")");
            layout.texts.back().css_class = "undated";
            layout.texts.back().mission_id = mission.id;
        }
        y = flow.bottom() + 4.0;
    }
    layout.height_pt = y + margin;
    return layout;
}

namespace {

struct Writer {
    std::string out;
    void raw(std::string_view text) { out += text; }
    void num(double value) { append_number(out, value); }
    void text(std::string_view value) { append_xml_escaped(out, value); }
    // name="value" with the value escaped.
    void attr(std::string_view name, std::string_view value) {
        out += ' ';
        out += name;
        out += "=\"";
        append_xml_escaped(out, value);
        out += '"';
    }
    void attr(std::string_view name, double value) {
        out += ' ';
        out += name;
        out += "=\"";
        append_number(out, value);
        out += '"';
    }
};

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
