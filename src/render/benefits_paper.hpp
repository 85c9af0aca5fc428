// The benefits paper as a published document (PDF, A4, laid out like the edition report): the secretariat's
// text from the "benefits" page, then each benefit category with its goals, objectives and the public missions
// that address them.
#pragma once

#include <string>
#include <vector>

#include "analysis/benefits.hpp"

namespace ger::render {

struct BenefitsPaper {
    std::string title;
    std::vector<std::string> introduction;  // plain-text blocks (render::block_texts of the page)
    std::string updated;                    // "2026-12-02 · ISECG secretariat": the page's footer
    std::vector<analysis::BenefitLinks> categories;
};

std::string benefits_paper_pdf(const BenefitsPaper& paper);

}  // namespace ger::render
