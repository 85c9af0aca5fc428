// The analysis page's pictures are drawn from the caller's view only: NASA's ESA-only mission t-agencies (given
// a precursor, an objective and a launch here, so that both pictures would show it) is in ESA's heatmaps and dependency
// graph and nowhere in JAXA's, and JAXA's counts do not include it.
#include <regex>

#include "model/bundled.hpp"
#include "server_fixture.hpp"

namespace {

using ger::test::Browser;
using ger::test::ServerFixture;
using nlohmann::json;

class AnalysisPicturesTest : public ServerFixture {};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The page's inline <svg> elements, by their class ("heatmap", "dependency-graph").
std::vector<std::string> pictures(const std::string& page, const std::string& cls) {
    std::vector<std::string> out;
    const std::string open = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"" + cls + "\"";
    for (auto at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
        const auto end = page.find("</svg>", at);
        if (end == std::string::npos) break;
        out.push_back(page.substr(at, end + 6 - at));
    }
    return out;
}

// The count in the agency heatmap's cell for (objective, agency); -1 when there is no such cell.
int cell_count(const std::string& svg, const std::string& objective, const std::string& agency) {
    const std::regex cell("data-row=\"" + objective + "\" data-column=\"" + agency + "\" data-count=\"([0-9]+)\"");
    std::smatch m;
    if (!std::regex_search(svg, m, cell)) return -1;
    return std::stoi(m[1]);
}

TEST_F(AnalysisPicturesTest, DrawnFromTheCallersViewOnly) {
    auto c = client();
    const auto objective = ger::model::bundled_dataset().objectives.front().id;
    auto headers = auth("nasa");
    headers.emplace("If-Match", c.Get("/api/v1/missions/t-agencies", auth("nasa"))->get_header_value("ETag"));
    const json patch{{"precursors", {"t-public"}}, {"objectives", {objective}}, {"launch", "2031"}};
    auto res = c.Patch("/api/v1/missions/t-agencies", headers, patch.dump(), "application/merge-patch+json");
    ASSERT_EQ(res->status, 200) << res->body;

    const auto analysis_of = [&](const std::string& who) {
        Browser b{c, {}};
        EXPECT_EQ(b.login(who, ger::test::test_password)->status, 303);
        const auto page = b.get("/workspace/analysis");
        EXPECT_EQ(page->status, 200);
        return page->body;
    };
    const auto esa = analysis_of("esa");
    const auto jaxa = analysis_of("jaxa");
    for (const auto* page : {&esa, &jaxa}) {
        ASSERT_EQ(pictures(*page, "heatmap").size(), 2u);
        ASSERT_EQ(pictures(*page, "dependency-graph").size(), 1u);
    }

    // ESA reads t-agencies: it is in the graph (with its precursor link) and in a heatmap cell's missions.
    const auto esa_graph = pictures(esa, "dependency-graph")[0];
    EXPECT_TRUE(contains(esa_graph, "href=\"/missions/t-agencies\""));
    EXPECT_TRUE(contains(esa_graph, "data-from=\"t-public\" data-to=\"t-agencies\""));
    EXPECT_TRUE(contains(pictures(esa, "heatmap")[0], "Test mission agencies"));
    EXPECT_TRUE(contains(pictures(esa, "heatmap")[1], "Test mission agencies"));  // by period: launched 2031

    // JAXA does not: no picture names it, links to it or counts it.
    for (const auto& svg : pictures(jaxa, "heatmap")) {
        EXPECT_FALSE(contains(svg, "t-agencies"));
        EXPECT_FALSE(contains(svg, "Test mission agencies"));
    }
    const auto jaxa_graph = pictures(jaxa, "dependency-graph")[0];
    EXPECT_FALSE(contains(jaxa_graph, "t-agencies"));
    EXPECT_FALSE(contains(jaxa_graph, "Test mission agencies"));
    EXPECT_FALSE(contains(jaxa_graph, "/missions/t-public")) << "t-public has no precursor link JAXA may see";
    const int esa_nasa = cell_count(pictures(esa, "heatmap")[0], objective, "NASA");
    const int jaxa_nasa = cell_count(pictures(jaxa, "heatmap")[0], objective, "NASA");
    ASSERT_GE(jaxa_nasa, 0);
    EXPECT_EQ(esa_nasa, jaxa_nasa + 1);
}

}  // namespace
