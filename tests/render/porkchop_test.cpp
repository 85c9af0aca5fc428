// Contours of known fields, and the porkchop SVG: parses as XML, carries <title>/<desc> and the minimum,
// contour labels never overlap one another, and it rasterises.
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
