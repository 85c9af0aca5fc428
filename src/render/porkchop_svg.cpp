// Porkchop SVG: contours from render/contour.hpp, labels placed along the lines where they fit without
// touching another label, the minimum's callout, the axes' calendar ticks.
#include "render/porkchop_svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "astro/error.hpp"
#include "render/contour.hpp"
#include "render/text_metrics.hpp"
#include "render/xml.hpp"

namespace ger::render {
namespace {

using astro::Instant;

constexpr double margin_left = 96, margin_right = 200, margin_top = 74, margin_bottom = 86;
constexpr double label_pt = 9.5, tick_pt = 10, axis_title_pt = 12, title_pt = 16;
constexpr double label_spacing_pt = 260;  // along a contour between its labels
constexpr double label_pad_pt = 3;        // kept clear around each label
constexpr const char* c3_colour = "#1f4e9c";
constexpr const char* vinf_colour = "#c0392b";
constexpr const char* tof_colour = "#6b6b6b";
constexpr const char* boundary_colour = "#2e7d32";  // the Type I / II boundary and the regions' names
constexpr double region_pt = 14;

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

// The UTC calendar date of a grid instant, rounded to the nearest second first (grid steps are TDB days, so a
// UTC midnight may sit a millisecond before the instant).
std::string utc_date(Instant t) { return astro::format_utc_iso8601(t, 0).substr(0, 10); }
std::string utc_date_days(double tdb_days) { return utc_date(Instant::from_days_since_j2000(tdb_days)); }

// 1, 2 or 5 times a power of ten: levels then print exactly with the decimals the step needs.
double nice_step(double raw) {
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * p >= raw) return m * p;
    }
    return 10 * p;
}

std::vector<double> auto_levels(double lo, double span, int count) {
    const double step = nice_step(span / count);
    std::vector<double> levels;
    for (double v = std::ceil(lo / step + 1e-9) * step; v <= lo + span + 1e-9; v += step) levels.push_back(v);
    return levels;
}

struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

struct Ticks {
    std::vector<std::pair<double, std::string>> major;  // [days], label
    std::vector<std::pair<double, std::string>> years;  // [days] of the first tick of each year, "2033"
};

Ticks month_ticks(double first_days, double last_days) {
    static constexpr std::array<const char*, 12> names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string d0 = utc_date_days(first_days);
    int year = std::stoi(d0.substr(0, 4)), month = std::stoi(d0.substr(5, 2));
    const double months = (last_days - first_days) / 30.44;
    int every = 1;
    for (int e : {1, 2, 3, 6, 12}) {
        every = e;
        if (months / e <= 12) break;
    }
    Ticks t;
    int last_year = -1;
    for (int guard = 0; guard < 600; ++guard) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d-01", year, month);
        const double days = astro::parse_utc_iso8601(text).days_since_j2000();
        if (days > last_days) break;
        if (days >= first_days && (month - 1) % every == 0) {
            t.major.emplace_back(days, names[static_cast<std::size_t>(month - 1)]);
            if (year != last_year) {
                t.years.emplace_back(days, std::to_string(year));
                last_year = year;
            }
        }
        if (++month > 12) {
            month = 1;
            ++year;
        }
    }
    return t;
}

class Chart {
public:
    Chart(const astro::PorkchopGrid& grid, const PorkchopSvgOptions& o) : m_grid(grid), m_o(o) {
        m_px0 = margin_left;
        m_py0 = margin_top;
        m_pw = o.width_pt - margin_left - margin_right;
        m_ph = o.height_pt - margin_top - margin_bottom;
        m_d0 = grid.departure(0).days_since_j2000();
        m_d1 = grid.departure(grid.departure_count() - 1).days_since_j2000();
        m_s0 = grid.second_value(0);
        m_s1 = grid.second_value(grid.second_count() - 1);
        m_by_date = grid.request().axis == astro::PorkchopAxis::arrival_date;
    }

    double x_of(double dep_days) const { return m_px0 + (dep_days - m_d0) / (m_d1 - m_d0) * m_pw; }
    double y_of(double second) const { return m_py0 + m_ph - (second - m_s0) / (m_s1 - m_s0) * m_ph; }
    // Contour index space: x = second-axis index (column), y = departure index (row).
    double x_of_index(const ContourPoint& p) const {
        return m_px0 + p.y / static_cast<double>(m_grid.departure_count() - 1) * m_pw;
    }
    double y_of_index(const ContourPoint& p) const {
        return m_py0 + m_ph - p.x / static_cast<double>(m_grid.second_count() - 1) * m_ph;
    }
    bool inside(const Box& b) const {
        return b.x0 >= m_px0 && b.x1 <= m_px0 + m_pw && b.y0 >= m_py0 && b.y1 <= m_py0 + m_ph;
    }
    bool free(const Box& b) const {
        return std::none_of(m_taken.begin(), m_taken.end(), [&](const Box& t) { return t.overlaps(b); });
    }

    // Labels along one polyline (SVG coordinates) every label_spacing_pt where the line is straight enough
    // over the label's length and the label's box is free; returns how many were placed.
    int label_line(const std::vector<std::array<double, 2>>& pts, const std::string& text, const char* colour,
                   std::string& out, int max_labels) {
        const double w = text_width(text, label_pt) + 2, h = label_pt * line_height_em;
        std::vector<double> s(pts.size(), 0.0);
        for (std::size_t k = 1; k < pts.size(); ++k) {
            s[k] = s[k - 1] + std::hypot(pts[k][0] - pts[k - 1][0], pts[k][1] - pts[k - 1][1]);
        }
        auto at = [&](double arc) {
            const auto it = std::lower_bound(s.begin(), s.end(), arc);
            const std::size_t k = std::clamp<std::size_t>(static_cast<std::size_t>(it - s.begin()), 1, pts.size() - 1);
            const double f = s[k] > s[k - 1] ? (arc - s[k - 1]) / (s[k] - s[k - 1]) : 0;
            return std::array<double, 2>{pts[k - 1][0] + f * (pts[k][0] - pts[k - 1][0]),
                                         pts[k - 1][1] + f * (pts[k][1] - pts[k - 1][1])};
        };
        int placed = 0;
        const double total = s.back();
        if (total < w * 1.5) return 0;
        for (double arc = std::min(total / 2, w); arc + w / 2 <= total && placed < max_labels; arc += 12) {
            const auto a = at(arc - w / 2), b = at(arc + w / 2), c = at(arc);
            const double chord = std::hypot(b[0] - a[0], b[1] - a[1]);
            if (chord < 0.92 * w) continue;  // too curved here
            double angle = std::atan2(b[1] - a[1], b[0] - a[0]) * 180 / 3.14159265358979;
            if (angle > 90) angle -= 180;
            if (angle < -90) angle += 180;
            const double rad = angle * 3.14159265358979 / 180;
            const double hx = std::abs(std::cos(rad)) * w / 2 + std::abs(std::sin(rad)) * h / 2 + label_pad_pt;
            const double hy = std::abs(std::sin(rad)) * w / 2 + std::abs(std::cos(rad)) * h / 2 + label_pad_pt;
            const Box box{c[0] - hx, c[1] - hy, c[0] + hx, c[1] + hy};
            if (!inside(box) || !free(box)) continue;
            m_taken.push_back(box);
            out += "<text class=\"cl\" style=\"fill:";  // a fill attribute would lose to the text{fill} rule
            out += colour;
            out += "\" transform=\"translate(";
            append_number(out, c[0]);
            out += ' ';
            append_number(out, c[1]);
            out += ") rotate(";
            append_number(out, angle);
            out += ")\" dy=\"0.35em\">";
            append_xml_escaped(out, text);
            out += "</text>\n";
            ++placed;
            arc += label_spacing_pt;
        }
        return placed;
    }

    void contours(std::span<const float> field, const std::vector<double>& levels, const char* colour,
                  const char* dash, const char* unit_suffix, int decimals, std::string& paths, std::string& labels) {
        for (double level : levels) {
            const auto lines = contour_lines(field, m_grid.departure_count(), m_grid.second_count(), level);
            const std::string text = fmt(decimals == 0 ? "%.0f" : "%.1f", level) + unit_suffix;
            for (const auto& line : lines) {
                std::vector<std::array<double, 2>> pts;
                pts.reserve(line.points.size());
                for (const auto& p : line.points) {
                    const std::array<double, 2> q = {x_of_index(p), y_of_index(p)};
                    if (!pts.empty() && std::hypot(q[0] - pts.back()[0], q[1] - pts.back()[1]) < 0.4) continue;
                    pts.push_back(q);
                }
                if (line.closed && !pts.empty()) pts.push_back(pts.front());
                if (pts.size() < 2) continue;
                paths += "<path fill=\"none\" stroke=\"";
                paths += colour;
                paths += "\" stroke-width=\"1.1\"";
                if (dash != nullptr) {
                    paths += " stroke-dasharray=\"";
                    paths += dash;
                    paths += '"';
                }
                paths += " d=\"";
                for (std::size_t k = 0; k < pts.size(); ++k) {
                    paths += k == 0 ? 'M' : 'L';
                    append_number(paths, pts[k][0]);
                    paths += ' ';
                    append_number(paths, pts[k][1]);
                }
                paths += "\"/>\n";
                label_line(pts, text, colour, labels, 3);
            }
        }
    }

    std::string render() {
        const auto& q = m_grid.request();
        const std::size_t cells = m_grid.cell_count();
        // The plotted types: each type's field holds values only in its own region (transfer angle below or
        // above 180 deg), and each is contoured on its own, so no line joins across the boundary.
        std::vector<astro::TransferType> types_shown;
        for (auto t : astro::transfer_types) {
            if (m_grid.has(t) && (!m_o.type || *m_o.type == t)) types_shown.push_back(t);
        }
        double c3_min = std::numeric_limits<double>::infinity(), va_min = c3_min;
        for (auto t : types_shown) {
            const auto c = m_grid.cells(t);
            for (std::size_t k = 0; k < cells; ++k) {
                if (c.c3_km2_s2[k] < c3_min) c3_min = c.c3_km2_s2[k];
                if (c.vinf_arr_km_s[k] < va_min) va_min = c.vinf_arr_km_s[k];
            }
        }
        auto c3_levels = m_o.c3_levels_km2_s2;
        auto va_levels = m_o.vinf_levels_km_s;
        if (c3_levels.empty() && std::isfinite(c3_min)) c3_levels = auto_levels(c3_min, std::max(24.0, 2.5 * c3_min), 14);
        if (va_levels.empty() && std::isfinite(va_min)) va_levels = auto_levels(va_min, std::max(3.0, 1.2 * va_min), 6);

        auto cap = [](std::string s) {
            if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
            return s;
        };
        auto shown = [&](const astro::TransferBody& b) {  // "Earth–Moon barycentre", not "Emb"
            if (const auto* planet = std::get_if<astro::Body>(&b)) return std::string(astro::body_display_name(*planet));
            return cap(astro::transfer_body_name(b));
        };
        const std::string from = shown(q.from), to = shown(q.to);
        const std::string types = m_o.type ? "Type " + std::string(astro::transfer_type_name(*m_o.type))
                                            : (m_grid.has(astro::TransferType::type1) && m_grid.has(astro::TransferType::type2)
                                                   ? "Type I and II"
                                                   : m_grid.has(astro::TransferType::type1) ? "Type I" : "Type II");
        const std::string title = m_o.title.empty()
                                      ? from + " to " + to + ": launch C3 and arrival v\u221E, " + types
                                      : m_o.title;

        std::string svg;
        svg.reserve(1 << 20);
        svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"";
        append_number(svg, m_o.width_pt);
        svg += "pt\" height=\"";
        append_number(svg, m_o.height_pt);
        svg += "pt\" viewBox=\"0 0 ";
        append_number(svg, m_o.width_pt);
        svg += ' ';
        append_number(svg, m_o.height_pt);
        svg += "\" role=\"img\" aria-labelledby=\"pc-title pc-desc\">\n<title id=\"pc-title\">";
        append_xml_escaped(svg, title);
        svg += "</title>\n<desc id=\"pc-desc\">";
        std::string desc = "Porkchop plot, ballistic prograde 0-revolution transfers from " + from + " to " + to +
                           ". Departures " + utc_date(m_grid.departure(0)) + " to " +
                           utc_date(m_grid.departure(m_grid.departure_count() - 1)) + " every " +
                           fmt("%g", q.depart_step_days) + " days; " +
                           (m_by_date ? "arrivals " + utc_date_days(m_s0) + " to " + utc_date_days(m_s1)
                                      : "times of flight " + fmt("%g", m_s0) + " to " + fmt("%g", m_s1) + " days") +
                           " every " + fmt("%g", q.second_step_days) +
                           " days. " + types +
                           " (Type I: transfer angle below 180 deg, Type II: above), each contoured on its own. "
                           "Solid contours: departure C3 in km2/s2; dashed: arrival v-infinity in km/s; "
                           "dotted: time of flight in days.";
        if (m_o.minimum) {
            const auto& mp = *m_o.minimum;
            desc += " Minimum C3 " + fmt("%.2f", mp.c3_km2_s2) + " km2/s2 (Type " +
                    std::string(astro::transfer_type_name(mp.type)) + "), departing " + utc_date(mp.depart) +
                    ", arriving " + utc_date(mp.arrive) + ", " + fmt("%.0f", mp.tof_days) +
                    " days, arrival v-infinity " + fmt("%.2f", mp.vinf_arr_km_s) + " km/s, DLA " +
                    fmt("%.1f", mp.dla_deg) + " deg.";
        }
        append_xml_escaped(svg, desc);
        svg += "</desc>\n<style>text{font-family:";
        svg += chart_font_family;
        svg += ";fill:#222}.cl{font-size:";
        append_number(svg, label_pt);
        svg += "px;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
               ".tk{font-size:";
        append_number(svg, tick_pt);
        svg += "px}.ax{font-size:";
        append_number(svg, axis_title_pt);
        svg += "px;font-weight:bold}</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";

        // Title.
        svg += "<text x=\"";
        append_number(svg, m_px0);
        svg += "\" y=\"30\" font-size=\"";
        append_number(svg, title_pt);
        svg += "\" font-weight=\"bold\">";
        append_xml_escaped(svg, title);
        svg += "</text>\n<text x=\"";
        append_number(svg, m_px0);
        svg += "\" y=\"50\" font-size=\"11\" fill=\"#555\">";
        append_xml_escaped(svg, "Ballistic prograde 0-rev Lambert arcs, ERFA ephemerides; parking orbit " +
                                    fmt("%g", q.parking_alt_km) + " km; grid " +
                                    std::to_string(m_grid.departure_count()) + " \u00D7 " +
                                    std::to_string(m_grid.second_count()) + ", step " +
                                    fmt("%g", q.depart_step_days) + " d");
        svg += "</text>\n";

        // Plot frame, clip, grid lines and ticks.
        svg += "<defs><clipPath id=\"pc-clip\"><rect x=\"";
        append_number(svg, m_px0);
        svg += "\" y=\"";
        append_number(svg, m_py0);
        svg += "\" width=\"";
        append_number(svg, m_pw);
        svg += "\" height=\"";
        append_number(svg, m_ph);
        svg += "\"/></clipPath></defs>\n";
        axes(svg);

        // Time-of-flight lines, then contours, all clipped; labels drawn last so they sit on top.
        std::string lines, labels, callout;
        if (m_o.minimum) minimum(*m_o.minimum, callout);  // first, so contour labels keep clear of its box
        tof_lines(lines, labels);
        auto decimals = [](const std::vector<double>& levels) {
            return levels.size() > 1 && levels[1] - levels[0] < 0.999 ? 1 : 0;
        };
        m_both = types_shown.size() == 2;
        if (m_both) boundary(lines, labels);
        for (auto t : types_shown) {
            const auto c = m_grid.cells(t);
            contours(c.c3_km2_s2, c3_levels, c3_colour, nullptr, "", decimals(c3_levels), lines, labels);
            contours(c.vinf_arr_km_s, va_levels, vinf_colour, "6 3", " km/s", 1, lines, labels);
        }
        for (auto t : types_shown) region_label(t, labels);
        svg += "<g clip-path=\"url(#pc-clip)\">\n" + lines + "</g>\n";
        svg += labels;
        svg += callout;
        legend(svg);
        svg += "</svg>\n";
        return svg;
    }

private:
    void text(std::string& out, double x, double y, const std::string& s, const char* cls, const char* anchor,
              const char* extra = "") {
        out += "<text class=\"";
        out += cls;
        out += "\" x=\"";
        append_number(out, x);
        out += "\" y=\"";
        append_number(out, y);
        out += "\" text-anchor=\"";
        out += anchor;
        out += "\"";
        out += extra;
        out += '>';
        append_xml_escaped(out, s);
        out += "</text>\n";
    }

    void line(std::string& out, double x1, double y1, double x2, double y2, const char* stroke, double width,
              const char* dash = nullptr) {
        out += "<line x1=\"";
        append_number(out, x1);
        out += "\" y1=\"";
        append_number(out, y1);
        out += "\" x2=\"";
        append_number(out, x2);
        out += "\" y2=\"";
        append_number(out, y2);
        out += "\" stroke=\"";
        out += stroke;
        out += "\" stroke-width=\"";
        append_number(out, width);
        out += '"';
        if (dash != nullptr) {
            out += " stroke-dasharray=\"";
            out += dash;
            out += '"';
        }
        out += "/>\n";
    }

    void axes(std::string& svg) {
        const double bottom = m_py0 + m_ph, right = m_px0 + m_pw;
        const Ticks xt = month_ticks(m_d0, m_d1);
        for (const auto& [d, label] : xt.major) {
            const double x = x_of(d);
            line(svg, x, m_py0, x, bottom, "#e4e4e4", 0.8);
            line(svg, x, bottom, x, bottom + 5, "#222", 1);
            text(svg, x, bottom + 18, label, "tk", "middle");
        }
        for (const auto& [d, label] : xt.years) text(svg, x_of(d), bottom + 32, label, "tk", "middle", " font-weight=\"bold\"");
        text(svg, m_px0 + m_pw / 2, bottom + 56, "Departure date (UTC)", "ax", "middle");
        if (m_by_date) {
            const Ticks yt = month_ticks(m_s0, m_s1);
            for (const auto& [d, label] : yt.major) {
                const double y = y_of(d);
                line(svg, m_px0, y, right, y, "#e4e4e4", 0.8);
                line(svg, m_px0 - 5, y, m_px0, y, "#222", 1);
                std::string l = label;
                for (const auto& [yd, year] : yt.years) {
                    if (yd == d) l += " " + year;
                }
                text(svg, m_px0 - 8, y + 3.5, l, "tk", "end");
            }
        } else {
            const double step = nice_step((m_s1 - m_s0) / 8);
            for (double v = std::ceil(m_s0 / step) * step; v <= m_s1 + 1e-9; v += step) {
                const double y = y_of(v);
                line(svg, m_px0, y, right, y, "#e4e4e4", 0.8);
                line(svg, m_px0 - 5, y, m_px0, y, "#222", 1);
                text(svg, m_px0 - 8, y + 3.5, fmt("%g", v), "tk", "end");
            }
        }
        const double cx = 22, cy = m_py0 + m_ph / 2;
        svg += "<text class=\"ax\" text-anchor=\"middle\" transform=\"translate(";
        append_number(svg, cx);
        svg += ' ';
        append_number(svg, cy);
        svg += ") rotate(-90)\">";
        svg += m_by_date ? "Arrival date (UTC)" : "Time of flight (days)";
        svg += "</text>\n<rect fill=\"none\" stroke=\"#222\" stroke-width=\"1\" x=\"";
        append_number(svg, m_px0);
        svg += "\" y=\"";
        append_number(svg, m_py0);
        svg += "\" width=\"";
        append_number(svg, m_pw);
        svg += "\" height=\"";
        append_number(svg, m_ph);
        svg += "\"/>\n";
    }

    void tof_lines(std::string& lines, std::string& labels) {
        if (!m_by_date) return;  // the y axis itself is the time of flight
        const double tmin = std::max(1.0, m_s0 - m_d1), tmax = m_s1 - m_d0;
        if (tmax <= tmin) return;
        const double step = m_o.tof_step_days > 0 ? m_o.tof_step_days : nice_step((tmax - tmin) / 8);
        for (double t = std::ceil(tmin / step) * step; t <= tmax; t += step) {
            const double da = std::max(m_d0, m_s0 - t), db = std::min(m_d1, m_s1 - t);
            if (db <= da) continue;
            const std::vector<std::array<double, 2>> pts = {{x_of(da), y_of(da + t)}, {x_of(db), y_of(db + t)}};
            line(lines, pts[0][0], pts[0][1], pts[1][0], pts[1][1], tof_colour, 0.9, "1.5 3");
            label_line(pts, fmt("%.0f d", t), tof_colour, labels, 1);
        }
    }

    // Type of cell k: 1, 2, or 0 when it has no transfer of a computed type.
    int cell_type(std::size_t k) const {
        for (auto t : astro::transfer_types) {
            if (m_grid.has(t) && !std::isnan(m_grid.cells(t).c3_km2_s2[k])) return t == astro::TransferType::type1 ? 1 : 2;
        }
        return 0;
    }

    // The boundary between the Type I and Type II regions (transfer angle 180 deg): the zero line of +1 (Type I)
    // / -1 (Type II), drawn thin and labelled.
    void boundary(std::string& lines, std::string& labels) {
        const std::size_t cells = m_grid.cell_count();
        const auto one = m_grid.cells(astro::TransferType::type1).c3_km2_s2;
        const auto two = m_grid.cells(astro::TransferType::type2).c3_km2_s2;
        std::vector<float> side(cells, std::numeric_limits<float>::quiet_NaN());
        for (std::size_t k = 0; k < cells; ++k) {
            if (!std::isnan(one[k])) side[k] = 1.0f;
            if (!std::isnan(two[k])) side[k] = -1.0f;
        }
        for (const auto& l : contour_lines(side, m_grid.departure_count(), m_grid.second_count(), 0.0)) {
            std::vector<std::array<double, 2>> raw;
            for (const auto& p : l.points) raw.push_back({x_of_index(p), y_of_index(p)});
            if (raw.size() < 2) continue;
            // The zero line of a +/-1 field steps from cell to cell; a moving average over +/-3 points (ends
            // kept) follows the boundary without the staircase.
            std::vector<std::array<double, 2>> pts(raw.size());
            const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(raw.size());
            for (std::ptrdiff_t k = 0; k < n; ++k) {
                const std::ptrdiff_t h = std::min<std::ptrdiff_t>({3, k, n - 1 - k});
                std::array<double, 2> sum{0, 0};
                for (std::ptrdiff_t q = k - h; q <= k + h; ++q) {
                    sum[0] += raw[static_cast<std::size_t>(q)][0];
                    sum[1] += raw[static_cast<std::size_t>(q)][1];
                }
                pts[static_cast<std::size_t>(k)] = {sum[0] / static_cast<double>(2 * h + 1),
                                                    sum[1] / static_cast<double>(2 * h + 1)};
            }
            lines += "<path fill=\"none\" stroke=\"";
            lines += boundary_colour;
            lines += "\" stroke-width=\"1.4\" stroke-dasharray=\"8 3 2 3\" d=\"";
            for (std::size_t k = 0; k < pts.size(); ++k) {
                lines += k == 0 ? 'M' : 'L';
                append_number(lines, pts[k][0]);
                lines += ' ';
                append_number(lines, pts[k][1]);
            }
            lines += "\"/>\n";
            label_line(pts, "\u03B8 = 180\u00B0", boundary_colour, labels, 1);
        }
    }

    // "Type I" / "Type II" inside the type's region: the free spot nearest the region's lowest-C3 cell whose
    // box lies wholly in the region (corners and centre), at least 40 pt from that cell.
    void region_label(astro::TransferType t, std::string& labels) {
        const auto c3 = m_grid.cells(t).c3_km2_s2;
        const int want = t == astro::TransferType::type1 ? 1 : 2;
        const std::size_t nd = m_grid.departure_count(), ns = m_grid.second_count();
        std::size_t best = c3.size();
        for (std::size_t k = 0; k < c3.size(); ++k) {
            if (!std::isnan(c3[k]) && (best == c3.size() || c3[k] < c3[best])) best = k;
        }
        if (best == c3.size()) return;
        const ContourPoint bp{static_cast<double>(best % ns), static_cast<double>(best / ns)};
        const double bx = x_of_index(bp), by = y_of_index(bp);
        const std::string text = "Type " + std::string(astro::transfer_type_name(t));
        const double w = text_width(text, region_pt) + 8, h = region_pt * line_height_em + 4;
        auto type_at = [&](double x, double y) {  // SVG point -> cell type
            const double fi = (x - m_px0) / m_pw * static_cast<double>(nd - 1);
            const double fj = (m_py0 + m_ph - y) / m_ph * static_cast<double>(ns - 1);
            if (fi < 0 || fj < 0 || fi > static_cast<double>(nd - 1) || fj > static_cast<double>(ns - 1)) return 0;
            const auto i = static_cast<std::size_t>(std::lround(fi)), j = static_cast<std::size_t>(std::lround(fj));
            return cell_type(i * ns + j);
        };
        double best_d = std::numeric_limits<double>::infinity();
        Box chosen{};
        for (double y = m_py0 + h / 2 + 4; y <= m_py0 + m_ph - h / 2 - 4; y += 8) {
            for (double x = m_px0 + w / 2 + 4; x <= m_px0 + m_pw - w / 2 - 4; x += 8) {
                const double d = std::hypot(x - bx, y - by);
                if (d < 40 || d >= best_d) continue;
                const Box b{x - w / 2, y - h / 2, x + w / 2, y + h / 2};
                if (!free(b)) continue;
                bool in = type_at(x, y) == want;
                for (double cx : {b.x0, b.x1}) {
                    for (double cy : {b.y0, b.y1}) in = in && type_at(cx, cy) == want;
                }
                if (!in) continue;
                best_d = d;
                chosen = b;
            }
        }
        if (!std::isfinite(best_d)) return;
        m_taken.push_back(chosen);
        labels += "<text x=\"";
        append_number(labels, (chosen.x0 + chosen.x1) / 2);
        labels += "\" y=\"";
        append_number(labels, (chosen.y0 + chosen.y1) / 2);
        labels += "\" dy=\"0.35em\" text-anchor=\"middle\" font-size=\"";
        append_number(labels, region_pt);
        labels += "\" font-weight=\"bold\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\" style=\"fill:";
        labels += boundary_colour;
        labels += "\">";
        append_xml_escaped(labels, text);
        labels += "</text>\n";
    }

    void minimum(const astro::PorkchopPoint& p, std::string& svg) {
        const double x = x_of(p.depart.days_since_j2000());
        const double y = m_by_date ? y_of(p.arrive.days_since_j2000()) : y_of(p.tof_days);
        svg += "<g stroke=\"#000\" stroke-width=\"1.6\" fill=\"none\"><circle cx=\"";
        append_number(svg, x);
        svg += "\" cy=\"";
        append_number(svg, y);
        svg += "\" r=\"5\"/>";
        line(svg, x - 9, y, x + 9, y, "#000", 1.2);
        line(svg, x, y - 9, x, y + 9, "#000", 1.2);
        svg += "</g>\n";
        const std::array<std::string, 3> rows = {
            "Minimum C3 " + fmt("%.2f", p.c3_km2_s2) + " km\u00B2/s\u00B2 (Type " +
                std::string(astro::transfer_type_name(p.type)) + ")",
            "Depart " + utc_date(p.depart) + ", arrive " + utc_date(p.arrive) + " (" + fmt("%.0f", p.tof_days) + " d)",
            "Arrival v\u221E " + fmt("%.2f", p.vinf_arr_km_s) + " km/s, DLA " + fmt("%.1f", p.dla_deg) + "\u00B0"};
        double w = 0;
        for (const auto& r : rows) w = std::max(w, text_width(r, 10));
        w += 12;
        const double h = 3 * 10 * line_height_em + 10;
        // First free corner around the marker: upper right, lower right, upper left, lower left.
        Box box{};
        bool ok = false;
        for (const auto& [dx, dy] : std::array<std::array<double, 2>, 4>{{{14, -14 - h}, {14, 14}, {-14 - w, -14 - h},
                                                                          {-14 - w, 14}}}) {
            box = {x + dx, y + dy, x + dx + w, y + dy + h};
            if (inside(box) && free(box)) {
                ok = true;
                break;
            }
        }
        if (!ok) {  // clamp inside the plot even if it covers a label
            box.x0 = std::clamp(x + 14, m_px0 + 2, m_px0 + m_pw - w - 2);
            box.y0 = std::clamp(y - 14 - h, m_py0 + 2, m_py0 + m_ph - h - 2);
            box.x1 = box.x0 + w;
            box.y1 = box.y0 + h;
        }
        m_taken.push_back(box);
        svg += "<rect x=\"";
        append_number(svg, box.x0);
        svg += "\" y=\"";
        append_number(svg, box.y0);
        svg += "\" width=\"";
        append_number(svg, w);
        svg += "\" height=\"";
        append_number(svg, h);
        svg += "\" fill=\"#fff\" fill-opacity=\"0.92\" stroke=\"#000\" stroke-width=\"0.8\" rx=\"3\"/>\n";
        for (std::size_t r = 0; r < rows.size(); ++r) {
            text(svg, box.x0 + 6, box.y0 + 5 + 10 * ascent_em + static_cast<double>(r) * 10 * line_height_em, rows[r],
                 "tk", "start", r == 0 ? " font-weight=\"bold\"" : "");
        }
    }

    void legend(std::string& svg) {
        const double x = m_px0 + m_pw + 18, y = m_py0 + 4;
        text(svg, x, y + 10, "Legend", "ax", "start");
        struct Item {
            const char* colour;
            const char* dash;
            std::string label;
        };
        std::vector<Item> items = {Item{c3_colour, nullptr, "Launch C3 [km\u00B2/s\u00B2]"},
                                   Item{vinf_colour, "6 3", "Arrival v\u221E [km/s]"},
                                   Item{tof_colour, "1.5 3", "Time of flight [days]"}};
        if (m_both) items.push_back(Item{boundary_colour, "8 3 2 3", "Type I / II boundary"});
        double yy = y + 32;
        for (const auto& it : items) {
            line(svg, x, yy - 4, x + 28, yy - 4, it.colour, 1.6, it.dash);
            text(svg, x + 34, yy, it.label, "tk", "start");
            yy += 20;
        }
        if (m_o.minimum) {
            svg += "<circle cx=\"";
            append_number(svg, x + 14);
            svg += "\" cy=\"";
            append_number(svg, yy - 4);
            svg += "\" r=\"4\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.4\"/>\n";
            text(svg, x + 34, yy, "Minimum C3", "tk", "start");
            yy += 20;
        }
        const auto& q = m_grid.request();
        std::vector<std::string> notes = {
            "Prograde arcs; transfer angle \u03B8:", "Type I \u03B8 < 180\u00B0, Type II \u03B8 > 180\u00B0,",
            "split by the ridge at \u03B8 = 180\u00B0.",
            "DLA: declination of the", "launch asymptote (ICRF)."};
        if (std::holds_alternative<astro::Body>(q.to)) {
            notes.push_back("Capture periapsis " + fmt("%g", q.capture.periapsis_alt_km) + " km,");
            notes.push_back("e = " + fmt("%g", q.capture.eccentricity));
        }
        yy += 10;
        for (const auto& n : notes) {
            text(svg, x, yy, n, "tk", "start", " font-size=\"9\" fill=\"#555\"");
            yy += 13;
        }
    }

    const astro::PorkchopGrid& m_grid;
    const PorkchopSvgOptions& m_o;
    double m_px0, m_py0, m_pw, m_ph, m_d0, m_d1, m_s0, m_s1;
    bool m_by_date;
    bool m_both = false;  // Types I and II both plotted
    std::vector<Box> m_taken;
};

}  // namespace

std::string porkchop_svg(const astro::PorkchopGrid& grid, const PorkchopSvgOptions& options) {
    if (grid.departure_count() < 2 || grid.second_count() < 2) {
        throw std::invalid_argument("porkchop_svg: the grid has " + std::to_string(grid.departure_count()) + " x " +
                                    std::to_string(grid.second_count()) + " cells; a plot needs at least 2 x 2");
    }
    if (options.type && !grid.has(*options.type)) {
        throw std::invalid_argument("porkchop_svg: Type " + std::string(astro::transfer_type_name(*options.type)) +
                                    " was not computed");
    }
    Chart chart(grid, options);
    return chart.render();
}

}  // namespace ger::render
