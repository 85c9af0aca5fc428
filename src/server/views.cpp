#include "server/views.hpp"

#include <nlohmann/json.hpp>

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

std::string mission_copy_view(const std::string& text,
                              const std::function<bool(const std::string&)>& keep_capability,
                              const std::function<bool(const std::string&)>& keep_mission) {
    if (text.empty()) return text;
    auto copy = nlohmann::json::parse(text, nullptr, false);
    // NOTE: a copy that is not a mission's JSON names nothing to drop; it is shown as it is to whoever may
    // read the entry (access.hpp: can_read_audit).
    if (copy.is_discarded() || !copy.is_object()) return text;
    const auto filter = [&](const char* field, const std::function<bool(const std::string&)>& keep) {
        if (!copy.contains(field) || !copy[field].is_array()) return;
        auto kept = nlohmann::json::array();
        for (const auto& id : copy[field]) {
            if (id.is_string() && keep(id.get<std::string>())) kept.push_back(id);
        }
        copy[field] = std::move(kept);
    };
    filter("capabilities_required", keep_capability);
    filter("capabilities_provided", keep_capability);
    filter("precursors", keep_mission);
    return copy.dump();
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
