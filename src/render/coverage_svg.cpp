#include "render/coverage_svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "render/detail/svg_writer.hpp"
#include "render/text_metrics.hpp"

namespace ger::render {
namespace {

using detail::SvgWriter;

// Geometry [pt].
constexpr double margin = 12.0;
constexpr double label_pt = 11.0;
constexpr double header_pt = 10.5;
constexpr double count_pt = 11.0;
constexpr double legend_pt = 10.5;
constexpr double label_width = 250.0;   // objective titles wrap onto two lines within this
constexpr double label_gap = 8.0;
constexpr double min_cell_width = 34.0;
constexpr double cell_height = 32.0;    // two label lines (2 x 1.165 em at 11 pt) and padding
constexpr double max_flat_grid = 720.0;  // a wider grid sets its column names vertically
constexpr double header_pad = 6.0;
constexpr double swatch = 16.0;
constexpr std::size_t max_named_missions = 12;  // a cell's tooltip lists at most these

// ColorBrewer YlOrBr (Brewer 2002; Paul Tol lists it among the sequential schemes that stay ordered for the
// common colour-vision deficiencies): lightness falls monotonically, so the order reads without hue. The
// lightest step (#FFFFE5) is left out: it is too close to an empty cell.
constexpr std::array<std::string_view, 8> scale{"#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29",
                                                "#EC7014", "#CC4C02", "#993404", "#662506"};
constexpr std::size_t max_classes = 6;
constexpr std::string_view empty_fill = "#FFFFFF";
constexpr std::string_view cell_stroke = "#6B7280";  // 4.8:1 on white: the cell edges meet WCAG 1.4.11
constexpr std::string_view ink = "#1A1A1A";

struct ColourClass {
    int low = 0;
    int high = 0;  // inclusive
    std::string_view fill;
};

// Classes 1, 2, 3-4, 5-8, 9-16, ... up to max_count (the last one open): counts per cell are skewed (most
// cells hold one or two missions, a few dozens), so doubling widths keep the small counts apart. Their colours
// are spread over the whole scale.
std::vector<ColourClass> classes_for(int max_count) {
    std::vector<ColourClass> out;
    for (int low = 1, high = 1; low <= max_count; low = high + 1, high *= 2) {
        out.push_back({low, out.size() + 1 == max_classes ? max_count : std::min(high, max_count), {}});
        if (out.size() == max_classes) break;
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::size_t at = out.size() == 1 ? scale.size() / 2 : i * (scale.size() - 1) / (out.size() - 1);
        out[i].fill = scale[at];
    }
    return out;
}

std::string_view fill_for(const std::vector<ColourClass>& classes, int count) {
    for (const auto& c : classes) {
        if (count <= c.high) return c.fill;
    }
    return classes.empty() ? empty_fill : classes.back().fill;
}

// WCAG 2 relative luminance of "#RRGGBB".
double luminance(std::string_view hex) {
    const auto channel = [&](std::size_t at) {
        const double v = std::stoi(std::string(hex.substr(at, 2)), nullptr, 16) / 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

// Black or white, whichever contrasts more with `fill` (each class gives at least 5:1 either way).
std::string_view text_on(std::string_view fill) {
    const double l = luminance(fill);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? std::string_view("#000000") : std::string_view("#FFFFFF");
}

std::string period_name(const analysis::Period& p) {
    return std::to_string(p.first_year) + "–" + std::to_string(p.last_year);
}

std::string plural(int n, std::string_view word) {
    return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

std::string coverage_svg(const analysis::Coverage& coverage, const model::Dataset& data,
                         const CoverageSvgOptions& options) {
    const bool by_agency = options.columns == CoverageColumns::agency;
    std::vector<std::string> columns;
    if (by_agency) {
        columns = coverage.agencies;
    } else {
        for (const auto& p : coverage.periods) columns.push_back(period_name(p));
    }
    const auto& rows = coverage.objectives;

    std::unordered_map<std::string, std::string> titles;
    for (const auto& o : data.objectives) titles.emplace(o.id, o.title);
    std::unordered_map<std::string, std::string> mission_names;
    for (const auto& m : data.missions) mission_names.emplace(m.id, m.name);
    const auto title_of = [&](const std::string& id) {
        const auto it = titles.find(id);
        return it == titles.end() || it->second.empty() ? id : it->second;
    };

    // counts[row][column] and the missions behind each.
    std::unordered_map<std::string, std::size_t> row_index;
    for (std::size_t i = 0; i < rows.size(); ++i) row_index.emplace(rows[i], i);
    std::unordered_map<std::string, std::size_t> column_index;
    if (by_agency) {
        for (std::size_t i = 0; i < columns.size(); ++i) column_index.emplace(columns[i], i);
    }
    std::vector<std::vector<const std::vector<std::string>*>> missions(
        rows.size(), std::vector<const std::vector<std::string>*>(columns.size(), nullptr));
    if (by_agency) {
        for (const auto& c : coverage.cells) {
            const auto r = row_index.find(c.objective);
            const auto k = column_index.find(c.agency);
            if (r != row_index.end() && k != column_index.end()) missions[r->second][k->second] = &c.missions;
        }
    } else {
        for (const auto& c : coverage.period_cells) {
            const auto r = row_index.find(c.objective);
            if (r != row_index.end() && c.period < columns.size()) missions[r->second][c.period] = &c.missions;
        }
    }
    int max_count = 0;
    int filled = 0;
    std::string busiest;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (!missions[r][k] || missions[r][k]->empty()) continue;
            ++filled;
            const int n = static_cast<int>(missions[r][k]->size());
            if (n > max_count) {
                max_count = n;
                busiest = title_of(rows[r]) + " and " + columns[k];
            }
        }
    }
    const auto classes = classes_for(max_count);

    // Column width: the widest column name set flat when it fits, else vertical names over narrow columns.
    double widest = 0;
    for (const auto& c : columns) widest = std::max(widest, text_width(c, header_pt));
    const bool flat = (widest + 2 * header_pad) * static_cast<double>(columns.size()) <= max_flat_grid;
    const double cell_width = flat ? std::max(min_cell_width, widest + 2 * header_pad) : min_cell_width;
    const double header_height = (flat ? header_pt * line_height_em : widest) + 2 * header_pad;
    const double grid_x = margin + label_width + label_gap;
    const double grid_y = margin + header_height;
    const double grid_width = cell_width * static_cast<double>(columns.size());
    const double grid_height = cell_height * static_cast<double>(rows.size());
    const double legend_y = grid_y + grid_height + 18.0;
    const double legend_height = swatch + legend_pt * line_height_em + 8.0;

    std::string legend_heading = "Missions per cell:";
    double legend_width = text_width(legend_heading, legend_pt, FontWeight::bold) + 10.0;
    std::vector<std::string> class_names;
    for (const auto& c : classes) {
        class_names.push_back(c.low == c.high ? std::to_string(c.low)
                                              : std::to_string(c.low) + "–" + std::to_string(c.high));
        legend_width += swatch + 4.0 + text_width(class_names.back(), legend_pt) + 12.0;
    }
    const std::string none_name = "none";
    legend_width += swatch + 4.0 + text_width(none_name, legend_pt);

    const double width = std::max(grid_x + grid_width, margin + legend_width) + margin;
    const double height = legend_y + legend_height + margin;

    const std::string title =
        !options.title.empty() ? options.title
                               : (by_agency ? "Missions per objective and agency" : "Missions per objective and period");
    std::string desc = "Heatmap of " + plural(static_cast<int>(rows.size()), "objective") + " (rows) by " +
                       plural(static_cast<int>(columns.size()), by_agency ? "agency" : "period") +
                       " (columns); each cell gives how many missions address the objective" +
                       (by_agency ? " with that agency as lead or partner" : " with a first launch in that period") +
                       ", written in the cell, and darker cells hold more. " + std::to_string(filled) +
                       " cells are non-empty";
    if (max_count > 0) desc += "; the fullest, " + busiest + ", holds " + plural(max_count, "mission");
    desc += ".";
    if (!by_agency && coverage.undated_missions > 0) {
        desc += " " + plural(coverage.undated_missions, "undated mission") + " are in no period.";
    }

    const std::string title_id = options.id_prefix + "-title";
    const std::string desc_id = options.id_prefix + "-desc";
    SvgWriter w;
    w.out.reserve(4096 + rows.size() * columns.size() * 220);
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"heatmap\"");
    w.attr("id", options.id_prefix);
    w.attr("width", width);
    w.attr("height", height);
    w.raw(" viewBox=\"0 0 ");
    w.num(width);
    w.raw(" ");
    w.num(height);
    w.raw("\" role=\"img\"");
    w.attr("aria-labelledby", title_id + " " + desc_id);
    w.attr("font-family", chart_font_family);
    w.title_and_desc(title_id, title, desc_id, desc);
    w.raw("<rect x=\"0\" y=\"0\"");
    w.attr("width", width);
    w.attr("height", height);
    w.raw(" fill=\"#FFFFFF\"/>\n");

    // Column names.
    w.raw("<g class=\"columns\"");
    w.attr("font-size", header_pt);
    w.attr("fill", ink);
    w.raw(">");
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const double cx = grid_x + (static_cast<double>(k) + 0.5) * cell_width;
        w.raw("<text");
        if (flat) {
            w.attr("x", cx);
            w.attr("y", grid_y - header_pad);
            w.raw(" text-anchor=\"middle\"");
        } else {
            const double x = cx + header_pt * ascent_em / 2;
            const double y = grid_y - header_pad;
            w.attr("x", x);
            w.attr("y", y);
            std::string rotate = "rotate(-90 ";
            append_number(rotate, x);
            rotate += ' ';
            append_number(rotate, y);
            rotate += ')';
            w.attr("transform", rotate);
        }
        w.raw(">");
        w.text(columns[k]);
        w.raw("</text>");
    }
    w.raw("</g>\n");

    for (std::size_t r = 0; r < rows.size(); ++r) {
        const double y = grid_y + static_cast<double>(r) * cell_height;
        const std::string row_title = title_of(rows[r]);
        const auto lines = wrap_text(row_title, label_pt, label_width, 2);
        w.raw("<g class=\"row\"><title>");
        w.text(row_title);
        w.raw("</title><text");
        w.attr("x", grid_x - label_gap);
        const double block = static_cast<double>(lines.size()) * label_pt * line_height_em;
        w.attr("y", y + (cell_height - block) / 2 + label_pt * ascent_em);
        w.attr("font-size", label_pt);
        w.attr("fill", ink);
        w.raw(" text-anchor=\"end\">");
        for (std::size_t i = 0; i < lines.size(); ++i) {
            w.raw("<tspan");
            w.attr("x", grid_x - label_gap);
            if (i > 0) w.attr("dy", label_pt * line_height_em);
            w.raw(">");
            w.text(lines[i]);
            w.raw("</tspan>");
        }
        w.raw("</text></g>\n");
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const auto* ids = missions[r][k];
            const int n = ids ? static_cast<int>(ids->size()) : 0;
            const double x = grid_x + static_cast<double>(k) * cell_width;
            std::string tip = row_title + " — " + columns[k] + ": " + (n == 0 ? "no missions" : plural(n, "mission"));
            for (std::size_t i = 0; ids && i < ids->size() && i < max_named_missions; ++i) {
                const auto it = mission_names.find((*ids)[i]);
                tip += (i == 0 ? ": " : ", ") + (it == mission_names.end() ? (*ids)[i] : it->second);
            }
            if (ids && ids->size() > max_named_missions) {
                tip += " and " + std::to_string(ids->size() - max_named_missions) + " more";
            }
            const auto fill = n == 0 ? empty_fill : fill_for(classes, n);
            w.raw("<g class=\"cell\"");
            w.attr("data-row", rows[r]);
            w.attr("data-column", by_agency ? columns[k] : std::to_string(coverage.periods[k].first_year));
            w.attr("data-count", static_cast<double>(n));
            w.raw("><title>");
            w.text(tip);
            w.raw("</title><rect");
            w.attr("x", x);
            w.attr("y", y);
            w.attr("width", cell_width);
            w.attr("height", cell_height);
            w.attr("fill", fill);
            w.attr("stroke", n == 0 ? std::string_view("#D5DBE5") : cell_stroke);
            w.raw(" stroke-width=\"0.75\"/>");
            if (n > 0) {
                w.raw("<text");
                w.attr("x", x + cell_width / 2);
                w.attr("y", y + cell_height / 2 + count_pt * 0.36);
                w.attr("font-size", count_pt);
                w.attr("fill", text_on(fill));
                w.raw(" text-anchor=\"middle\">");
                w.text(std::to_string(n));
                w.raw("</text>");
            }
            w.raw("</g>\n");
        }
    }

    // Legend: one swatch per colour class, then the empty cell.
    w.raw("<g class=\"legend\"");
    w.attr("font-size", legend_pt);
    w.attr("fill", ink);
    w.raw(">");
    const double text_y = legend_y + swatch / 2 + legend_pt * 0.36;
    double x = margin;
    w.raw("<text font-weight=\"bold\"");
    w.attr("x", x);
    w.attr("y", text_y);
    w.raw(">");
    w.text(legend_heading);
    w.raw("</text>");
    x += text_width(legend_heading, legend_pt, FontWeight::bold) + 10.0;
    const auto item = [&](std::string_view fill, std::string_view stroke, const std::string& name) {
        w.raw("<rect");
        w.attr("x", x);
        w.attr("y", legend_y);
        w.attr("width", swatch);
        w.attr("height", swatch);
        w.attr("fill", fill);
        w.attr("stroke", stroke);
        w.raw(" stroke-width=\"0.75\"/><text");
        w.attr("x", x + swatch + 4.0);
        w.attr("y", text_y);
        w.raw(">");
        w.text(name);
        w.raw("</text>");
        x += swatch + 4.0 + text_width(name, legend_pt) + 12.0;
    };
    for (std::size_t i = 0; i < classes.size(); ++i) item(classes[i].fill, cell_stroke, class_names[i]);
    item(empty_fill, "#9AA3AF", none_name);
    w.raw("</g>\n</svg>\n");
    return std::move(w.out);
}

}  // namespace ger::render
