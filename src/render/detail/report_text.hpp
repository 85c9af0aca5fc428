// The words and table rows of the edition report, computed once and used by the PDF and the HTML page alike.
#pragma once

#include <string>
#include <vector>

#include "analysis/analysis.hpp"
#include "model/records.hpp"

namespace ger::render::detail {

struct GoalText {
    std::string heading;  // "1. Search for Life"
    std::string description;
    std::vector<std::string> objectives;
};

struct DestinationText {
    std::string code;
    std::string heading;  // "Mars (14 missions)"
    std::vector<std::vector<std::string>> rows;  // mission, lead, partners, launch, type, status
};

struct ReportText {
    std::string published;
    std::string cover_line;
    std::string signatories;
    std::vector<std::string> summary;
    std::vector<GoalText> goals;
    std::vector<DestinationText> destinations;
    std::vector<std::string> matrix_objectives;          // objective titles, O1..On
    std::vector<std::vector<std::string>> matrix_rows;    // agency, counts...
    std::vector<std::string> gaps;
    std::vector<std::vector<std::string>> overlaps;
    std::vector<std::vector<std::string>> opportunities;
    std::vector<std::string> conflicts;
    std::vector<std::string> stepwise;
    std::string critical_path_heading;
    std::vector<std::vector<std::string>> critical_path;
    std::vector<std::vector<std::string>> agencies;      // code, name, country, signatory
};

// "O3" for the objective in column i (0-based).
// NOTE: appended rather than "O" + std::to_string(...), which trips GCC 12's false -Wrestrict (PR 105329).
inline std::string objective_label(std::size_t i) {
    std::string label = "O";
    label += std::to_string(i + 1);
    return label;
}

ReportText report_text(const model::Dataset& snapshot, const analysis::Analysis& analysis);

}  // namespace ger::render::detail
