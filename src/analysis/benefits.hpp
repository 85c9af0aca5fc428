// What a benefit category (model/benefit.hpp) holds in the records: the objectives of its goals and the missions
// that address them, each mission only when the reader may read it (the portal's pages pass the caller's read
// rule; the published paper passes the public's).
#pragma once

#include <functional>
#include <vector>

#include "model/benefit.hpp"
#include "model/records.hpp"

namespace ger::analysis {

struct BenefitLinks {
    const model::BenefitCategory* category = nullptr;
    std::vector<const model::Goal*> goals;            // in the roadmap's order
    std::vector<const model::Objective*> objectives;  // of those goals, in the data's order
    std::vector<const model::Mission*> missions;      // readable, addressing one of them, by name
};

using ReadableMission = std::function<bool(const model::Mission&)>;

BenefitLinks benefit_links(const model::Dataset& data, const model::BenefitCategory& category,
                           const ReadableMission& readable);

}  // namespace ger::analysis
