// The coverage heatmap: one cell per (objective, column) with its count and missions in its <title>, colour
// classes that darken with the count, readable counts, wrapped labels, escaping, and bad input.
#include "render/coverage_svg.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "../analysis/crafted_dataset.hpp"
#include "model/bundled.hpp"
#include "render/text_metrics.hpp"
#include "svg_dom.hpp"

namespace ger::render {
namespace {

using namespace testing;

analysis::AnalysisOptions options() {
    analysis::AnalysisOptions o;
    o.today_year = 2026;
    o.horizon_year = 2040;
    return o;
}

double luminance(const std::string& hex) {
    const auto channel = [&](std::size_t at) {
        const double v = std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

double contrast(const std::string& a, const std::string& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::map<std::string, xmlNode*> cells_by_key(xmlDoc* doc) {
    std::map<std::string, xmlNode*> out;
    for (auto* cell : find_all(doc, "g", "cell")) {
        out[attribute(cell, "data-row") + "/" + attribute(cell, "data-column")] = cell;
    }
    return out;
}

TEST(CoverageSvg, OneCellPerObjectiveAndAgencyWithItsCount) {
    const auto data = analysis::testing::crafted_dataset();
    const auto coverage = analysis::coverage(data, options());
    const auto svg = coverage_svg(coverage, data);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc) << svg;
    const auto cells = find_all(doc.get(), "g", "cell");
    EXPECT_EQ(cells.size(), 4u * 3u);  // o1..o4 x A, B, C, empty ones included
    const auto by_key = cells_by_key(doc.get());
    EXPECT_EQ(by_key.size(), cells.size()) << "a (row, column) pair drawn twice";
    // Worked out by hand in tests/analysis/findings_test.cpp: A takes part in five o1 missions.
    ASSERT_TRUE(by_key.count("o1/A"));
    const auto o1_a = content(child(by_key.at("o1/A"), "title"));
    EXPECT_EQ(o1_a.rfind("o1 — A: 5 missions: leo-station, cis-robot, cis-crew, nea-crew, mars-crew", 0), 0u) << o1_a;
    EXPECT_EQ(content(child(by_key.at("o2/B"), "title")), "o2 — B: 1 mission: moon-b");
    EXPECT_EQ(content(child(by_key.at("o3/A"), "title")), "o3 — A: no missions");  // only a cancelled one
    EXPECT_EQ(content(child(by_key.at("o1/C"), "title")).rfind("o1 — C: 1 mission", 0), 0u);
    for (auto* cell : cells) {
        const auto count = attribute(cell, "data-count");
        auto* text = child(cell, "text");
        if (count == "0") {
            EXPECT_EQ(text, nullptr);
        } else {
            ASSERT_NE(text, nullptr);
            EXPECT_EQ(content(text), count);  // the count is written, not only coloured
        }
    }
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("aria-labelledby=\"coverage-title coverage-desc\""), std::string::npos);
    EXPECT_EQ(svg.find("<?xml"), std::string::npos) << "must be inlinable in HTML";
    EXPECT_EQ(svg.find("style"), std::string::npos) << "the portal's CSP forbids inline styles";
}

TEST(CoverageSvg, PeriodColumnsCountEachMissionOnce) {
    auto data = analysis::testing::crafted_dataset();
    for (auto& m : data.missions) {
        if (m.id == "moon-crew") m.partners = {"A", "B"};
    }
    const auto coverage = analysis::coverage(data, options());
    CoverageSvgOptions o;
    o.columns = CoverageColumns::period;
    o.id_prefix = "by-period";
    const auto svg = coverage_svg(coverage, data, o);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc);
    EXPECT_EQ(find_all(doc.get(), "g", "cell").size(), 4u * 6u);  // 2010-2014 ... 2035-2039
    const auto by_key = cells_by_key(doc.get());
    ASSERT_TRUE(by_key.count("o1/2030"));
    // moon-crew (three agencies) and nea-crew: two missions, not four.
    EXPECT_EQ(content(child(by_key.at("o1/2030"), "title")), "o1 — 2030–2034: 2 missions: moon-crew, nea-crew");
    EXPECT_NE(svg.find("id=\"by-period-title\""), std::string::npos);
    EXPECT_EQ(svg.find("id=\"coverage-title\""), std::string::npos);
}

TEST(CoverageSvg, DarkerForMoreAndCountsReadable) {
    const auto data = model::bundled_dataset();
    const auto coverage = analysis::coverage(data, options());
    const auto svg = coverage_svg(coverage, data);
    const auto dir = std::filesystem::path(GER_BINARY_DIR) / "test-output" / "analysis-pictures";  // for a person to look at
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "coverage-by-agency.svg") << svg;
    CoverageSvgOptions by_period;
    by_period.columns = CoverageColumns::period;
    std::ofstream(dir / "coverage-by-period.svg") << coverage_svg(coverage, data, by_period);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc);
    std::map<int, double> lightest_for;  // count -> the lightest fill's luminance drawn for it
    std::map<int, double> darkest_for;
    int max_count = 0;
    for (auto* cell : find_all(doc.get(), "g", "cell")) {
        const int n = std::stoi(attribute(cell, "data-count"));
        auto* rect = child(cell, "rect");
        ASSERT_NE(rect, nullptr);
        const auto fill = attribute(rect, "fill");
        const double l = luminance(fill);
        lightest_for[n] = lightest_for.count(n) ? std::max(lightest_for[n], l) : l;
        darkest_for[n] = darkest_for.count(n) ? std::min(darkest_for[n], l) : l;
        max_count = std::max(max_count, n);
        if (n > 0) {
            auto* text = child(cell, "text");
            ASSERT_NE(text, nullptr);
            EXPECT_GE(contrast(attribute(text, "fill"), fill), 4.5) << fill;  // WCAG AA for text
        }
    }
    ASSERT_GE(max_count, 3) << "the bundled roadmap should give several classes";
    for (auto it = std::next(darkest_for.begin()); it != darkest_for.end(); ++it) {
        EXPECT_GE(std::prev(it)->second, lightest_for[it->first] - 1e-12) << "count " << it->first << " is lighter";
    }
    // The legend: a swatch per class and one for empty cells.
    const auto legend = find_all(doc.get(), "g", "legend");
    ASSERT_EQ(legend.size(), 1u);
    int swatches = 0;
    walk(legend[0]->children, [&](xmlNode* n) { swatches += name_of(n) == "rect" ? 1 : 0; });
    // Classes 1, 2, 3-4, 5-8, ... (at most six), and one for empty cells.
    const int classes = std::min(6, 1 + static_cast<int>(std::ceil(std::log2(max_count))));
    EXPECT_EQ(swatches, classes + 1);
}

TEST(CoverageSvg, LongTitlesWrapWithinTheLabelColumn) {
    auto data = analysis::testing::crafted_dataset();
    data.objectives[0].title =
        "Develop the exploration technologies and capabilities that a sustained human presence beyond low Earth "
        "orbit will need, and then some more words";
    const auto doc = parse(coverage_svg(analysis::coverage(data, options()), data));
    ASSERT_TRUE(doc);
    const auto rows = find_all(doc.get(), "g", "row");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(content(child(rows[0], "title")), data.objectives[0].title);  // the full text for tooltips
    std::vector<std::string> lines;
    walk(rows[0]->children, [&](xmlNode* n) {
        if (name_of(n) == "tspan") lines.push_back(content(n));
    });
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].rfind("Develop the exploration", 0), 0u);
    EXPECT_EQ(lines[1].substr(lines[1].size() - 3), "…");
    for (const auto& line : lines) EXPECT_LE(text_width(line, 11.0), 250.0) << line;
}

TEST(CoverageSvg, EscapesNames) {
    auto data = analysis::testing::crafted_dataset();
    data.objectives[1].title = "Water <ice> & \"volatiles\"";
    for (auto& m : data.missions) {
        if (m.id == "moon-a") m.name = "Rover <A&B> \"one\"";
    }
    const auto svg = coverage_svg(analysis::coverage(data, options()), data);
    const auto doc = parse(svg);
    ASSERT_TRUE(doc) << svg;
    const auto by_key = cells_by_key(doc.get());
    EXPECT_EQ(content(child(by_key.at("o2/A"), "title")), "Water <ice> & \"volatiles\" — A: 1 mission: Rover <A&B> \"one\"");
    EXPECT_EQ(svg.find("<A&B>"), std::string::npos);
}

TEST(CoverageSvg, BadInputDoesNotCrash) {
    const auto data = analysis::testing::crafted_dataset();
    auto coverage = analysis::coverage(data, options());
    coverage.cells.push_back({"no-such-objective", "A", 3, {}, {"x", "y", "z"}});
    coverage.cells.push_back({"o1", "no-such-agency", 1, {}, {"x"}});
    coverage.period_cells.push_back({"o1", 99, {"x"}});
    for (const auto columns : {CoverageColumns::agency, CoverageColumns::period}) {
        CoverageSvgOptions o;
        o.columns = columns;
        const auto doc = parse(coverage_svg(coverage, data, o));
        ASSERT_TRUE(doc);
        for (auto* cell : find_all(doc.get(), "g", "cell")) {
            EXPECT_NE(attribute(cell, "data-row"), "no-such-objective");
            EXPECT_NE(attribute(cell, "data-column"), "no-such-agency");
        }
    }
    const auto empty = parse(coverage_svg(analysis::Coverage{}, model::Dataset{}));
    ASSERT_TRUE(empty);
    EXPECT_TRUE(find_all(empty.get(), "g", "cell").empty());
}

}  // namespace
}  // namespace ger::render
