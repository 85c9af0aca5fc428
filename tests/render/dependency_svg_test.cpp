// The dependency graph: the critical path's links, and only those, are highlighted; boxes link to their
// records; precursors stand left of what builds on them; boxes do not overlap; escaping and bad input.
#include "render/dependency_svg.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../analysis/crafted_dataset.hpp"
#include "model/bundled.hpp"
#include "svg_dom.hpp"

namespace ger::render {
namespace {

using namespace testing;

struct Box {
    double x, y, w, h;
};

Box box_of(xmlNode* node) {
    auto* a = child(node, "a");
    auto* rect = a ? child(a, "rect") : nullptr;
    if (!rect) return {0, 0, 0, 0};
    return {std::stod(attribute(rect, "x")), std::stod(attribute(rect, "y")), std::stod(attribute(rect, "width")),
            std::stod(attribute(rect, "height"))};
}

// Kept for a person to look at, as the other chart tests do.
void write_output(const std::string& name, const std::string& svg) {
    const auto dir = std::filesystem::path(GER_BINARY_DIR) / "test-output" / "analysis-pictures";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / name) << svg;
}

std::set<std::string> edges_with(xmlDoc* doc, const std::string& cls) {
    std::set<std::string> out;
    for (auto* e : find_all(doc, "path", cls)) out.insert(attribute(e, "data-from") + ">" + attribute(e, "data-to"));
    return out;
}

TEST(DependencySvg, CriticalPathEdgesAndOnlyThoseHighlighted) {
    const auto data = analysis::testing::crafted_dataset();
    // moon-b -> cap-lander -> moon-crew -> mars-crew (tests/analysis/findings_test.cpp).
    const auto path = analysis::critical_path(data, "mars-crew");
    const auto svg = dependency_svg(data, path);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc) << svg;
    EXPECT_EQ(edges_with(doc.get(), "edge"),
              (std::set<std::string>{"cis-robot>cis-crew", "moon-b>cap-lander", "cap-lander>moon-crew",
                                     "moon-crew>mars-crew"}));
    EXPECT_EQ(edges_with(doc.get(), "critical"),
              (std::set<std::string>{"moon-b>cap-lander", "cap-lander>moon-crew", "moon-crew>mars-crew"}));
    for (auto* e : find_all(doc.get(), "path", "edge")) {
        const bool critical = has_class(e, "critical");
        EXPECT_EQ(attribute(e, "stroke") == "#D55E00", critical) << attribute(e, "data-from");
        EXPECT_EQ(std::stod(attribute(e, "stroke-width")) > 2.0, critical);
    }
    std::set<std::string> critical_nodes;
    std::set<std::string> all_nodes;
    for (auto* n : find_all(doc.get(), "g", "node")) {
        all_nodes.insert(attribute(n, "data-id"));
        if (has_class(n, "critical")) critical_nodes.insert(attribute(n, "data-id"));
    }
    EXPECT_EQ(all_nodes, (std::set<std::string>{"cis-robot", "cis-crew", "moon-b", "cap-lander", "moon-crew",
                                                "mars-crew"}));
    EXPECT_EQ(critical_nodes, (std::set<std::string>{"moon-b", "cap-lander", "moon-crew", "mars-crew"}));

    // Without a path nothing is highlighted, and the precursor links are still drawn.
    const auto plain = parse(dependency_svg(data, std::nullopt));
    ASSERT_TRUE(plain);
    EXPECT_TRUE(find_all(plain.get(), "", "critical").empty());
    EXPECT_EQ(edges_with(plain.get(), "edge"), (std::set<std::string>{"cis-robot>cis-crew", "moon-crew>mars-crew"}));
}

TEST(DependencySvg, NodesLinkToTheirRecords) {
    const auto data = analysis::testing::crafted_dataset();
    const auto doc = parse(dependency_svg(data, analysis::critical_path(data, "mars-crew")));
    ASSERT_TRUE(doc);
    const auto nodes = find_all(doc.get(), "g", "node");
    ASSERT_FALSE(nodes.empty());
    for (auto* n : nodes) {
        auto* a = child(n, "a");
        ASSERT_NE(a, nullptr);
        const auto id = attribute(n, "data-id");
        const auto expected = (has_class(n, "capability") ? "/capabilities/" : "/missions/") + id;
        EXPECT_EQ(attribute(a, "href"), expected);
        EXPECT_NE(child(a, "title"), nullptr);
    }
}

TEST(DependencySvg, PrecursorsStandLeftAndBoxesDoNotOverlap) {
    const auto data = model::bundled_dataset();
    // The bundled roadmap has no dated crewed Mars mission (no default goal), so the path goes to Artemis III.
    const auto path = analysis::critical_path(data, "artemis-3");
    ASSERT_GE(path.steps.size(), 2u);
    const auto svg = dependency_svg(data, path);
    write_output("dependencies-artemis-3.svg", svg);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc);
    std::map<std::string, Box> boxes;
    for (auto* n : find_all(doc.get(), "g", "node")) boxes[attribute(n, "data-id")] = box_of(n);
    ASSERT_GE(boxes.size(), 5u);
    for (auto* e : find_all(doc.get(), "path", "edge")) {
        const auto& from = boxes.at(attribute(e, "data-from"));
        const auto& to = boxes.at(attribute(e, "data-to"));
        EXPECT_LT(from.x + from.w, to.x) << attribute(e, "data-from") << " > " << attribute(e, "data-to");
    }
    for (auto a = boxes.begin(); a != boxes.end(); ++a) {
        for (auto b = std::next(a); b != boxes.end(); ++b) {
            const auto& p = a->second;
            const auto& q = b->second;
            const bool apart = p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y;
            EXPECT_TRUE(apart) << a->first << " overlaps " << b->first;
        }
    }
}

// Points along a path of M, C and L commands (what dependency_svg writes), 20 per segment.
std::vector<std::pair<double, double>> samples(const std::string& d) {
    std::vector<std::pair<double, double>> out;
    std::istringstream in(d);
    std::string token;
    std::vector<double> numbers;
    char command = 0;
    std::pair<double, double> at{0, 0};
    const auto flush = [&] {
        if (command == 'M' && numbers.size() == 2) at = {numbers[0], numbers[1]};
        if (command == 'L' && numbers.size() == 2) {
            for (int i = 0; i <= 20; ++i) {
                const double t = i / 20.0;
                out.push_back({at.first + t * (numbers[0] - at.first), at.second + t * (numbers[1] - at.second)});
            }
            at = {numbers[0], numbers[1]};
        }
        if (command == 'C' && numbers.size() == 6) {
            for (int i = 0; i <= 20; ++i) {
                const double t = i / 20.0;
                const double u = 1 - t;
                const auto mix = [&](double p0, double p1, double p2, double p3) {
                    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
                };
                out.push_back({mix(at.first, numbers[0], numbers[2], numbers[4]),
                               mix(at.second, numbers[1], numbers[3], numbers[5])});
            }
            at = {numbers[4], numbers[5]};
        }
        numbers.clear();
    };
    for (char ch : d) {
        if (ch == 'M' || ch == 'C' || ch == 'L') {
            if (!token.empty()) numbers.push_back(std::stod(token));
            token.clear();
            flush();
            command = ch;
        } else if (ch == ',' || ch == ' ') {
            if (!token.empty()) numbers.push_back(std::stod(token));
            token.clear();
        } else {
            token += ch;
        }
    }
    if (!token.empty()) numbers.push_back(std::stod(token));
    flush();
    return out;
}

TEST(DependencySvg, LongLinksPassNoBoxTheyDoNotConnect) {
    // chain-a -> chain-b -> chain-c -> goal, and lone -> goal: lone's link spans three columns, and its
    // straight line would run under chain-b and chain-c if they shared its row.
    auto data = analysis::testing::crafted_dataset();
    data.missions.clear();
    for (const char* id : {"lone", "chain-a", "chain-b", "chain-c", "goal"}) {
        data.missions.push_back(analysis::testing::mission(id, "A", "Mars", model::MissionKind::robotic, "2030",
                                                           model::MissionStatus::planned, {}));
    }
    data.missions[2].precursors = {"chain-a"};
    data.missions[3].precursors = {"chain-b"};
    data.missions[4].precursors = {"lone", "chain-c"};
    const auto doc = parse(dependency_svg(data, std::nullopt));
    ASSERT_TRUE(doc);
    std::map<std::string, Box> boxes;
    for (auto* n : find_all(doc.get(), "g", "node")) boxes[attribute(n, "data-id")] = box_of(n);
    ASSERT_EQ(boxes.size(), 5u);
    const auto edges = find_all(doc.get(), "path", "edge");
    ASSERT_EQ(edges.size(), 4u);
    for (auto* e : edges) {
        const auto from = attribute(e, "data-from");
        const auto to = attribute(e, "data-to");
        const auto points = samples(attribute(e, "d"));
        ASSERT_GE(points.size(), 21u);
        for (const auto& [id, b] : boxes) {
            if (id == from || id == to) continue;
            for (const auto& [x, y] : points) {
                const bool inside = x > b.x + 1 && x < b.x + b.w - 1 && y > b.y + 1 && y < b.y + b.h - 1;
                EXPECT_FALSE(inside) << from << " > " << to << " passes under " << id << " at " << x << "," << y;
                if (inside) break;
            }
        }
    }
}

TEST(DependencySvg, EscapesNamesAndIds) {
    auto data = analysis::testing::crafted_dataset();
    for (auto& m : data.missions) {
        if (m.id == "cis-robot") m.name = "Rover <A&B> \"one\"";
        if (m.id == "cis-crew") m.precursors = {"cis-robot", "odd id/?"};
    }
    auto odd = data.missions.front();
    odd.id = "odd id/?";
    odd.precursors.clear();
    data.missions.push_back(odd);
    const auto svg = dependency_svg(data, std::nullopt);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc) << svg;
    EXPECT_EQ(svg.find("<A&B>"), std::string::npos);
    bool named = false;
    bool encoded = false;
    for (auto* n : find_all(doc.get(), "g", "node")) {
        auto* a = child(n, "a");
        if (attribute(n, "data-id") == "cis-robot") {
            named = content(child(a, "title")).rfind("Rover <A&B> \"one\":", 0) == 0;
        }
        if (attribute(n, "data-id") == "odd id/?") encoded = attribute(a, "href") == "/missions/odd%20id%2F%3F";
    }
    EXPECT_TRUE(named);
    EXPECT_TRUE(encoded);
}

TEST(DependencySvg, BadInputDoesNotCrash) {
    auto data = analysis::testing::crafted_dataset();
    for (auto& m : data.missions) {
        if (m.id == "moon-a") m.precursors = {"moon-b", "moon-a", "no-such-mission"};
        if (m.id == "moon-b") m.precursors = {"moon-a"};  // a cycle
    }
    const auto doc = parse(dependency_svg(data, std::nullopt));
    ASSERT_TRUE(doc);
    EXPECT_EQ(edges_with(doc.get(), "edge").count("moon-b>moon-a"), 1u);
    EXPECT_EQ(edges_with(doc.get(), "edge").count("moon-a>moon-a"), 0u);

    // A path whose steps the data lacks is drawn under its ids; the node limit keeps the path.
    analysis::CriticalPath path;
    path.goal = "ghost";
    path.steps = {{"ghost-cap", "capability", std::nullopt, std::nullopt, std::nullopt},
                  {"ghost", "mission", std::nullopt, std::nullopt, 0}};
    DependencySvgOptions o;
    o.max_nodes = 2;
    const auto limited = parse(dependency_svg(data, path, o));
    ASSERT_TRUE(limited);
    std::set<std::string> ids;
    for (auto* n : find_all(limited.get(), "g", "node")) ids.insert(attribute(n, "data-id"));
    EXPECT_EQ(ids, (std::set<std::string>{"ghost-cap", "ghost"}));
    EXPECT_EQ(edges_with(limited.get(), "critical"), (std::set<std::string>{"ghost-cap>ghost"}));

    EXPECT_TRUE(parse(dependency_svg(model::Dataset{}, std::nullopt)));
}

}  // namespace
}  // namespace ger::render
