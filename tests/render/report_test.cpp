// The edition report: what a reader finds in the PDF (pdftotext), its pages (pdfinfo, pdftoppm PNGs kept in
// <build>/test-output/report for a look), the HTML page's self-containment, the 300 dpi chart.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "analysis/analysis.hpp"
#include "analysis/edition.hpp"
#include "model/bundled.hpp"
#include "render/png.hpp"
#include "render/report.hpp"

namespace ger::render {
namespace {

namespace fs = std::filesystem;

fs::path output_dir() {
    const fs::path dir = fs::path(GER_BINARY_DIR) / "test-output" / "report";
    fs::create_directories(dir);
    return dir;
}

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

bool have_poppler() { return !run("command -v pdftotext pdfinfo pdftoppm").empty(); }

model::Dataset current_snapshot() {
    model::Edition e;
    e.name = "2026";
    e.title = "The Global Exploration Roadmap (test edition)";
    e.published = std::chrono::year{2026} / 11 / 26;
    e.signatories = {"NASA", "ESA", "JAXA"};
    e.scenario = "From the ISS to the Moon and Mars, step by step.";
    return analysis::edition_snapshot(model::bundled_dataset(), e);
}

std::string write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path.string();
}

// pdftotext joins words across the page width; collapse whitespace so a title wrapped in two lines still matches.
std::string normalised(std::string text) {
    text = std::regex_replace(text, std::regex("\\s+"), " ");
    return text;
}

TEST(Report, PdfHoldsTitleGoalsAndEveryDestination) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils not installed";
    const auto snapshot = current_snapshot();
    analysis::AnalysisOptions options;
    options.today_year = 2026;
    const auto a = analysis::analyze(snapshot, options);
    const std::string pdf = report_pdf({snapshot, a});
    ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
    const auto dir = output_dir();
    const auto file = write(dir / "edition-2026.pdf", pdf);

    const std::string text = normalised(run("pdftotext -layout '" + file + "' -"));
    EXPECT_NE(text.find(normalised(snapshot.editions[0].title)), std::string::npos);
    for (const auto& g : snapshot.goals) EXPECT_NE(text.find(g.title), std::string::npos) << g.title;
    for (const auto& d : snapshot.destinations) {
        EXPECT_NE(text.find(d.name + " ("), std::string::npos) << d.code;  // "Mars and its moons (14 missions)"
    }
    for (const char* section : {"Summary", "The common goals and objectives", "The mission scenario", "The roadmap",
                                "Missions per destination", "Coverage and findings", "Participating agencies"}) {
        EXPECT_NE(text.find(section), std::string::npos) << section;
    }
    EXPECT_NE(text.find("step by step"), std::string::npos);  // the scenario

    const std::string info = run("pdfinfo '" + file + "'");
    std::smatch pages;
    ASSERT_TRUE(std::regex_search(info, pages, std::regex("Pages:\\s+(\\d+)")));
    const int page_count = std::stoi(pages[1]);
    EXPECT_GE(page_count, 8);
    EXPECT_LE(page_count, 12);
    EXPECT_NE(info.find("595 x 842 pts (A4)"), std::string::npos);

    for (const auto& old : fs::directory_iterator(dir)) {
        if (old.path().filename().string().rfind("page-", 0) == 0) fs::remove(old.path());
    }
    run("pdftoppm -r 72 -png '" + file + "' '" + (dir / "page").string() + "'");
    int pngs = 0;
    for (const auto& f : fs::directory_iterator(dir)) pngs += f.path().filename().string().rfind("page-", 0) == 0;
    EXPECT_EQ(pngs, page_count);
    RecordProperty("pages", page_count);
}

TEST(Report, ChartIsVectorInThePdf) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils not installed";
    const auto snapshot = current_snapshot();
    const auto a = analysis::analyze(snapshot, {});
    const auto file = write(output_dir() / "edition-2026-vector.pdf", report_pdf({snapshot, a}));
    // Mission labels of the chart are text in the PDF (an embedded raster would hold none), and the PDF holds
    // no raster image at all.
    const std::string text = run("pdftotext -f 4 -l 4 '" + file + "' -");
    EXPECT_NE(text.find("Artemis"), std::string::npos);
    const std::string images = run("pdfimages -list '" + file + "' 2>/dev/null");
    if (!images.empty()) {
        EXPECT_EQ(std::count(images.begin(), images.end(), '\n'), 2) << images;  // header lines only
    }
}

TEST(Report, HtmlIsSelfContained) {
    const auto snapshot = current_snapshot();
    const auto a = analysis::analyze(snapshot, {});
    const std::string html = report_html({snapshot, a});
    write(output_dir() / "edition-2026.html", html);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("<svg"), std::string::npos);
    for (const char* external : {"<script", "<link", "src=", "@import", "http:", "https:"}) {
        if (std::string(external).rfind("http", 0) == 0) {
            // the only URLs allowed are XML namespace names, which are never fetched
            const std::string stripped = std::regex_replace(html, std::regex("xmlns(:\\w+)?=\"[^\"]*\""), "");
            EXPECT_EQ(stripped.find(external), std::string::npos) << external;
        } else {
            EXPECT_EQ(html.find(external), std::string::npos) << external;
        }
    }
    // References stay inside the page: url(#pattern) and href="#id" only.
    EXPECT_FALSE(std::regex_search(html, std::regex("url\\((?!#)"))) << "url( to outside";
    EXPECT_FALSE(std::regex_search(html, std::regex("href=\"(?!#)"))) << "href to outside";
    // Every public mission is on the chart once.
    for (const auto& m : snapshot.missions) {
        const std::string attribute = "data-mission=\"" + m.id + "\"";
        const auto first = html.find(attribute);
        EXPECT_NE(first, std::string::npos) << m.id;
        EXPECT_EQ(html.find(attribute, first + 1), std::string::npos) << m.id;
    }
    for (const auto& g : snapshot.goals) EXPECT_NE(html.find(g.title), std::string::npos);
}

TEST(Report, ChartPngAt300Dpi) {
    const auto svg = report_chart_svg(current_snapshot());
    const auto size = svg_pixel_size(svg, 300.0);
    EXPECT_EQ(size.width, 4961);  // 420 mm at 300 dpi, rounded up
    const auto file = (output_dir() / "chart-300dpi.png").string();
    svg_to_png(svg, file, 300.0);
    std::ifstream in(file, std::ios::binary);
    std::array<unsigned char, 24> header{};
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    const unsigned width = (header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19];
    EXPECT_EQ(width, 4961u);
}

TEST(Report, PublishFilesAreTheFourArtefacts) {
    const auto files = publish_files(current_snapshot());
    ASSERT_EQ(files.size(), 4u);
    EXPECT_EQ(files[0].kind, "pdf");
    EXPECT_EQ(files[0].content.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(files[1].kind, "html");
    EXPECT_EQ(files[2].kind, "chart-svg");
    EXPECT_EQ(files[3].kind, "chart-png");
    EXPECT_EQ(files[3].media_type, "image/png");
    EXPECT_EQ(files[3].content.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(Report, RejectsASnapshotWithoutEdition) {
    auto snapshot = current_snapshot();
    snapshot.editions.clear();
    const auto a = analysis::analyze(snapshot, {});
    EXPECT_THROW(report_pdf({snapshot, a}), std::invalid_argument);
    EXPECT_THROW(report_html({snapshot, a}), std::invalid_argument);
    EXPECT_THROW(publish_files(snapshot), std::invalid_argument);
}

}  // namespace
}  // namespace ger::render
