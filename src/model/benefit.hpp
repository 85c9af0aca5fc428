// The four categories of benefit the forum's paper "Benefits stemming from space exploration" (ISECG, 2013)
// sorts the roadmap's returns into, each drawing on the common goals whose objectives deliver it. Which goals
// feed which category is an editorial reading of that paper, kept here in one table (benefit.cpp) so the
// portal's pages and the paper agree; a mission belongs to a category when it addresses one of its objectives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ger::model {

struct BenefitCategory {
    std::string code;                // "new-knowledge": the /benefits/{code} page
    std::string title;               // "New knowledge and innovation"
    std::string summary;             // one paragraph
    std::vector<std::string> goals;  // Goal ids whose objectives deliver it
};

const std::vector<BenefitCategory>& benefit_categories();
const BenefitCategory* benefit_category(std::string_view code);

}  // namespace ger::model
