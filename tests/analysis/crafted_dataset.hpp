// A small crafted roadmap whose findings are known by hand (each number is worked out in findings_test.cpp).
#pragma once

#include <string>
#include <vector>

#include "model/planned_date.hpp"
#include "model/records.hpp"

namespace ger::analysis::testing {

inline model::Mission mission(std::string id, std::string lead, std::string destination, model::MissionKind kind,
                              std::string launch, model::MissionStatus status, std::vector<std::string> objectives) {
    model::Mission m;
    m.id = id;
    m.name = id;
    m.lead_agency = std::move(lead);
    m.destination = std::move(destination);
    m.kind = kind;
    m.type = kind == model::MissionKind::human ? model::MissionType::crewed : model::MissionType::orbiter;
    if (!launch.empty()) m.launch = model::parse_launch_window(launch);
    m.status = status;
    m.objectives = std::move(objectives);
    m.visibility = model::Visibility{};  // public
    return m;
}

inline model::Capability capability(std::string id, std::string provider, std::string readiness) {
    model::Capability c;
    c.id = id;
    c.name = id;
    c.provider = std::move(provider);
    c.status = model::CapabilityStatus::development;
    if (!readiness.empty()) c.readiness = model::parse_planned_date(readiness);
    c.visibility = model::Visibility{};  // public
    return c;
}

inline model::Dataset crafted_dataset() {
    using K = model::MissionKind;
    using S = model::MissionStatus;
    model::Dataset d;
    for (const char* code : {"A", "B", "C"}) d.agencies.push_back({code, code, "", 2007, ""});
    d.goals.push_back({"g1", 1, "Goal", "", ""});
    for (const char* id : {"o1", "o2", "o3", "o4"}) d.objectives.push_back({id, "g1", id, "", false, ""});
    int order = 1;
    for (const char* code : {"LEO", "cislunar", "Moon", "NEA", "Mars"}) d.destinations.push_back({code, code, order++, ""});
    d.capabilities.push_back(capability("cap-hab", "A", "2028-06"));
    d.capabilities.push_back(capability("cap-lander", "B", "2030-01-01"));

    d.missions.push_back(mission("leo-station", "A", "LEO", K::human, "2010", S::operating, {"o1"}));
    d.missions.push_back(mission("cis-robot", "A", "cislunar", K::robotic, "2024-05-01", S::completed, {"o1", "o4"}));
    auto cis_crew = mission("cis-crew", "A", "cislunar", K::human, "2027-12-01", S::planned, {"o1"});
    cis_crew.precursors = {"cis-robot"};
    cis_crew.capabilities_required = {"cap-hab"};
    d.missions.push_back(cis_crew);
    d.missions.push_back(mission("moon-a", "A", "Moon", K::robotic, "2028-03", S::planned, {"o2"}));
    auto moon_b = mission("moon-b", "B", "Moon", K::robotic, "2029-01", S::planned, {"o2"});
    moon_b.capabilities_provided = {"cap-lander"};
    d.missions.push_back(moon_b);
    auto moon_crew = mission("moon-crew", "C", "Moon", K::human, "2031-06-01", S::planned, {"o1"});
    moon_crew.capabilities_required = {"cap-lander"};
    moon_crew.duration_days = 30;
    d.missions.push_back(moon_crew);
    d.missions.push_back(mission("nea-crew", "A", "NEA", K::human, "2033", S::planned, {"o1"}));
    auto mars_crew = mission("mars-crew", "A", "Mars", K::human, "2035-07-01", S::planned, {"o1"});
    mars_crew.precursors = {"moon-crew"};
    mars_crew.capabilities_required = {"cap-hab"};
    d.missions.push_back(mars_crew);
    d.missions.push_back(mission("moon-cancelled", "C", "Moon", K::robotic, "2028", S::cancelled, {"o3"}));
    return d;
}

}  // namespace ger::analysis::testing
