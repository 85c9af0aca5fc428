// Contours of known fields, and the porkchop SVG: parses as XML, carries <title>/<desc> and the minimum,
// contour labels never overlap one another, Types I and II are contoured apart, and it rasterises.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <regex>

#include "astro/porkchop.hpp"
#include "render/contour.hpp"
#include "render/png.hpp"
#include "render/porkchop_svg.hpp"

namespace ger::render {
namespace {

TEST(Contour, CircleIsOneClosedLineAtTheRightRadius) {
    const std::size_t n = 41;
    std::vector<float> f(n * n);
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t c = 0; c < n; ++c) f[r * n + c] = static_cast<float>(std::hypot(r - 20.0, c - 20.0));
    }
    const auto lines = contour_lines(f, n, n, 10.0);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines[0].closed);
    for (const auto& p : lines[0].points) EXPECT_NEAR(std::hypot(p.y - 20, p.x - 20), 10.0, 0.1);
}

TEST(Contour, NanGapsSplitLinesAndBadSizesThrow) {
    std::vector<float> f(10 * 10);
    for (std::size_t r = 0; r < 10; ++r) {
        for (std::size_t c = 0; c < 10; ++c) f[r * 10 + c] = static_cast<float>(c);
    }
    EXPECT_EQ(contour_lines(f, 10, 10, 4.5).size(), 1U);
    f[5 * 10 + 4] = std::nanf("");
    EXPECT_EQ(contour_lines(f, 10, 10, 4.5).size(), 2U);
    EXPECT_THROW(contour_lines(f, 9, 10, 1.0), std::invalid_argument);
}

struct Rect {
    double x0, y0, x1, y1;
};

TEST(PorkchopSvg, WellFormedWithTitleDescMinimumAndSeparateLabels) {
    astro::ErfaEphemeris eph;
    astro::PorkchopRequest q;
    q.depart_first = astro::parse_utc_iso8601("2033-03-01");
    q.depart_last = astro::parse_utc_iso8601("2033-06-30");
    q.arrive_first = astro::parse_utc_iso8601("2033-10-01");
    q.arrive_last = astro::parse_utc_iso8601("2034-04-01");
    const auto g = astro::compute_porkchop(q, eph);
    const auto m = astro::porkchop_minimum(g, eph);
    ASSERT_TRUE(m.has_value());
    PorkchopSvgOptions o;
    o.minimum = m->refined;
    const std::string svg = porkchop_svg(g, o);

    xmlDocPtr doc = xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "p.svg", nullptr, XML_PARSE_NONET);
    ASSERT_NE(doc, nullptr) << "not well-formed";
    xmlFreeDoc(doc);
    EXPECT_NE(svg.find("<title id=\"pc-title\">Earth to Mars"), std::string::npos);
    EXPECT_NE(svg.find("<desc id=\"pc-desc\">"), std::string::npos);
    EXPECT_NE(svg.find("Minimum C3 7.70"), std::string::npos);
    EXPECT_NE(svg.find("Depart 2033-04-28, arrive 2034-01-27"), std::string::npos);
    EXPECT_NE(svg.find("Arrival date (UTC)"), std::string::npos);
    EXPECT_NE(svg.find(">Jan 2034<"), std::string::npos);

    // Contour labels: centre and rotation from the transform, size from the text; rotated boxes approximated
    // by their centres' distance against the smaller half-height (labels placed with padding never come this
    // close).
    const std::regex label(R"re(<text class="cl"[^>]*translate\(([-\d.]+) ([-\d.]+)\)[^>]*>([^<]*)<)re");
    std::vector<std::array<double, 2>> centres;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it) {
        centres.push_back({std::stod((*it)[1]), std::stod((*it)[2])});
    }
    EXPECT_GT(centres.size(), 20U);
    for (std::size_t a = 0; a < centres.size(); ++a) {
        for (std::size_t b = a + 1; b < centres.size(); ++b) {
            EXPECT_GT(std::hypot(centres[a][0] - centres[b][0], centres[a][1] - centres[b][1]), 10.0)
                << "labels " << a << " and " << b << " overlap";
        }
    }
    const auto png = std::filesystem::temp_directory_path() / ("ger_porkchop_" + std::to_string(::getpid()) + ".png");
    svg_to_png(svg, png.string(), 96);
    EXPECT_GT(std::filesystem::file_size(png), 10'000U);
    std::filesystem::remove(png);
}

// Handbook convention: each cell is Type I or Type II (prograde arc, transfer angle below or above 180 deg).
// Each type is contoured on its own field, so every C3 line stays inside one type's region; the boundary is
// drawn and both regions are named. A one-type chart has neither the boundary nor the other name.
TEST(PorkchopSvg, TypesAreContouredApartWithTheBoundaryAndRegionNames) {
    astro::ErfaEphemeris eph;
    astro::PorkchopRequest q;
    q.depart_first = astro::parse_utc_iso8601("2033-03-01");
    q.depart_last = astro::parse_utc_iso8601("2033-06-30");
    q.arrive_first = astro::parse_utc_iso8601("2033-10-01");
    q.arrive_last = astro::parse_utc_iso8601("2034-04-01");
    q.depart_step_days = q.second_step_days = 2;
    const auto g = astro::compute_porkchop(q, eph);
    const std::string svg = porkchop_svg(g);
    EXPECT_NE(svg.find(">Type I<"), std::string::npos);
    EXPECT_NE(svg.find(">Type II<"), std::string::npos);
    EXPECT_NE(svg.find("Type I / II boundary"), std::string::npos);
    EXPECT_NE(svg.find("stroke=\"#2e7d32\" stroke-width=\"1.4\""), std::string::npos);

    // Plot frame -> fractional cell indices.
    std::smatch frame;
    ASSERT_TRUE(std::regex_search(svg, frame, std::regex(R"re(<rect fill="none" stroke="#222" stroke-width="1" )re"
                                                          R"re(x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" )re"
                                                          R"re(height="([-\d.]+)")re")));
    const double x0 = std::stod(frame[1]), y0 = std::stod(frame[2]), w = std::stod(frame[3]), h = std::stod(frame[4]);
    const std::size_t nd = g.departure_count(), ns = g.second_count();
    const auto one = g.cells(astro::TransferType::type1).c3_km2_s2;
    const auto two = g.cells(astro::TransferType::type2).c3_km2_s2;
    auto type_at = [&](double x, double y) {
        const auto i = static_cast<std::size_t>(std::lround((x - x0) / w * static_cast<double>(nd - 1)));
        const auto j = static_cast<std::size_t>(std::lround((y0 + h - y) / h * static_cast<double>(ns - 1)));
        const std::size_t k = std::min(i, nd - 1) * ns + std::min(j, ns - 1);
        return !std::isnan(one[k]) ? 1 : !std::isnan(two[k]) ? 2 : 0;
    };
    const std::regex c3_path(R"re(<path fill="none" stroke="#1f4e9c"[^>]* d="([^"]*)")re");
    const std::regex point(R"re([ML]([-\d.]+) ([-\d.]+))re");
    int paths = 0, seen[3] = {0, 0, 0};
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), c3_path); it != std::sregex_iterator(); ++it) {
        const std::string d = (*it)[1];
        int type = -1;
        for (auto p = std::sregex_iterator(d.begin(), d.end(), point); p != std::sregex_iterator(); ++p) {
            const int t = type_at(std::stod((*p)[1]), std::stod((*p)[2]));
            if (type < 0) type = t;
            ASSERT_EQ(t, type) << "C3 line " << paths << " runs from one type's region into the other";
        }
        ASSERT_GT(type, 0);
        ++seen[type];
        ++paths;
    }
    EXPECT_GT(seen[1], 5);
    EXPECT_GT(seen[2], 5);

    PorkchopSvgOptions o;
    o.type = astro::TransferType::type1;
    const std::string only = porkchop_svg(g, o);
    EXPECT_NE(only.find(">Type I<"), std::string::npos);
    EXPECT_EQ(only.find(">Type II<"), std::string::npos);
    EXPECT_EQ(only.find("Type I / II boundary"), std::string::npos);
}

TEST(PorkchopSvg, RejectsMissingTypeAndTinyGrids) {
    astro::ErfaEphemeris eph;
    astro::PorkchopRequest q;
    q.depart_first = astro::parse_utc_iso8601("2033-03-01");
    q.depart_last = astro::parse_utc_iso8601("2033-03-20");
    q.arrive_first = astro::parse_utc_iso8601("2033-10-01");
    q.arrive_last = astro::parse_utc_iso8601("2033-10-20");
    q.type2 = false;
    const auto g = astro::compute_porkchop(q, eph);
    PorkchopSvgOptions o;
    o.type = astro::TransferType::type2;
    EXPECT_THROW(porkchop_svg(g, o), std::invalid_argument);
    q.depart_last = q.depart_first;
    EXPECT_THROW(porkchop_svg(astro::compute_porkchop(q, eph)), std::invalid_argument);
}

}  // namespace
}  // namespace ger::render
