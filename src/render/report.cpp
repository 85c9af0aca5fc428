// The edition report as PDF (report.hpp).
#include "render/report.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>

#include "model/enums.hpp"
#include "render/detail/pdf_writer.hpp"
#include "render/detail/report_text.hpp"
#include "render/png.hpp"
#include "render/roadmap_chart.hpp"
#include "render/text_metrics.hpp"

namespace ger::render {
namespace {

using detail::Column;
using detail::PdfWriter;
using detail::margin;

RoadmapChartOptions chart_options(const model::Dataset& snapshot);

}  // namespace

namespace detail {

// Removes every <text> and <title> element: the texts are drawn by PdfWriter::chart, and tooltips mean nothing on
// paper (19,000 of them made librsvg's parse of a 20,000-mission chart take 0.3 s longer).
std::string without_text(const std::string& svg) {
    std::string out;
    out.reserve(svg.size());
    std::size_t at = 0;
    const auto next_open = [&](std::size_t from, const char* tag, std::size_t length) {
        std::size_t open = svg.find(tag, from);
        while (open != std::string::npos && svg[open + length] != ' ' && svg[open + length] != '>') {
            open = svg.find(tag, open + length);
        }
        return open;
    };
    while (true) {
        const std::size_t text = next_open(at, "<text", 5);
        const std::size_t title = next_open(at, "<title", 6);
        const std::size_t open = std::min(text, title);
        if (open == std::string::npos) break;
        const bool is_text = open == text;
        const std::size_t close = svg.find(is_text ? "</text>" : "</title>", open);
        if (close == std::string::npos) break;
        out.append(svg, at, open - at);
        at = close + (is_text ? 7 : 8);
    }
    out.append(svg, at, std::string::npos);
    return out;
}

}  // namespace detail

namespace {

// The chart as PNG bytes. NOTE: png.hpp writes files only; a private temporary file reuses its exact rendering
// (size from the SVG's mm at `dpi`, white background) instead of a second rasteriser.
std::string png_bytes(const std::string& svg, double dpi) {
    std::string path = (std::filesystem::temp_directory_path() / "ger-chart-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the chart PNG");
    close(fd);
    std::string bytes;
    try {
        svg_to_png(svg, path, dpi);
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } catch (...) {
        std::filesystem::remove(path);
        throw;
    }
    std::filesystem::remove(path);
    return bytes;
}

RoadmapChartOptions chart_options(const model::Dataset& snapshot) {
    RoadmapChartOptions options;
    if (!snapshot.editions.empty()) {
        options.title = snapshot.editions.front().title + ": missions by destination";
    }
    return options;
}

}  // namespace

std::vector<PublishedFile> publish_files(const model::Dataset& snapshot) {
    if (snapshot.editions.empty()) throw std::invalid_argument("the snapshot holds no edition");
    analysis::AnalysisOptions options;
    const int year = static_cast<int>(snapshot.editions.front().published.year());
    options.today_year = year;  // gaps as the edition saw them
    options.horizon_year = year + 15;
    const auto analysis = analysis::analyze(snapshot, options);
    const ReportInput input{snapshot, analysis};
    const auto svg = report_chart_svg(snapshot);
    std::vector<PublishedFile> out;
    out.push_back({"pdf", "application/pdf", report_pdf(input)});
    out.push_back({"html", "text/html; charset=utf-8", report_html(input)});
    out.push_back({"chart-svg", "image/svg+xml", svg});
    out.push_back({"chart-png", "image/png", png_bytes(svg, publication_dpi)});
    return out;
}

std::string report_chart_svg(const model::Dataset& snapshot) { return roadmap_svg(snapshot, chart_options(snapshot)); }

std::string report_pdf(const ReportInput& input) {
    const auto& data = input.snapshot;
    if (data.editions.empty()) throw std::invalid_argument("the snapshot holds no edition");
    const auto& edition = data.editions.front();
    const auto text = detail::report_text(data, input.analysis);
    PdfWriter pdf(edition.title + " (edition " + edition.name + ")");

    // Cover.
    pdf.new_page();
    cairo_set_source_rgb(pdf.cr(), 0.05, 0.16, 0.33);
    cairo_rectangle(pdf.cr(), 0, 0, pdf.width(), 300);
    cairo_fill(pdf.cr());
    pdf.centred("ISECG · International Space Exploration Coordination Group", 12, true, 110, true);
    pdf.centred(edition.title, 24, true, 150, true);
    pdf.centred("Edition " + edition.name + " · published " + text.published, 12, false, 360);
    pdf.centred(text.cover_line, 10, false, 390);
    pdf.centred("Participating agencies: " + text.signatories, 10, false, 430);

    pdf.new_page();
    pdf.heading("Summary", 1);
    for (const auto& line : text.summary) pdf.paragraph(line, 10);

    pdf.heading("The common goals and objectives", 1);
    for (const auto& goal : text.goals) {
        pdf.heading(goal.heading, 2);
        if (!goal.description.empty()) pdf.paragraph(goal.description, 9.5);
        for (const auto& o : goal.objectives) pdf.paragraph("• " + o, 9, false, 3, 12);
    }

    pdf.heading("The mission scenario", 1);
    pdf.paragraph(edition.scenario.empty() ? "(This edition states no scenario.)" : edition.scenario, 10);

    pdf.new_page(true);
    pdf.heading("The roadmap", 1);
    pdf.chart(data, chart_options(data));

    pdf.new_page();
    pdf.heading("Missions per destination", 1);
    const std::vector<Column> mission_columns{{"Mission", 150}, {"Lead", 50}, {"Partners", 85},
                                              {"Launch", 62},   {"Type", 86}, {"Status", 50}};
    for (const auto& d : text.destinations) {
        pdf.heading(d.heading, 2);
        pdf.table(mission_columns, d.rows);
    }

    pdf.new_page();
    pdf.heading("Coverage and findings", 1);
    pdf.heading("Coverage: missions per agency and objective", 2);
    std::vector<Column> matrix{{"Agency", 70}};
    const double cell = std::max(12.0, (pdf.text_width() - 70) / std::max<std::size_t>(1, text.matrix_objectives.size()));
    for (std::size_t i = 0; i < text.matrix_objectives.size(); ++i) matrix.push_back({detail::objective_label(i), cell});
    pdf.table(matrix, text.matrix_rows, 7);
    for (std::size_t i = 0; i < text.matrix_objectives.size(); ++i) {
        pdf.paragraph(detail::objective_label(i) + ": " + text.matrix_objectives[i], 7, false, 1);
    }
    pdf.heading("Gaps", 2);
    if (text.gaps.empty()) pdf.paragraph("None found.", 9);
    for (const auto& g : text.gaps) pdf.paragraph("• " + g, 9, false, 3, 12);
    pdf.heading("Overlaps: chances to coordinate", 2);
    pdf.table({{"Destination", 52}, {"Objective", 95}, {"Window", 116}, {"Agencies", 106}, {"Missions", 114}},
              text.overlaps);
    pdf.heading("Opportunities: capabilities of other agencies", 2);
    pdf.table({{"Mission", 130}, {"Lead", 60}, {"Capability", 140}, {"Provider", 70}, {"Partnered", 83}},
              text.opportunities);
    pdf.heading("Conflicts", 2);
    if (text.conflicts.empty()) pdf.paragraph("None found.", 9);
    for (const auto& c : text.conflicts) pdf.paragraph("• " + c, 9, false, 3, 12);
    pdf.heading("The stepwise path", 2);
    for (const auto& s : text.stepwise) pdf.paragraph("• " + s, 9, false, 3, 12);
    if (!text.critical_path.empty()) {
        pdf.heading(text.critical_path_heading, 2);
        pdf.table({{"Step", 30}, {"Record", 160}, {"Kind", 68}, {"Start", 75}, {"Finish", 75}, {"Slack [days]", 75}},
                  text.critical_path);
    }

    pdf.new_page();
    pdf.heading("Participating agencies", 1);
    pdf.table({{"Code", 70}, {"Agency", 220}, {"Country", 110}, {"Signatory", 83}}, text.agencies, 8.5);
    return pdf.finish();
}

}  // namespace ger::render
