// The published edition: a multi-page PDF (cairo + pango; the roadmap chart drawn as vectors through librsvg),
// a single self-contained HTML page (inline SVG and CSS, no external references) and the chart itself.
//
// Sections, in order: cover, summary, the common goals and objectives, the mission scenario, the roadmap chart,
// missions per destination (one table per destination), the coverage matrix and findings, the participating
// agencies. Pages are A4 portrait (595 x 842 pt) except the chart's, which is A4 landscape; text is DejaVu Sans
// (the face text_metrics.hpp measures), table cells are cut with "…" to their column using those metrics, so a
// 20,000-mission edition lays out without a font call per cell.
//
// Thread-safety: pure functions of their arguments (cairo and pango objects are local to each call).
#pragma once

#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/records.hpp"

namespace ger::render {

struct ReportInput {
    const model::Dataset& snapshot;      // an edition snapshot: exactly one Edition, editions[0]
    const analysis::Analysis& analysis;  // analyze(snapshot)
};

// The PDF's bytes. Throws std::invalid_argument when the snapshot holds no edition, std::runtime_error when
// cairo fails.
std::string report_pdf(const ReportInput& input);

// The HTML page (UTF-8). Throws std::invalid_argument when the snapshot holds no edition.
std::string report_html(const ReportInput& input);

// The roadmap chart of the snapshot's public missions, titled with the edition (SVG).
std::string report_chart_svg(const model::Dataset& snapshot);

inline constexpr double publication_dpi = 300.0;

// A file published for an edition.
struct PublishedFile {
    std::string kind;        // "pdf", "html", "chart-svg", "chart-png"
    std::string media_type;  // "application/pdf", ...
    std::string content;     // the bytes
};

// Everything published for an edition snapshot, in the order above: the PDF and the HTML page (with the
// findings of analysis::analyze as the edition saw them: today = its publication year, horizon + 15), the chart
// as SVG and as PNG at publication_dpi. What `ger edition freeze` stores and the portal serves.
// Throws as report_pdf and svg_to_png.
std::vector<PublishedFile> publish_files(const model::Dataset& snapshot);

}  // namespace ger::render
