// Publishing an edition: the PDF report, the HTML page and the roadmap chart (SVG and 300 dpi PNG) rendered from
// its snapshot. Shared by `ger edition freeze` (which stores them) and `ger report` (which writes them out).
#pragma once

#include <string>
#include <vector>

#include "model/records.hpp"
#include "store/store.hpp"

namespace ger::cli {

// render::publish_files as store artefacts: kinds "pdf", "html", "chart-svg", "chart-png".
std::vector<store::EditionArtefact> render_edition(const model::Dataset& snapshot);

// Renders the frozen edition `name` and stores the artefacts it does not have yet; returns those stored.
std::vector<store::EditionArtefact> publish_edition(store::Store& store, const std::string& name);

}  // namespace ger::cli
