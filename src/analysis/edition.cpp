// Edition snapshots and diffs (edition.hpp).
#include "analysis/edition.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "model/enums.hpp"
#include "model/json.hpp"
#include "model/references.hpp"

namespace ger::model::detail {
extern const unsigned char bundled_editions_json[];
extern const std::size_t bundled_editions_json_size;
}  // namespace ger::model::detail

namespace ger::analysis {
namespace {

// A snapshot is the public's view: a record without a visibility (which the store never holds) is not public.
bool is_public(const std::optional<model::Visibility>& v) {
    return v && v->scope == model::VisibilityScope::public_;
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& x : a) {
        if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
    }
    return out;
}

}  // namespace

model::Dataset edition_snapshot(const model::Dataset& data, model::Edition edition) {
    model::Dataset out;
    out.agencies = data.agencies;
    out.goals = data.goals;
    out.objectives = data.objectives;
    out.destinations = data.destinations;
    std::unordered_set<std::string> missions;
    std::unordered_set<std::string> capabilities;
    for (const auto& m : data.missions) {
        if (is_public(m.visibility)) missions.insert(m.id);
    }
    for (const auto& c : data.capabilities) {
        if (is_public(c.visibility)) capabilities.insert(c.id);
    }
    for (const auto& c : data.capabilities) {
        if (capabilities.contains(c.id)) out.capabilities.push_back(c);
    }
    for (const auto& m : data.missions) {
        if (!missions.contains(m.id)) continue;
        // A public record must not name a non-public one: the same rule as every caller's view of a mission
        // (server/views.hpp), for the public.
        auto kept = m;
        model::keep_references(
            kept, [&](const std::string& id) { return capabilities.contains(id); },
            [&](const std::string& id) { return missions.contains(id); });
        out.missions.push_back(std::move(kept));
    }
    edition.frozen = true;
    out.editions.push_back(std::move(edition));
    return out;
}

std::vector<model::Dataset> bundled_edition_snapshots() {
    const std::string_view text(reinterpret_cast<const char*>(model::detail::bundled_editions_json),
                                model::detail::bundled_editions_json_size);
    const auto j = nlohmann::json::parse(text);
    std::vector<model::Dataset> out;
    std::size_t i = 0;
    for (const auto& s : j.at("snapshots")) {
        out.push_back(model::dataset_from_json(s, "/snapshots/" + std::to_string(i++)));
    }
    return out;
}

EditionDiff diff_editions(const model::Dataset& a, const model::Dataset& b) {
    EditionDiff diff;
    if (!a.editions.empty()) diff.from = a.editions.front().name;
    if (!b.editions.empty()) diff.to = b.editions.front().name;

    std::unordered_map<std::string, const model::Mission*> before;
    std::unordered_map<std::string, const model::Mission*> after;
    for (const auto& m : a.missions) before.emplace(m.id, &m);
    for (const auto& m : b.missions) after.emplace(m.id, &m);
    for (const auto& m : b.missions) {
        if (!before.contains(m.id)) diff.missions_added.push_back(m.id);
    }
    for (const auto& m : a.missions) {
        const auto it = after.find(m.id);
        if (it == after.end()) {
            diff.missions_removed.push_back(m.id);
            continue;
        }
        const auto& n = *it->second;
        MissionChange change;
        change.mission = m.id;
        bool changed = false;
        if (m.launch != n.launch) {
            changed = true;
            change.launch_before = m.launch;
            change.launch_after = n.launch;
            if (m.launch && n.launch) change.slip_days = (n.launch->earliest() - m.launch->earliest()).count();
        }
        if (m.status != n.status) {
            changed = true;
            change.status_before = m.status;
            change.status_after = n.status;
        }
        change.partners_added = minus(n.partners, m.partners);
        change.partners_removed = minus(m.partners, n.partners);
        changed = changed || !change.partners_added.empty() || !change.partners_removed.empty();
        const auto field = [&](bool differs, const char* name) {
            if (differs) {
                change.other_fields.push_back(name);
                changed = true;
            }
        };
        field(m.name != n.name, "name");
        field(m.lead_agency != n.lead_agency, "lead_agency");
        field(m.destination != n.destination, "destination");
        field(m.target_body != n.target_body, "target_body");
        field(m.kind != n.kind, "kind");
        field(m.type != n.type, "type");
        field(m.duration_days != n.duration_days, "duration_days");
        field(m.commitment != n.commitment, "commitment");
        field(m.objectives != n.objectives, "objectives");
        field(m.capabilities_required != n.capabilities_required, "capabilities_required");
        field(m.capabilities_provided != n.capabilities_provided, "capabilities_provided");
        field(m.precursors != n.precursors, "precursors");
        field(m.description != n.description, "description");
        if (changed) diff.missions_changed.push_back(std::move(change));
    }

    std::unordered_map<std::string, const model::Objective*> objectives_before;
    std::unordered_set<std::string> objectives_after;
    for (const auto& o : a.objectives) objectives_before.emplace(o.id, &o);
    for (const auto& o : b.objectives) {
        objectives_after.insert(o.id);
        const auto it = objectives_before.find(o.id);
        if (it == objectives_before.end()) {
            diff.objectives_added.push_back(o.id);
            continue;
        }
        const auto& p = *it->second;
        ObjectiveChange change{o.id, p.title, o.title, {}};
        if (p.title != o.title) change.fields.push_back("title");
        if (p.description != o.description) change.fields.push_back("description");
        if (p.goal_id != o.goal_id) change.fields.push_back("goal_id");
        if (p.verified != o.verified) change.fields.push_back("verified");
        if (!change.fields.empty()) diff.objectives_changed.push_back(std::move(change));
    }
    for (const auto& o : a.objectives) {
        if (!objectives_after.contains(o.id)) diff.objectives_removed.push_back(o.id);
    }
    const std::vector<std::string> none;
    const auto& sa = a.editions.empty() ? none : a.editions.front().signatories;
    const auto& sb = b.editions.empty() ? none : b.editions.front().signatories;
    diff.signatories_added = minus(sb, sa);
    diff.signatories_removed = minus(sa, sb);
    return diff;
}

nlohmann::json to_json(const EditionDiff& d) {
    using nlohmann::json;
    json changed = json::array();
    for (const auto& c : d.missions_changed) {
        json j{{"mission", c.mission}};
        if (c.launch_before || c.launch_after) {
            j["launch"] = {{"before", c.launch_before ? json(c.launch_before->to_string()) : json(nullptr)},
                           {"after", c.launch_after ? json(c.launch_after->to_string()) : json(nullptr)},
                           {"slip_days", c.slip_days ? json(*c.slip_days) : json(nullptr)}};
        }
        if (c.status_before) {
            j["status"] = {{"before", model::to_string(*c.status_before)}, {"after", model::to_string(*c.status_after)}};
        }
        if (!c.partners_added.empty() || !c.partners_removed.empty()) {
            j["partners"] = {{"added", c.partners_added}, {"removed", c.partners_removed}};
        }
        if (!c.other_fields.empty()) j["other_fields"] = c.other_fields;
        changed.push_back(std::move(j));
    }
    json objectives_changed = json::array();
    for (const auto& o : d.objectives_changed) {
        objectives_changed.push_back({{"objective", o.objective}, {"title_before", o.title_before},
                                      {"title_after", o.title_after}, {"fields", o.fields}});
    }
    return {{"from", d.from},
            {"to", d.to},
            {"missions", {{"added", d.missions_added}, {"removed", d.missions_removed}, {"changed", changed}}},
            {"objectives",
             {{"added", d.objectives_added}, {"removed", d.objectives_removed}, {"changed", objectives_changed}}},
            {"signatories", {{"added", d.signatories_added}, {"removed", d.signatories_removed}}}};
}

}  // namespace ger::analysis
