// The coverage matrix as a heatmap: objectives down, agencies (or periods) across, each cell coloured by how
// many missions address that objective, with its count written in it, a legend of the colour classes and
// <title>/<desc> for screen readers. Each cell's <title> names its objective, column, count and missions.
//
// The output is one <svg> element without an XML declaration, so a page can inline it. It uses presentation
// attributes only (no <style>, no style=""): the portal's CSP forbids inline styles.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "analysis/analysis.hpp"
#include "model/records.hpp"

namespace ger::render {

enum class CoverageColumns { agency, period };

struct CoverageSvgOptions {
    CoverageColumns columns = CoverageColumns::agency;
    std::string id_prefix = "coverage";  // prefixes element ids, so that several charts can share one page
    std::string title;                   // empty: "Missions per objective and agency" (or "... and period")
};

// `data` supplies objective titles and mission names (ids stand in for records it lacks). Never throws for
// inconsistent input: cells naming an unknown objective, column or period are left out.
std::string coverage_svg(const analysis::Coverage& coverage, const model::Dataset& data,
                         const CoverageSvgOptions& options = {});

}  // namespace ger::render
