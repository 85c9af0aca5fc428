#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/bundled.hpp"
#include "model/planned_date.hpp"
#include "render/png.hpp"
#include "render/roadmap_chart.hpp"
#include "synthetic_dataset.hpp"

namespace ger::render {
namespace {

// ---- XML helpers (libxml2) ----

struct DocDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Doc = std::unique_ptr<xmlDoc, DocDeleter>;

Doc parse(const std::string& svg) {
    return Doc(xmlReadMemory(svg.data(), static_cast<int>(svg.size()), "chart.svg", "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

std::string attribute(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::string content(xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    std::string out(value != nullptr ? reinterpret_cast<const char*>(value) : "");
    xmlFree(value);
    return out;
}

std::string name_of(xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

template <class F>
void walk(xmlNode* node, F&& visit) {
    for (; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        visit(node);
        walk(node->children, visit);
    }
}

// ---- layout checks ----

struct NamedBox {
    std::string what;
    Box box;
};

// Every box that must stand alone: mission labels and markers, all other text, legend swatches.
std::vector<NamedBox> solid_boxes(const ChartLayout& layout) {
    std::vector<NamedBox> boxes;
    for (const auto& mark : layout.marks) {
        boxes.push_back({"label of " + mark.id, mark.label_box});
        boxes.push_back({"marker of " + mark.id, mark.marker});
    }
    for (const auto& text : layout.texts) boxes.push_back({text.css_class + " '" + text.text + "'", text.box});
    for (const auto& lane : layout.lanes) {
        for (const auto& line : lane.name_lines) boxes.push_back({"lane name '" + line.text + "'", line.box});
    }
    for (std::size_t i = 0; i < layout.swatches.size(); ++i) {
        boxes.push_back({"legend swatch " + std::to_string(i), layout.swatches[i].box});
    }
    return boxes;
}

std::vector<std::string> overlaps(const ChartLayout& layout) {
    std::vector<std::string> problems;
    const auto boxes = solid_boxes(layout);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box& a = boxes[i].box;
        if (a.x < 0 || a.y < 0 || a.right() > layout.width_pt || a.bottom() > layout.height_pt) {
            problems.push_back(boxes[i].what + " leaves the page");
        }
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            if (a.overlaps(boxes[j].box)) problems.push_back(boxes[i].what + " overlaps " + boxes[j].what);
        }
    }
    for (const auto& mark : layout.marks) {
        const Box& lane = layout.lanes.at(mark.lane).box;
        if (mark.label_box.y < lane.y || mark.label_box.bottom() > lane.bottom()) {
            problems.push_back("label of " + mark.id + " leaves its lane");
        }
        if (mark.label_box.x < layout.plot.x || mark.label_box.right() > layout.plot.right()) {
            problems.push_back("label of " + mark.id + " leaves the time axis");
        }
    }
    return problems;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size() && i < 20; ++i) out += lines[i] + "\n";
    return out;
}

model::Dataset packed(int missions, int first_year, int last_year, unsigned seed) {
    testing::SyntheticSpec spec;
    spec.missions = missions;
    spec.first_year = first_year;
    spec.last_year = last_year;
    spec.seed = seed;
    return testing::synthetic_dataset(spec);
}

const MissionMark& mark_of(const ChartLayout& layout, const std::string& id) {
    for (const auto& mark : layout.marks) {
        if (mark.id == id) return mark;
    }
    throw std::runtime_error("no mark for " + id);
}

double day_of(int y, unsigned m, unsigned d) {
    return static_cast<double>(
        std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}
            .time_since_epoch()
            .count());
}

// ---- tests ----

TEST(render_RoadmapChart, SvgIsWellFormedWithTitleAndDescForScreenReaders) {
    const auto data = model::bundled_dataset();
    RoadmapChartOptions options;
    options.title = "Roadmap <draft> & \"notes\"";
    const auto svg = roadmap_svg(data, options);
    const auto doc = parse(svg);
    ASSERT_NE(doc, nullptr) << "the SVG does not parse as XML";
    xmlNode* root = xmlDocGetRootElement(doc.get());
    ASSERT_EQ(name_of(root), "svg");
    ASSERT_NE(root->ns, nullptr);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "http://www.w3.org/2000/svg");
    EXPECT_EQ(attribute(root, "role"), "img");
    EXPECT_EQ(attribute(root, "width"), "420mm");
    EXPECT_NE(attribute(root, "viewBox"), "");

    std::map<std::string, std::string> children;  // first <title>/<desc> child of the root, by id
    std::string first_child;
    for (xmlNode* child = root->children; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (first_child.empty()) first_child = name_of(child);
        if (name_of(child) == "title" || name_of(child) == "desc") children[attribute(child, "id")] = content(child);
    }
    EXPECT_EQ(first_child, "title");
    const std::string labelled_by = attribute(root, "aria-labelledby");
    ASSERT_EQ(labelled_by, "ger-roadmap-title ger-roadmap-desc");
    EXPECT_EQ(children["ger-roadmap-title"], options.title);  // escaped in the file, intact once parsed
    EXPECT_NE(children["ger-roadmap-desc"].find("68 space exploration missions"), std::string::npos)
        << children["ger-roadmap-desc"];
}

void expect_each_public_mission_once(const model::Dataset& data) {
    const auto svg = roadmap_svg(data, RoadmapChartOptions{});
    const auto doc = parse(svg);
    ASSERT_NE(doc, nullptr);
    std::map<std::string, int> seen;
    walk(xmlDocGetRootElement(doc.get()), [&](xmlNode* node) {
        const auto id = attribute(node, "data-mission");
        if (!id.empty()) ++seen[id];
    });
    std::size_t public_missions = 0;
    for (const auto& mission : data.missions) {
        if (mission.visibility && mission.visibility->scope == model::VisibilityScope::public_) {
            ++public_missions;
            EXPECT_EQ(seen.contains(mission.id) ? seen.at(mission.id) : 0, 1) << mission.id;
        } else {
            EXPECT_FALSE(seen.contains(mission.id)) << mission.id << " is not public but is charted";
        }
    }
    EXPECT_EQ(seen.size(), public_missions);
}

TEST(render_RoadmapChart, EveryPublicMissionAppearsExactlyOnce) {
    expect_each_public_mission_once(model::bundled_dataset());
    expect_each_public_mission_once(packed(80, 2025, 2029, 3));
    expect_each_public_mission_once(packed(200, 2026, 2028, 4));
}

TEST(render_RoadmapChart, NothingOverlapsInTheBundledChart) {
    const auto data = model::bundled_dataset();
    const auto layout = layout_roadmap(data, RoadmapChartOptions{});
    EXPECT_EQ(layout.marks.size() + layout.undated.size(), data.missions.size());
    const auto problems = overlaps(layout);
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(render_RoadmapChart, NothingOverlapsWith80And200MissionsPackedIntoFewYears) {
    for (unsigned seed = 1; seed <= 5; ++seed) {
        for (auto [missions, first, last] : {std::tuple{80, 2025, 2029}, std::tuple{200, 2026, 2028}}) {
            const auto data = packed(missions, first, last, seed);
            const auto layout = layout_roadmap(data, RoadmapChartOptions{});
            const auto problems = overlaps(layout);
            EXPECT_TRUE(problems.empty()) << missions << " missions, seed " << seed << ":\n" << joined(problems);
            EXPECT_GT(layout.marks.size(), static_cast<std::size_t>(missions) * 8 / 10);
        }
    }
}

TEST(render_RoadmapChart, OverlapCheckFindsAMovedLabel) {
    auto layout = layout_roadmap(model::bundled_dataset(), RoadmapChartOptions{});
    ASSERT_GE(layout.marks.size(), 2u);
    layout.marks[1].label_box = layout.marks[0].label_box;
    EXPECT_FALSE(overlaps(layout).empty());
    layout = layout_roadmap(model::bundled_dataset(), RoadmapChartOptions{});
    layout.marks[0].label_box.x = layout.marks[0].marker.x;  // onto its own marker
    EXPECT_FALSE(overlaps(layout).empty());
}

TEST(render_RoadmapChart, BundledChartFitsA3LandscapeWithFontsOf7ptOrMore) {
    const auto data = model::bundled_dataset();
    const auto layout = layout_roadmap(data, RoadmapChartOptions{});
    EXPECT_NEAR(layout.width_mm(), 420.0, 1e-9);
    EXPECT_LE(layout.height_mm(), 297.0);
    const auto doc = parse(roadmap_svg(data, layout, RoadmapChartOptions{}));
    ASSERT_NE(doc, nullptr);
    int texts = 0;
    walk(xmlDocGetRootElement(doc.get()), [&](xmlNode* node) {
        if (name_of(node) != "text") return;
        ++texts;
        const auto size = attribute(node, "font-size");
        ASSERT_FALSE(size.empty()) << content(node);
        EXPECT_GE(std::stod(size), 7.0) << content(node);  // user units are points; the page is A3
    });
    EXPECT_GT(texts, 100);
}

TEST(render_RoadmapChart, LanesFollowTheDestinationOrderAndHoldTheirMissions) {
    const auto data = model::bundled_dataset();
    const auto layout = layout_roadmap(data, RoadmapChartOptions{});
    std::vector<std::string> lanes;
    for (const auto& lane : layout.lanes) lanes.push_back(lane.destination);
    EXPECT_EQ(lanes, (std::vector<std::string>{"LEO", "cislunar", "Moon", "NEA", "Mars"}));
    for (const auto& mark : layout.marks) {
        EXPECT_EQ(layout.lanes[mark.lane].destination, data.missions[mark.mission].destination) << mark.id;
        EXPECT_TRUE(layout.lanes[mark.lane].box.overlaps(mark.marker)) << mark.id;
    }
}

TEST(render_RoadmapChart, MarkersSitAtTheLaunchAndYearOnlyDatesMidYear) {
    const auto layout = layout_roadmap(model::bundled_dataset(), RoadmapChartOptions{});
    EXPECT_EQ(layout.first_year, 1998);  // the ISS
    EXPECT_EQ(layout.last_year, 2035);   // the ILRS
    const double year_width = layout.plot.width / (layout.last_year - layout.first_year + 1);
    // artemis-3 launches "2027": the middle of the 2027 column.
    EXPECT_NEAR(mark_of(layout, "artemis-3").x, layout.plot.x + (2027 - 1998 + 0.5) * year_width, 0.05);
    // lro launched 2009-06-18: the middle of that day.
    EXPECT_NEAR(mark_of(layout, "lro").x, layout.x_of_day(day_of(2009, 6, 18) + 0.5), 1e-9);
    EXPECT_NEAR(mark_of(layout, "lro").x,
                layout.plot.x + (2009 - 1998 + (168.5 / 365.0)) * year_width, 0.05);
}

TEST(render_RoadmapChart, UndatedMissionsAreListedNotPlaced) {
    const auto data = model::bundled_dataset();
    const auto layout = layout_roadmap(data, RoadmapChartOptions{});
    std::set<std::string> undated;
    for (auto i : layout.undated) undated.insert(data.missions[i].id);
    EXPECT_EQ(undated, (std::set<std::string>{"selene-2", "arm-robotic", "mars-sample-return"}));
    for (const auto& mark : layout.marks) EXPECT_FALSE(undated.contains(mark.id)) << mark.id;
    int listed = 0;
    for (const auto& text : layout.texts) {
        if (text.css_class == "undated") {
            ++listed;
            EXPECT_TRUE(undated.contains(text.mission_id)) << text.mission_id;
            EXPECT_GE(text.box.y, layout.plot.bottom());  // below the axis
        }
    }
    EXPECT_EQ(listed, 3);
}

TEST(render_RoadmapChart, ShortLabelsDropDetailButKeepAnAcronymOfTheName) {
    const auto layout = layout_roadmap(model::bundled_dataset(), RoadmapChartOptions{});
    EXPECT_EQ(mark_of(layout, "lro").label, "LRO");
    EXPECT_EQ(mark_of(layout, "artemis-3").label, "Artemis III");
    EXPECT_EQ(mark_of(layout, "im-1").label, "IM-1 Odysseus");  // "(CLPS)" is the programme, not an acronym
    EXPECT_EQ(mark_of(layout, "slim").label, "SLIM");
    RoadmapChartOptions full;
    full.short_labels = false;
    full.max_label_width_pt = 1000.0;
    EXPECT_EQ(mark_of(layout_roadmap(model::bundled_dataset(), full), "artemis-3").label,
              "Artemis III (first Artemis crewed landing)");
}

TEST(render_RoadmapChart, AConfiguredRangePinsEarlierLaunchesToTheEdge) {
    RoadmapChartOptions options;
    options.first_year = 2009;
    options.last_year = 2036;
    const auto layout = layout_roadmap(model::bundled_dataset(), options);
    EXPECT_EQ(layout.first_year, 2009);
    EXPECT_EQ(layout.last_year, 2036);
    const auto& iss = mark_of(layout, "iss");
    EXPECT_EQ(iss.clamp, Clamp::before_axis);
    EXPECT_GE(iss.marker.x, layout.plot.x);
    EXPECT_NE(iss.label.find("(1998)"), std::string::npos);
    EXPECT_EQ(mark_of(layout, "lro").clamp, Clamp::none);
    EXPECT_TRUE(overlaps(layout).empty()) << joined(overlaps(layout));
}

TEST(render_RoadmapChart, OnlyLaunchesOutsideTheAxisYearsArePinned) {
    auto data = model::bundled_dataset();
    data.missions.resize(3);
    data.missions[0].launch = model::parse_launch_window("2028-12-31");  // at the very end: nudged, not pinned
    data.missions[1].launch = model::parse_launch_window("2029-01-01");  // after the axis
    data.missions[2].launch = model::parse_launch_window("2020-01-01");  // the first day of the axis
    RoadmapChartOptions options;
    options.first_year = 2020;
    options.last_year = 2028;
    const auto layout = layout_roadmap(data, options);
    const auto& last_day = mark_of(layout, data.missions[0].id);
    EXPECT_EQ(last_day.clamp, Clamp::none);
    EXPECT_LE(last_day.marker.right(), layout.plot.right());
    EXPECT_EQ(last_day.label.find("(20"), std::string::npos);
    EXPECT_EQ(mark_of(layout, data.missions[1].id).clamp, Clamp::after_axis);
    EXPECT_NE(mark_of(layout, data.missions[1].id).label.find("(2029)"), std::string::npos);
    const auto& first_day = mark_of(layout, data.missions[2].id);
    EXPECT_EQ(first_day.clamp, Clamp::none);
    EXPECT_GE(first_day.marker.x, layout.plot.x);
    EXPECT_TRUE(overlaps(layout).empty()) << joined(overlaps(layout));
}

TEST(render_RoadmapChart, RejectsAnInvertedRangeAndATinyPage) {
    RoadmapChartOptions options;
    options.first_year = 2030;
    options.last_year = 2020;
    EXPECT_THROW(layout_roadmap(model::bundled_dataset(), options), std::invalid_argument);
    RoadmapChartOptions tiny;
    tiny.width_mm = 50.0;
    EXPECT_THROW(layout_roadmap(model::bundled_dataset(), tiny), std::invalid_argument);
}

TEST(render_RoadmapChart, EscapesMissionTextAndSurvivesAnEmptyDataset) {
    auto data = model::bundled_dataset();
    data.missions[0].name = "<script>alert('x')</script> & \"quotes\"";
    const auto svg = roadmap_svg(data, RoadmapChartOptions{});
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    const auto doc = parse(svg);
    ASSERT_NE(doc, nullptr);
    bool found = false;
    walk(xmlDocGetRootElement(doc.get()), [&](xmlNode* node) {
        if (attribute(node, "data-mission") == data.missions[0].id) {
            found = content(node).find("<script>alert('x')</script> & \"quotes\"") != std::string::npos;
        }
    });
    EXPECT_TRUE(found);

    model::Dataset empty;
    const auto empty_svg = roadmap_svg(empty, RoadmapChartOptions{});
    EXPECT_NE(parse(empty_svg), nullptr);
}

TEST(render_RoadmapChart, ForAWebPageEachMissionIsOneLinkNamedByItsTooltip) {
    auto data = model::bundled_dataset();
    data.missions[0].name = "A <b>bold</b> & \"quoted\" mission";
    RoadmapChartOptions options;
    options.embedded = true;
    options.mission_link_prefix = "/missions/";
    const auto svg = roadmap_svg(data, options);
    EXPECT_EQ(svg.rfind("<svg", 0), 0u) << "no XML declaration inside a page";
    EXPECT_EQ(svg.find("<style"), std::string::npos) << "the page's stylesheet styles it (style-src 'self')";
    const auto doc = parse(svg);
    ASSERT_NE(doc, nullptr);
    const auto root = xmlDocGetRootElement(doc.get());
    EXPECT_TRUE(attribute(root, "width").empty());
    EXPECT_FALSE(attribute(root, "viewBox").empty());
    std::map<std::string, int> links;
    std::map<std::string, std::string> labels;
    walk(root, [&](xmlNode* node) {
        if (name_of(node) != "a") return;
        const auto href = attribute(node, "href");
        ++links[href];
        labels[href] = attribute(node, "aria-label");
        // The link holds exactly the mission's element, which carries what a filter reads.
        xmlNode* inner = node->children;
        ASSERT_NE(inner, nullptr);
        EXPECT_EQ("/missions/" + attribute(inner, "data-mission"), href);
        EXPECT_FALSE(attribute(inner, "data-kind").empty());
        EXPECT_FALSE(attribute(inner, "data-destination").empty());
    });
    std::size_t charted = 0;
    for (const auto& m : data.missions) {
        if (!m.visibility || m.visibility->scope != model::VisibilityScope::public_) continue;
        ++charted;
        EXPECT_EQ(links["/missions/" + m.id], 1) << m.id;
    }
    EXPECT_EQ(links.size(), charted);
    EXPECT_EQ(attribute(root, "role"), "group") << "an image has no interactive parts";
    // Each name begins with the text the link shows ("LRO"), then the tooltip.
    const auto layout = layout_roadmap(data, options);
    for (const auto& mark : layout.marks) {
        EXPECT_EQ(labels["/missions/" + mark.id].rfind(mark.label, 0), 0u) << mark.id << ": " << labels["/missions/" + mark.id];
    }
    EXPECT_NE(labels["/missions/" + data.missions[0].id].find("A <b>bold</b> & \"quoted\" mission: "), std::string::npos);
    EXPECT_EQ(svg.find("<b>"), std::string::npos);

    // The standalone figure is the same drawing without the links.
    const auto standalone = roadmap_svg(data, RoadmapChartOptions{});
    EXPECT_EQ(standalone.rfind("<?xml", 0), 0u);
    EXPECT_NE(standalone.find("<style>"), std::string::npos);
    EXPECT_EQ(standalone.find("<a "), std::string::npos);
}

// ---- PNG ----

std::pair<int, int> png_size(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char header[24] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (!in || header[1] != 'P' || header[2] != 'N' || header[3] != 'G') return {-1, -1};
    auto be32 = [&](int at) {
        return (header[at] << 24) | (header[at + 1] << 16) | (header[at + 2] << 8) | header[at + 3];
    };
    return {be32(16), be32(20)};  // IHDR width and height
}

class TempDir {
public:
    TempDir() {
        m_path = std::filesystem::temp_directory_path() /
                 ("ger-render-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

TEST(render_Png, HasThePixelSizeOfThePageAtTheDpi) {
    const auto data = model::bundled_dataset();
    const auto layout = layout_roadmap(data, RoadmapChartOptions{});
    const auto svg = roadmap_svg(data, layout, RoadmapChartOptions{});
    TempDir dir;
    for (double dpi : {300.0, 96.0}) {
        const auto path = dir.path() / ("chart-" + std::to_string(static_cast<int>(dpi)) + ".png");
        svg_to_png(svg, path.string(), dpi);
        const auto [width, height] = png_size(path);
        EXPECT_EQ(width, static_cast<int>(std::ceil(layout.width_mm() / 25.4 * dpi - 1e-6))) << dpi;
        EXPECT_EQ(height, static_cast<int>(std::ceil(layout.height_mm() / 25.4 * dpi - 1e-6))) << dpi;
        const auto expected = svg_pixel_size(svg, dpi);
        EXPECT_EQ(width, expected.width);
        EXPECT_EQ(height, expected.height);
    }
    // A3 landscape at 300 dpi is 4961 px wide.
    EXPECT_EQ(svg_pixel_size(svg, 300.0).width, 4961);
}

TEST(render_Png, ReportsBadInput) {
    TempDir dir;
    const auto svg = roadmap_svg(model::bundled_dataset(), RoadmapChartOptions{});
    EXPECT_THROW(svg_to_png(svg, (dir.path() / "a.png").string(), 0.0), std::invalid_argument);
    EXPECT_THROW(svg_to_png("<svg", (dir.path() / "b.png").string(), 96.0), std::runtime_error);
    EXPECT_THROW(svg_to_png(svg, (dir.path() / "missing" / "c.png").string(), 96.0), std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "b.png"));
}

}  // namespace
}  // namespace ger::render
