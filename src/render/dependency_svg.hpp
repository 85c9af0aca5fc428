// The dependency graph as SVG: missions as boxes in columns by dependency depth (a mission stands right of
// every precursor), precursor links as arrows, and the critical path (analysis::critical_path, as computed
// there, capabilities included) drawn thicker in vermillion, its boxes outlined the same. Only missions that
// take part in a precursor link, and the steps of the critical path, are drawn. Each box is a link to its
// record's page (/missions/{id}, /capabilities/{id}); <title>/<desc> describe the graph for screen readers.
//
// Classes a page or test can rely on: g.node (plus .mission or .capability, and .critical on the path),
// path.edge (plus .critical for the path's own edges, and only those).
//
// The output is one <svg> element without an XML declaration, so a page can inline it; presentation
// attributes only (the portal's CSP forbids inline styles).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "analysis/analysis.hpp"
#include "model/records.hpp"

namespace ger::render {

struct DependencySvgOptions {
    std::string id_prefix = "dependencies";  // prefixes element ids, so that several charts can share one page
    std::string title;                       // empty: "Dependencies and the critical path to <goal>"
    std::size_t max_nodes = 300;             // beyond this the critical path and the first others are drawn
};

// Never throws for inconsistent input: links to unknown missions are left out, precursor cycles are drawn
// (their back links point left), and critical-path steps missing from `data` are drawn under their id.
std::string dependency_svg(const model::Dataset& data, const std::optional<analysis::CriticalPath>& path,
                           const DependencySvgOptions& options = {});

}  // namespace ger::render
