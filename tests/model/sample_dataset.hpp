// A small, valid data set touching every record type and every optional field, for the model tests.
#pragma once

#include "model/records.hpp"

namespace ger::model::testing {

inline RecordMeta sample_meta() {
    using namespace std::chrono;
    RecordMeta meta;
    meta.version = 3;
    meta.created_at = sys_days{2026y / November / 26} + 9h + 55min;
    meta.updated_at = meta.created_at + 86400s + 1s;
    meta.author = "alice";
    return meta;
}

inline Dataset sample_dataset() {
    using namespace std::chrono;
    Dataset d;
    d.agencies = {{"NASA", "National Aeronautics and Space Administration", "USA", 2007, "facts"},
                  {"ESA", "European Space Agency", "Europe", 2007, "facts"},
                  {"JAXA", "Japan Aerospace Exploration Agency", "Japan", 2007, ""}};
    d.goals = {{"search-for-life", 1, "Search for Life", "goal one", "slide 4"},
               {"earth-safety", 2, "Enhance Earth Safety", "", ""}};
    d.objectives = {{"sfl-life", "search-for-life", "Life beyond Earth", "Mars first", false, "paraphrase"},
                    {"ees-defence", "earth-safety", "Planetary defence", "", true, ""}};
    d.destinations = {{"cislunar", "Cislunar space", 1, "lunar vicinity"}, {"Mars", "Mars", 2, ""}};

    Capability sls;
    sls.id = "sls";
    sls.name = "Space Launch System";
    sls.provider = "NASA";
    sls.kind = CapabilityKind::launcher;
    sls.readiness = PlannedDate{2022y / November / 16, DatePrecision::day};
    sls.status = CapabilityStatus::operational;
    sls.description = "heavy lift";
    sls.visibility = Visibility{VisibilityScope::public_, {}};
    sls.source = "dewiki";
    sls.meta = sample_meta();
    Capability hab;
    hab.id = "esa-i-hab";
    hab.name = "I-HAB";
    hab.provider = "ESA";
    hab.kind = CapabilityKind::habitat;
    hab.status = CapabilityStatus::concept_;
    hab.visibility = {VisibilityScope::agencies, {"ESA", "NASA"}};
    hab.meta = sample_meta();
    d.capabilities = {sls, hab};

    Mission first;
    first.id = "artemis-1";
    first.name = "Artemis I";
    first.lead_agency = "NASA";
    first.partners = {"ESA"};
    first.destination = "cislunar";
    first.kind = MissionKind::human;
    first.type = MissionType::flyby;
    first.launch = LaunchWindow{PlannedDate{2022y / November / 16, DatePrecision::day}, std::nullopt};
    first.duration_days = 25.5;
    first.status = MissionStatus::completed;
    first.commitment = Commitment::completed;
    first.capabilities_required = {"sls"};
    first.visibility = Visibility{VisibilityScope::public_, {}};
    first.description = "uncrewed test";
    first.source = "dewiki";
    first.meta = sample_meta();

    Mission second;
    second.id = "mars-probe";
    second.name = "Mars \"probe\" / with ~odd~ text, ünïcödé";
    second.lead_agency = "ESA";
    second.partners = {"JAXA", "NASA"};
    second.destination = "Mars";
    second.target_body = "Phobos";
    second.kind = MissionKind::robotic;
    second.type = MissionType::sample_return;
    second.launch = LaunchWindow{PlannedDate{2033y / March / 1, DatePrecision::month},
                                 PlannedDate{2034y / January / 1, DatePrecision::year}};
    second.status = MissionStatus::planned;
    second.commitment = Commitment::study;
    second.objectives = {"sfl-life", "ees-defence"};
    second.capabilities_provided = {"esa-i-hab"};
    second.precursors = {"artemis-1"};
    second.visibility = {VisibilityScope::partners, {}};
    second.meta = sample_meta();
    d.missions = {first, second};

    d.editions = {{"2013", "The Global Exploration Roadmap", 2013y / August / 20, {"NASA", "ESA", "JAXA"},
                   "stepwise", true, "lpi"}};
    return d;
}

}  // namespace ger::model::testing
