#include "server/views.hpp"

namespace ger::server {

RecordIndex::RecordIndex(const model::Dataset& data) {
    for (const auto& m : data.missions) m_missions.emplace(m.id, &m);
    for (const auto& c : data.capabilities) m_capabilities.emplace(c.id, &c);
}

const model::Mission* RecordIndex::mission(std::string_view id) const {
    const auto it = m_missions.find(id);
    return it == m_missions.end() ? nullptr : it->second;
}

const model::Capability* RecordIndex::capability(std::string_view id) const {
    const auto it = m_capabilities.find(id);
    return it == m_capabilities.end() ? nullptr : it->second;
}

model::Dataset view_of(const Caller& caller, const model::Dataset& data) {
    const RecordIndex index(data);
    model::Dataset out;
    out.agencies = data.agencies;
    out.goals = data.goals;
    out.objectives = data.objectives;
    out.destinations = data.destinations;
    out.editions = data.editions;
    for (const auto& m : data.missions) {
        if (can_read(caller, m)) out.missions.push_back(view_of(caller, m, index));
    }
    for (const auto& c : data.capabilities) {
        if (can_read(caller, c)) out.capabilities.push_back(c);
    }
    return out;
}

}  // namespace ger::server
