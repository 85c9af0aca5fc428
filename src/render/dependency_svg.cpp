#include "render/dependency_svg.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "render/detail/svg_writer.hpp"
#include "render/text_metrics.hpp"

namespace ger::render {
namespace {

using detail::SvgWriter;

// Geometry [pt].
constexpr double margin = 12.0;
constexpr double node_width = 190.0;
constexpr double node_height = 52.0;  // two lines of name and one of detail
constexpr double column_gap = 56.0;  // room for the arrows between columns
constexpr double row_gap = 14.0;
constexpr double name_pt = 10.0;
constexpr double detail_pt = 9.5;
constexpr double legend_pt = 10.5;
constexpr double text_pad = 7.0;
constexpr double arrow = 7.0;

// Okabe & Ito's vermillion against a neutral grey: they differ in lightness as well as hue, so the path stays
// apart for every common colour-vision deficiency; the path is also thicker, so colour is not the only cue.
constexpr std::string_view critical_colour = "#D55E00";  // 3.9:1 on white (WCAG 1.4.11 asks 3:1)
constexpr std::string_view edge_colour = "#6B7280";      // 4.8:1 on white
constexpr std::string_view ink = "#1A1A1A";
constexpr std::string_view muted_ink = "#4A5568";        // 7.5:1 on white
constexpr double critical_width = 3.5;
constexpr double edge_width = 1.25;

struct Node {
    std::string id;
    bool capability = false;
    std::string name;
    std::string detail;   // "ESA · 2028"
    std::string tooltip;
    bool critical = false;
    int layer = 0;
    double x = 0;
    double y = 0;
};

struct Edge {
    std::size_t from = 0;
    std::size_t to = 0;
    std::string kind;  // "precursor", "requires" (capability -> mission) or "provides" (mission -> capability)
    bool critical = false;
    std::vector<std::size_t> via{};  // waypoint slots, one per column crossed
};

std::string key_of(bool capability, const std::string& id) { return (capability ? "c:" : "m:") + id; }

int year_of(std::chrono::sys_days day) { return static_cast<int>(std::chrono::year_month_day{day}.year()); }

std::string slack_text(const analysis::PathStep& step) {
    if (!step.slack_days) return "slack unknown";
    return "slack " + std::to_string(*step.slack_days) + " days";
}

// Longest-path columns: a node sits one column right of its rightmost predecessor. Kahn's order, so 20,000
// nodes cost linear time; nodes on a cycle (invalid data) are placed after it by their placed predecessors.
void assign_layers(std::vector<Node>& nodes, const std::vector<Edge>& edges) {
    std::vector<std::vector<std::size_t>> out(nodes.size());
    std::vector<std::size_t> in_degree(nodes.size(), 0);
    for (const auto& e : edges) {
        out[e.from].push_back(e.to);
        ++in_degree[e.to];
    }
    std::vector<bool> placed(nodes.size(), false);
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (in_degree[i] == 0) ready.push_back(i);
    }
    const auto drain = [&] {
        while (!ready.empty()) {
            const std::size_t n = ready.back();
            ready.pop_back();
            placed[n] = true;
            for (const std::size_t s : out[n]) {
                nodes[s].layer = std::max(nodes[s].layer, nodes[n].layer + 1);
                if (--in_degree[s] == 0) ready.push_back(s);
            }
        }
    };
    drain();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (placed[i]) continue;
        in_degree[i] = 0;  // break the cycle here
        ready.push_back(i);
        drain();
    }
}

// A link spanning several columns passes each column between them through a slot of its own (a "virtual"
// slot, Sugiyama et al. 1981), so that it never runs under a box it does not connect.
struct Slot {
    std::optional<std::size_t> node;  // nullopt: a waypoint of a long link
    int layer = 0;
    std::vector<std::size_t> predecessors;  // slots
    double y = 0;       // top [pt]
    double height = 0;  // [pt]
};

constexpr double waypoint_height = 12.0;

// Within each column, order by the mean row of the predecessors (one left-to-right sweep of the barycentre
// heuristic): few crossings for the small graphs roadmaps have, in near-linear time.
std::vector<std::vector<std::size_t>> order_columns(const std::vector<Slot>& slots) {
    int layers = 0;
    for (const auto& s : slots) layers = std::max(layers, s.layer + 1);
    std::vector<std::vector<std::size_t>> columns(static_cast<std::size_t>(layers));
    for (std::size_t i = 0; i < slots.size(); ++i) columns[static_cast<std::size_t>(slots[i].layer)].push_back(i);
    std::vector<double> row(slots.size(), 0);
    for (auto& column : columns) {
        std::vector<std::pair<double, std::size_t>> keyed;
        for (std::size_t k = 0; k < column.size(); ++k) {
            const std::size_t n = column[k];
            double sum = 0;
            int count = 0;
            for (const std::size_t p : slots[n].predecessors) {
                if (slots[p].layer < slots[n].layer) {
                    sum += row[p];
                    ++count;
                }
            }
            keyed.push_back({count ? sum / count : static_cast<double>(k), n});
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t k = 0; k < keyed.size(); ++k) {
            column[k] = keyed[k].second;
            row[column[k]] = static_cast<double>(k);
        }
    }
    return columns;
}

void write_marker(SvgWriter& w, const std::string& id, std::string_view colour) {
    w.raw("<marker");
    w.attr("id", id);
    w.raw(" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\"");
    w.attr("markerWidth", arrow + 2);
    w.attr("markerHeight", arrow + 2);
    w.raw(" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"");
    w.attr("fill", colour);
    w.raw("/></marker>");
}

}  // namespace

std::string dependency_svg(const model::Dataset& data, const std::optional<analysis::CriticalPath>& path,
                           const DependencySvgOptions& options) {
    std::unordered_map<std::string, const model::Mission*> missions;
    for (const auto& m : data.missions) missions.emplace(m.id, &m);
    std::unordered_map<std::string, const model::Capability*> capabilities;
    for (const auto& c : data.capabilities) capabilities.emplace(c.id, &c);

    // Which records are drawn: the critical path first (it must survive the node limit), then every mission in
    // a precursor link, in data set order.
    std::vector<std::pair<bool, std::string>> wanted;  // (capability, id)
    std::set<std::string> seen;
    const auto want = [&](bool capability, const std::string& id) {
        if (seen.insert(key_of(capability, id)).second) wanted.push_back({capability, id});
    };
    if (path) {
        for (const auto& s : path->steps) want(s.record_kind == "capability", s.id);
    }
    for (const auto& m : data.missions) {
        for (const auto& p : m.precursors) {
            if (!missions.count(p) || p == m.id) continue;
            want(false, p);
            want(false, m.id);
        }
    }
    const std::size_t candidates = wanted.size();
    if (wanted.size() > options.max_nodes) wanted.resize(options.max_nodes);

    std::vector<Node> nodes;
    std::unordered_map<std::string, std::size_t> index;
    for (const auto& [capability, id] : wanted) {
        Node n;
        n.id = id;
        n.capability = capability;
        n.name = id;
        if (capability) {
            const auto it = capabilities.find(id);
            std::string when = "readiness not dated";
            if (it != capabilities.end()) {
                const auto& c = *it->second;
                if (!c.name.empty()) n.name = c.name;
                if (c.readiness) when = "ready " + c.readiness->to_string();
                n.detail = "capability · " + c.provider + (c.readiness ? " · " + std::to_string(year_of(c.readiness->first_day())) : "");
                n.tooltip = n.name + ": capability of " + c.provider + ", " + when;
            } else {
                n.detail = "capability";
                n.tooltip = n.name + ": capability";
            }
        } else {
            const auto it = missions.find(id);
            if (it != missions.end()) {
                const auto& m = *it->second;
                if (!m.name.empty()) n.name = m.name;
                n.detail = m.lead_agency + (m.launch ? " · " + std::to_string(year_of(m.launch->earliest())) : " · undated");
                n.tooltip = n.name + ": " + m.lead_agency + ", " + m.destination + ", launch " +
                            (m.launch ? m.launch->to_string() : std::string("not dated")) + ", " +
                            std::string(model::to_string(m.status));
            } else {
                n.tooltip = n.name;
            }
        }
        index.emplace(key_of(capability, id), nodes.size());
        nodes.push_back(std::move(n));
    }

    std::vector<Edge> edges;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> edge_at;
    for (const auto& m : data.missions) {
        const auto to = index.find(key_of(false, m.id));
        if (to == index.end()) continue;
        for (const auto& p : m.precursors) {
            const auto from = index.find(key_of(false, p));
            if (from == index.end() || from->second == to->second) continue;
            if (edge_at.emplace(std::pair{from->second, to->second}, edges.size()).second) {
                edges.push_back({from->second, to->second, "precursor", false});
            }
        }
    }
    // The path's own links: a precursor link already drawn, or the capability a mission requires / provides.
    if (path) {
        for (std::size_t i = 0; i + 1 < path->steps.size(); ++i) {
            const auto& a = path->steps[i];
            const auto& b = path->steps[i + 1];
            const auto from = index.find(key_of(a.record_kind == "capability", a.id));
            const auto to = index.find(key_of(b.record_kind == "capability", b.id));
            if (from == index.end() || to == index.end()) continue;
            auto [at, inserted] = edge_at.emplace(std::pair{from->second, to->second}, edges.size());
            if (inserted) {
                edges.push_back({from->second, to->second,
                                 a.record_kind == "capability" ? "requires" : b.record_kind == "capability" ? "provides"
                                                                                                           : "precursor",
                                 false});
            }
            edges[at->second].critical = true;
            nodes[from->second].critical = true;
            nodes[to->second].critical = true;
        }
        if (!path->steps.empty()) {
            const auto& goal = path->steps.back();
            if (const auto it = index.find(key_of(goal.record_kind == "capability", goal.id)); it != index.end()) {
                nodes[it->second].critical = true;
            }
        }
        for (const auto& s : path->steps) {
            const auto it = index.find(key_of(s.record_kind == "capability", s.id));
            if (it == index.end()) continue;
            auto& n = nodes[it->second];
            n.tooltip += "; on the critical path to " + path->goal + ", " + slack_text(s);
        }
    }

    assign_layers(nodes, edges);
    std::vector<Slot> slots;
    for (const auto& n : nodes) slots.push_back({std::size_t{0}, n.layer, {}, 0, node_height});
    for (std::size_t i = 0; i < nodes.size(); ++i) slots[i].node = i;
    for (auto& e : edges) {
        std::size_t previous = e.from;
        for (int layer = nodes[e.from].layer + 1; layer < nodes[e.to].layer; ++layer) {
            slots.push_back({std::nullopt, layer, {previous}, 0, waypoint_height});
            previous = slots.size() - 1;
            e.via.push_back(previous);
        }
        slots[e.to].predecessors.push_back(previous);
    }
    const auto columns = order_columns(slots);
    const double top = margin;
    double graph_height = 0;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        double y = top;
        for (const std::size_t at : columns[k]) {
            slots[at].y = y;
            y += slots[at].height + row_gap;
            if (slots[at].node) {
                nodes[*slots[at].node].x = margin + static_cast<double>(k) * (node_width + column_gap);
                nodes[*slots[at].node].y = slots[at].y;
            }
        }
        graph_height = std::max(graph_height, y - row_gap - top);
    }
    if (nodes.empty()) graph_height = legend_pt * line_height_em;
    const auto column_x = [&](int layer) { return margin + static_cast<double>(layer) * (node_width + column_gap); };
    const double graph_width = columns.empty() ? 0.0
                                               : static_cast<double>(columns.size()) * (node_width + column_gap) - column_gap;

    std::string goal_name;
    if (path) {
        goal_name = path->goal;
        if (const auto it = missions.find(path->goal); it != missions.end() && !it->second->name.empty()) {
            goal_name = it->second->name;
        }
    }
    const std::string title = !options.title.empty() ? options.title
                              : path ? "Dependencies and the critical path to " + goal_name
                                     : std::string("Mission dependencies");
    std::size_t precursor_links = 0;
    for (const auto& e : edges) precursor_links += e.kind == "precursor" ? 1 : 0;
    std::string desc = "Directed graph of " + std::to_string(nodes.size()) + " records and " +
                       std::to_string(precursor_links) +
                       " precursor links, arranged left to right so that each mission stands right of the "
                       "missions it builds on. ";
    if (nodes.size() < candidates) {
        desc += "Only " + std::to_string(nodes.size()) + " of " + std::to_string(candidates) +
                " records are drawn. ";
    }
    if (path) {
        desc += "The critical path to " + goal_name + " has " + std::to_string(path->steps.size()) + " steps:";
        for (std::size_t i = 0; i < path->steps.size(); ++i) {
            const auto& s = path->steps[i];
            std::string name = s.id;
            if (const auto it = index.find(key_of(s.record_kind == "capability", s.id)); it != index.end()) {
                name = nodes[it->second].name;
            }
            desc += (i == 0 ? " " : ", then ") + name;
        }
        desc += "; it is drawn with thick vermillion arrows and outlines.";
    } else {
        desc += "There is no goal mission, so no critical path.";
    }
    const double legend_y = top + graph_height + 20.0;
    const double legend_height = 18.0;
    const double legend_width = 560.0;
    const double width = std::max(graph_width, legend_width) + 2 * margin;
    const double height = legend_y + legend_height + margin;

    const std::string title_id = options.id_prefix + "-title";
    const std::string desc_id = options.id_prefix + "-desc";
    const std::string arrow_id = options.id_prefix + "-arrow";
    const std::string critical_arrow_id = options.id_prefix + "-arrow-critical";
    SvgWriter w;
    w.out.reserve(4096 + nodes.size() * 700 + edges.size() * 200);
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"dependency-graph\"");
    w.attr("id", options.id_prefix);
    w.attr("width", width);
    w.attr("height", height);
    w.raw(" viewBox=\"0 0 ");
    w.num(width);
    w.raw(" ");
    w.num(height);
    // NOTE: a group, not an image: an image's children are presentational, and these boxes are links.
    w.raw("\" role=\"group\"");
    w.attr("aria-labelledby", title_id);
    w.attr("aria-describedby", desc_id);
    w.attr("font-family", chart_font_family);
    w.title_and_desc(title_id, title, desc_id, desc);
    w.raw("<defs>");
    write_marker(w, arrow_id, edge_colour);
    write_marker(w, critical_arrow_id, critical_colour);
    w.raw("</defs>\n<rect x=\"0\" y=\"0\"");
    w.attr("width", width);
    w.attr("height", height);
    w.raw(" fill=\"#FFFFFF\"/>\n");
    if (nodes.empty()) {
        w.raw("<text");
        w.attr("x", margin);
        w.attr("y", top + legend_pt * ascent_em);
        w.attr("font-size", legend_pt);
        w.attr("fill", muted_ink);
        w.raw(">No mission names a precursor.</text>\n");
    }

    // Ordinary links first, so the critical path is drawn over them.
    for (const bool critical : {false, true}) {
        for (const auto& e : edges) {
            if (e.critical != critical) continue;
            const auto& a = nodes[e.from];
            const auto& b = nodes[e.to];
            // From the source's right side, through each waypoint (straight across its column), to the target's
            // left side; curves between columns.
            std::string d = "M";
            double x = a.x + node_width;
            double y = a.y + node_height / 2;
            append_number(d, x);
            d += ',';
            append_number(d, y);
            const auto point = [&](double px, double py) {
                d += ' ';
                append_number(d, px);
                d += ',';
                append_number(d, py);
            };
            const auto curve_to = [&](double x2, double y2) {
                const double bend = std::max(column_gap / 2, (x2 - x) / 2);
                d += " C";
                point(x + bend, y);
                point(x2 - bend, y2);
                point(x2, y2);
                x = x2;
                y = y2;
            };
            for (const std::size_t at : e.via) {
                const auto& slot = slots[at];
                curve_to(column_x(slot.layer), slot.y + slot.height / 2);
                x = column_x(slot.layer) + node_width;
                d += " L";
                point(x, y);
            }
            curve_to(b.x, b.y + node_height / 2);
            w.raw("<path");
            w.attr("class", critical ? "edge " + e.kind + " critical" : "edge " + e.kind);
            w.attr("data-from", a.id);
            w.attr("data-to", b.id);
            w.attr("d", d);
            w.raw(" fill=\"none\"");
            w.attr("stroke", critical ? critical_colour : edge_colour);
            w.attr("stroke-width", critical ? critical_width : edge_width);
            if (e.kind != "precursor") w.raw(" stroke-dasharray=\"6 3\"");
            w.attr("marker-end", "url(#" + (critical ? critical_arrow_id : arrow_id) + ")");
            w.raw("/>\n");
        }
    }

    for (const auto& n : nodes) {
        w.raw("<g");
        w.attr("class", std::string("node ") + (n.capability ? "capability" : "mission") + (n.critical ? " critical" : ""));
        w.attr("data-id", n.id);
        w.raw("><a");
        w.attr("href", std::string(n.capability ? "/capabilities/" : "/missions/") + detail::path_segment(n.id));
        w.raw("><title>");
        w.text(n.tooltip);
        w.raw("</title><rect");
        w.attr("x", n.x);
        w.attr("y", n.y);
        w.attr("width", node_width);
        w.attr("height", node_height);
        w.attr("rx", n.capability ? 0.0 : 6.0);
        w.attr("fill", n.capability ? "#F3F4F6" : "#FFFFFF");
        w.attr("stroke", n.critical ? critical_colour : edge_colour);
        w.attr("stroke-width", n.critical ? critical_width : edge_width);
        if (n.capability) w.raw(" stroke-dasharray=\"6 3\"");
        w.raw("/><text");
        w.attr("x", n.x + text_pad);
        w.attr("y", n.y + 5.0 + name_pt * ascent_em);
        w.attr("font-size", name_pt);
        w.raw(" font-weight=\"bold\"");
        w.attr("fill", ink);
        w.raw(">");
        const auto lines = wrap_text(n.name, name_pt, node_width - 2 * text_pad, 2, FontWeight::bold);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            w.raw("<tspan");
            w.attr("x", n.x + text_pad);
            if (i > 0) w.attr("dy", name_pt * line_height_em);
            w.raw(">");
            w.text(lines[i]);
            w.raw("</tspan>");
        }
        w.raw("</text><text");
        w.attr("x", n.x + text_pad);
        w.attr("y", n.y + node_height - 6.0);
        w.attr("font-size", detail_pt);
        w.attr("fill", muted_ink);
        w.raw(">");
        w.text(fit_text(n.detail, detail_pt, node_width - 2 * text_pad));
        w.raw("</text></a></g>\n");
    }

    // Legend: the two kinds of link and the two kinds of box.
    w.raw("<g class=\"legend\"");
    w.attr("font-size", legend_pt);
    w.attr("fill", ink);
    w.raw(">");
    double x = margin;
    const double mid = legend_y + legend_height / 2;
    const auto line_item = [&](std::string_view colour, double stroke_width, const std::string& marker,
                               std::string_view label) {
        w.raw("<line");
        w.attr("x1", x);
        w.attr("y1", mid);
        w.attr("x2", x + 34.0);
        w.attr("y2", mid);
        w.attr("stroke", colour);
        w.attr("stroke-width", stroke_width);
        w.attr("marker-end", "url(#" + marker + ")");
        w.raw("/><text");
        w.attr("x", x + 40.0);
        w.attr("y", mid + legend_pt * 0.36);
        w.raw(">");
        w.text(label);
        w.raw("</text>");
        x += 40.0 + text_width(label, legend_pt) + 18.0;
    };
    line_item(critical_colour, critical_width, critical_arrow_id, "critical path");
    line_item(edge_colour, edge_width, arrow_id, "builds on (precursor)");
    w.raw("<rect");
    w.attr("x", x);
    w.attr("y", mid - 7.0);
    w.raw(" width=\"22\" height=\"14\" fill=\"#F3F4F6\"");
    w.attr("stroke", edge_colour);
    w.raw(" stroke-dasharray=\"6 3\"/><text");
    w.attr("x", x + 28.0);
    w.attr("y", mid + legend_pt * 0.36);
    w.raw(">capability (dashed: requires or provides)</text></g>\n</svg>\n");
    return std::move(w.out);
}

}  // namespace ger::render
