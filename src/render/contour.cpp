// Marching squares: one or two segments per cell, each between two crossed cell edges; segments sharing an
// edge crossing are chained into polylines by walking an edge -> segment index.
#include "render/contour.hpp"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace ger::render {
namespace {

struct Segment {
    std::size_t edge[2];
    ContourPoint p[2];
    bool used = false;
};

}  // namespace

std::vector<ContourLine> contour_lines(std::span<const float> values, std::size_t rows, std::size_t cols,
                                       double level) {
    if (values.size() != rows * cols) {
        throw std::invalid_argument("contour_lines: " + std::to_string(values.size()) + " values for a " +
                                    std::to_string(rows) + " x " + std::to_string(cols) + " grid");
    }
    std::vector<Segment> segments;
    if (rows < 2 || cols < 2) return {};
    auto at = [&](std::size_t r, std::size_t c) { return static_cast<double>(values[r * cols + c]); };
    // Edge ids: horizontal edge from (r, c) to (r, c + 1) is 2 (r cols + c); vertical from (r, c) to (r + 1, c)
    // is 2 (r cols + c) + 1.
    auto h_edge = [&](std::size_t r, std::size_t c) { return 2 * (r * cols + c); };
    auto v_edge = [&](std::size_t r, std::size_t c) { return 2 * (r * cols + c) + 1; };
    auto lerp = [&](double a, double b) { return (level - a) / (b - a); };

    for (std::size_t r = 0; r + 1 < rows; ++r) {
        for (std::size_t c = 0; c + 1 < cols; ++c) {
            const double v00 = at(r, c), v01 = at(r, c + 1), v10 = at(r + 1, c), v11 = at(r + 1, c + 1);
            if (std::isnan(v00) || std::isnan(v01) || std::isnan(v10) || std::isnan(v11)) continue;
            const int code = (v00 > level ? 1 : 0) | (v01 > level ? 2 : 0) | (v11 > level ? 4 : 0) |
                             (v10 > level ? 8 : 0);
            if (code == 0 || code == 15) continue;
            const double rr = static_cast<double>(r), cc = static_cast<double>(c);
            // Crossing points on the four edges: top (r, c..c+1), right (c+1, r..r+1), bottom (r+1), left (c).
            const std::array<std::size_t, 4> id = {h_edge(r, c), v_edge(r, c + 1), h_edge(r + 1, c), v_edge(r, c)};
            auto point = [&](int e) {
                switch (e) {
                    case 0: return ContourPoint{cc + lerp(v00, v01), rr};
                    case 1: return ContourPoint{cc + 1, rr + lerp(v01, v11)};
                    case 2: return ContourPoint{cc + lerp(v10, v11), rr + 1};
                    default: return ContourPoint{cc, rr + lerp(v00, v10)};
                }
            };
            auto add = [&](int a, int b) {
                segments.push_back({{id[static_cast<std::size_t>(a)], id[static_cast<std::size_t>(b)]},
                                    {point(a), point(b)}});
            };
            const bool centre_high = 0.25 * (v00 + v01 + v10 + v11) > level;
            switch (code) {
                case 1: case 14: add(3, 0); break;
                case 2: case 13: add(0, 1); break;
                case 3: case 12: add(3, 1); break;
                case 4: case 11: add(1, 2); break;
                case 6: case 9: add(0, 2); break;
                case 7: case 8: add(3, 2); break;
                case 5:  // v00 and v11 high
                    if (centre_high) { add(3, 2); add(0, 1); } else { add(3, 0); add(1, 2); }
                    break;
                case 10:  // v01 and v10 high
                    if (centre_high) { add(3, 0); add(1, 2); } else { add(3, 2); add(0, 1); }
                    break;
                default: break;
            }
        }
    }

    // Each edge crossing is shared by at most two segments (the cells on either side).
    std::unordered_map<std::size_t, std::array<std::size_t, 2>> by_edge;
    by_edge.reserve(segments.size() * 2);
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    for (std::size_t s = 0; s < segments.size(); ++s) {
        for (std::size_t e : segments[s].edge) {
            auto [it, inserted] = by_edge.try_emplace(e, std::array<std::size_t, 2>{s, none});
            if (!inserted) it->second[1] = s;
        }
    }
    auto other = [&](std::size_t edge, std::size_t s) {
        const auto& pair = by_edge.at(edge);
        return pair[0] == s ? pair[1] : pair[0];
    };

    std::vector<ContourLine> lines;
    for (std::size_t s0 = 0; s0 < segments.size(); ++s0) {
        if (segments[s0].used) continue;
        segments[s0].used = true;
        // Walk both ways from s0: first backwards from edge[0] (collected reversed), then forwards.
        std::vector<ContourPoint> back, fwd = {segments[s0].p[0], segments[s0].p[1]};
        bool closed = false;
        for (int dir = 0; dir < 2 && !closed; ++dir) {
            std::size_t s = s0, edge = segments[s0].edge[dir == 0 ? 1 : 0];
            while (true) {
                const std::size_t n = other(edge, s);
                if (n == none) break;
                if (n == s0) {
                    closed = true;
                    break;
                }
                if (segments[n].used) break;
                segments[n].used = true;
                const int entry = segments[n].edge[0] == edge ? 0 : 1;
                const ContourPoint p = segments[n].p[1 - entry];
                (dir == 0 ? fwd : back).push_back(p);
                edge = segments[n].edge[1 - entry];
                s = n;
            }
        }
        ContourLine line;
        line.closed = closed;
        line.points.assign(back.rbegin(), back.rend());
        line.points.insert(line.points.end(), fwd.begin(), fwd.end());
        if (closed && !line.points.empty()) line.points.pop_back();  // the walk came back to the first point
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace ger::render
