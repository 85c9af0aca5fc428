#include "analysis/benefits.hpp"

#include <algorithm>
#include <set>

namespace ger::analysis {

BenefitLinks benefit_links(const model::Dataset& data, const model::BenefitCategory& category,
                           const ReadableMission& readable) {
    BenefitLinks out;
    out.category = &category;
    const std::set<std::string> goal_ids(category.goals.begin(), category.goals.end());
    for (const auto& g : data.goals) {
        if (goal_ids.contains(g.id)) out.goals.push_back(&g);
    }
    std::sort(out.goals.begin(), out.goals.end(), [](const auto* a, const auto* b) { return a->number < b->number; });
    std::set<std::string> objective_ids;
    for (const auto& o : data.objectives) {
        if (!goal_ids.contains(o.goal_id)) continue;
        out.objectives.push_back(&o);
        objective_ids.insert(o.id);
    }
    for (const auto& m : data.missions) {
        const bool addresses = std::any_of(m.objectives.begin(), m.objectives.end(),
                                           [&](const auto& id) { return objective_ids.contains(id); });
        if (addresses && readable(m)) out.missions.push_back(&m);
    }
    std::sort(out.missions.begin(), out.missions.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    return out;
}

}  // namespace ger::analysis
