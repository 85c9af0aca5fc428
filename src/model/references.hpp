// The references a mission makes to other owned records: the capabilities it requires and provides and the
// missions it builds on (precursors). Those records have their own visibility, so whoever may read a mission
// may not read everything it names: a view of the mission for that reader keeps only the references it may
// read (server/views.hpp for a caller of the server, analysis/edition.hpp for the public of a frozen
// edition).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "model/records.hpp"

namespace ger::model {

// Drops from `mission` every capability id `keep_capability(id)` rejects and every precursor id
// `keep_mission(id)` rejects; the order of the rest is kept.
template <class KeepCapability, class KeepMission>
void keep_references(Mission& mission, const KeepCapability& keep_capability,
                     const KeepMission& keep_mission) {
    const auto keep_only = [](std::vector<std::string>& ids, const auto& keep) {
        std::erase_if(ids, [&](const std::string& id) { return !keep(id); });
    };
    keep_only(mission.capabilities_required, keep_capability);
    keep_only(mission.capabilities_provided, keep_capability);
    keep_only(mission.precursors, keep_mission);
}

}  // namespace ger::model
