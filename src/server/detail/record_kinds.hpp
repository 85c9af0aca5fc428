// What differs per record for the generic handlers of the API (api.cpp) and the workspace's forms
// (detail/record_forms.hpp): its name, where it lives in a snapshot, and the store's calls for it.
// Kind<Record>: the agencies' records (missions, capabilities), owned by an agency and versioned.
// RoadmapKind<Record>: the secretariat's (goals, objectives), without a version: a change names the record read.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/json.hpp"
#include "server/detail/app.hpp"

namespace ger::server::detail {

// What differs between missions and capabilities.
template <class Record>
struct Kind;

template <>
struct Kind<model::Mission> {
    static constexpr const char* name = "mission";
    static constexpr const char* collection = "/api/v1/missions";
    static constexpr const char* owner_field = "lead_agency";
    static const std::string& owner(const model::Mission& m) { return m.lead_agency; }
    static const model::Mission* find(const Snapshot& s, std::string_view id) { return s.mission(id); }
    static const std::vector<model::Mission>& all(const Snapshot& s) { return s.dataset().missions; }
    static model::Mission parse(const nlohmann::json& j) { return model::mission_from_json(j); }
    static std::optional<model::Mission> load(store::Store& st, std::string_view id) { return st.mission(id); }
    static model::Mission create(store::Store& st, const model::Mission& m, const store::Actor& a) {
        return st.create_mission(m, a);
    }
    static model::Mission update(store::Store& st, const model::Mission& m, int v, const store::Actor& a) {
        return st.update_mission(m, v, a);
    }
    static void remove(store::Store& st, std::string_view id, int v, const store::Actor& a) {
        st.delete_mission(id, v, a);
    }
};

template <>
struct Kind<model::Capability> {
    static constexpr const char* name = "capability";
    static constexpr const char* collection = "/api/v1/capabilities";
    static constexpr const char* owner_field = "provider";
    static const std::string& owner(const model::Capability& c) { return c.provider; }
    static const model::Capability* find(const Snapshot& s, std::string_view id) { return s.capability(id); }
    static const std::vector<model::Capability>& all(const Snapshot& s) { return s.dataset().capabilities; }
    static model::Capability parse(const nlohmann::json& j) { return model::capability_from_json(j); }
    static std::optional<model::Capability> load(store::Store& st, std::string_view id) { return st.capability(id); }
    static model::Capability create(store::Store& st, const model::Capability& c, const store::Actor& a) {
        return st.create_capability(c, a);
    }
    static model::Capability update(store::Store& st, const model::Capability& c, int v, const store::Actor& a) {
        return st.update_capability(c, v, a);
    }
    static void remove(store::Store& st, std::string_view id, int v, const store::Actor& a) {
        st.delete_capability(id, v, a);
    }
};

template <class Record>
struct RoadmapKind;

template <>
struct RoadmapKind<model::Goal> {
    static constexpr const char* name = "goal";
    static constexpr const char* collection = "/api/v1/goals";
    static const std::vector<model::Goal>& all(const Snapshot& s) { return s.dataset().goals; }
    static model::Goal parse(const nlohmann::json& j) { return model::goal_from_json(j); }
    static std::vector<model::Goal> load_all(store::Store& st) { return st.goals(); }
    static model::Goal create(store::Store& st, const model::Goal& r, const store::Actor& a) {
        return st.create_goal(r, a);
    }
    static model::Goal update(store::Store& st, const model::Goal& r, const model::Goal& e, const store::Actor& a) {
        return st.update_goal(r, e, a);
    }
    static void remove(store::Store& st, const model::Goal& e, const store::Actor& a) { st.delete_goal(e.id, e, a); }
};

template <>
struct RoadmapKind<model::Objective> {
    static constexpr const char* name = "objective";
    static constexpr const char* collection = "/api/v1/objectives";
    static const std::vector<model::Objective>& all(const Snapshot& s) { return s.dataset().objectives; }
    static model::Objective parse(const nlohmann::json& j) { return model::objective_from_json(j); }
    static std::vector<model::Objective> load_all(store::Store& st) { return st.objectives(); }
    static model::Objective create(store::Store& st, const model::Objective& r, const store::Actor& a) {
        return st.create_objective(r, a);
    }
    static model::Objective update(store::Store& st, const model::Objective& r, const model::Objective& e,
                                   const store::Actor& a) {
        return st.update_objective(r, e, a);
    }
    static void remove(store::Store& st, const model::Objective& e, const store::Actor& a) {
        st.delete_objective(e.id, e, a);
    }
};

}  // namespace ger::server::detail
