// Lays the roadmap chart out (roadmap_chart.hpp): lanes, markers, labels, axes and legend as plain boxes, so the
// SVG (roadmap_svg.cpp) and the PDF report's text (report.cpp) only draw them, and tests check the geometry
// without parsing SVG.
#include "render/roadmap_chart.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "render/detail/roadmap_geometry.hpp"

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
constexpr double legend_pt = 8.0;
constexpr double legend_heading_pt = 8.5;
constexpr double name_column = 92.0;   // lane names and legend headings
constexpr double column_gap = 8.0;
constexpr double label_gap = 2.0;      // marker to its label
constexpr double item_gap = 4.0;       // neighbours on a row
constexpr double row_gap = 2.0;
constexpr double lane_padding = 5.0;
constexpr double legend_swatch = 8.0;
constexpr double legend_item_gap = 12.0;
// The axis of a chart with no dated mission at all.
constexpr int empty_axis_first_year = 2010;
constexpr int empty_axis_last_year = 2040;
// Shared with the drawing.
constexpr double label_pt = detail::roadmap_label_pt;
constexpr double marker_half = detail::roadmap_marker_half;
constexpr double clamp_arrow = detail::roadmap_clamp_arrow;
constexpr double window_bar_height = detail::roadmap_window_bar_height;

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

}  // namespace ger::render
