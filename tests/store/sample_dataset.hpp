// A small data set that uses every field of every record (optional fields set and unset, windows, precisions,
// visibility lists, forward references), so round trips prove each column survives.
#pragma once

#include <chrono>

#include "model/records.hpp"

namespace ger::test {

inline model::Dataset sample_dataset() {
    using namespace std::chrono;
    using namespace ger::model;
    const auto at = [](int y, unsigned m, unsigned d, int h) {
        return Timestamp{sys_days{year{y} / month{m} / day{d}}} + hours{h};
    };
    const auto date = [](int y, unsigned m, unsigned d, DatePrecision p) {
        return PlannedDate{year{y} / month{m} / day{d}, p};
    };
    Dataset data;
    // Deliberately not alphabetical: export must keep this order.
    data.agencies = {
        {"NASA", "National Aeronautics and Space Administration", "United States", 2007, "https://www.nasa.gov"},
        {"ESA", "European Space Agency", "Europe", 2007, "https://www.esa.int"},
        {"JAXA", "Japan Aerospace Exploration Agency", "Japan", 2007, "https://www.jaxa.jp"},
    };
    data.goals = {
        {"search-for-life", 2, "Search for Life", "Look for life beyond Earth.", "GER 2013 p. 5"},
        {"extend-human-presence", 1, "Extend Human Presence", "Live and work in space.", "GER 2013 p. 4"},
    };
    data.objectives = {
        {"sample-return", "search-for-life", "Return samples", "Bring samples to Earth.", true, "GER 2013"},
        {"habitation", "extend-human-presence", "Habitation", "Long stays.", false, ""},
        {"biosignatures", "search-for-life", "Biosignatures", "", true, "GER 2013"},
    };
    data.destinations = {
        {"Mars", "Mars", 5, "The horizon goal."},
        {"LEO", "Low Earth orbit", 1, "Where the ISS flies."},
        {"Moon", "The Moon", 3, "The next step."},
    };
    Mission orbiter;
    orbiter.id = "mars-orbiter";
    orbiter.name = "Mars Orbiter";
    orbiter.lead_agency = "ESA";
    orbiter.partners = {"NASA", "JAXA"};
    orbiter.destination = "Mars";
    orbiter.target_body = "Phobos";
    orbiter.kind = MissionKind::robotic;
    orbiter.type = MissionType::orbiter;
    orbiter.launch = LaunchWindow{date(2030, 3, 1, DatePrecision::month), date(2030, 6, 1, DatePrecision::month)};
    orbiter.duration_days = 687.25;
    orbiter.status = MissionStatus::planned;
    orbiter.commitment = Commitment::funded;
    orbiter.objectives = {"biosignatures", "sample-return"};
    orbiter.capabilities_required = {"heavy-launcher"};
    orbiter.capabilities_provided = {"mars-relay"};
    orbiter.precursors = {"lunar-lander"};  // a mission listed after this one
    orbiter.visibility = {VisibilityScope::agencies, {"NASA", "JAXA"}};
    orbiter.description = "Line one.\nLine \"two\", with a comma; and UTF-8: Müller, 月.";
    orbiter.source = "ESA press release";
    orbiter.meta = {3, at(2024, 1, 15, 9), at(2024, 6, 1, 17), "ada"};

    Mission station;
    station.id = "iss";
    station.name = "International Space Station";
    station.lead_agency = "NASA";
    station.partners = {"ESA", "JAXA"};
    station.destination = "LEO";
    station.kind = MissionKind::human;
    station.type = MissionType::station;
    station.launch = LaunchWindow{date(1998, 11, 20, DatePrecision::day), std::nullopt};
    station.status = MissionStatus::operating;
    station.commitment = Commitment::flying;
    station.objectives = {"habitation"};
    station.visibility = Visibility{VisibilityScope::public_, {}};
    station.meta = {1, at(2023, 5, 2, 0), at(2023, 5, 2, 0), "grace"};

    Mission lander;
    lander.id = "lunar-lander";
    lander.name = "Lunar Lander";
    lander.lead_agency = "JAXA";
    lander.destination = "Moon";
    lander.kind = MissionKind::robotic;
    lander.type = MissionType::lander;
    lander.launch = LaunchWindow{date(2028, 1, 1, DatePrecision::year), std::nullopt};
    lander.status = MissionStatus::proposed;
    lander.commitment = Commitment::study;
    lander.capabilities_required = {"heavy-launcher"};
    lander.precursors = {"iss"};
    lander.visibility = {VisibilityScope::partners, {}};
    lander.meta = {2, at(2022, 2, 2, 2), at(2022, 3, 3, 3), "linus"};

    Mission undated;
    undated.id = "mars-crew";
    undated.name = "Crewed Mars mission";
    undated.lead_agency = "NASA";
    undated.destination = "Mars";
    undated.kind = MissionKind::human;
    undated.type = MissionType::crewed;
    undated.status = MissionStatus::proposed;
    undated.commitment = Commitment::interest;
    undated.precursors = {"mars-orbiter", "iss"};
    undated.visibility = Visibility{VisibilityScope::public_, {}};
    undated.meta = {1, at(2021, 1, 1, 0), at(2021, 1, 1, 0), ""};
    data.missions = {orbiter, station, lander, undated};

    Capability launcher;
    launcher.id = "heavy-launcher";
    launcher.name = "Heavy launcher";
    launcher.provider = "NASA";
    launcher.kind = CapabilityKind::launcher;
    launcher.readiness = date(2022, 11, 16, DatePrecision::day);
    launcher.status = CapabilityStatus::operational;
    launcher.visibility = Visibility{VisibilityScope::public_, {}};
    launcher.meta = {4, at(2020, 1, 1, 0), at(2024, 2, 2, 0), "margaret"};

    Capability relay;
    relay.id = "mars-relay";
    relay.name = "Mars relay";
    relay.provider = "ESA";
    relay.kind = CapabilityKind::relay;
    relay.readiness = date(2031, 1, 1, DatePrecision::year);
    relay.status = CapabilityStatus::development;
    relay.visibility = {VisibilityScope::agencies, {"NASA"}};
    relay.description = "Relays data from the surface.";
    relay.source = "ESA";
    relay.meta = {1, at(2024, 4, 4, 4), at(2024, 4, 4, 4), "ada"};

    Capability habitat;
    habitat.id = "surface-habitat";
    habitat.name = "Surface habitat";
    habitat.provider = "JAXA";
    habitat.kind = CapabilityKind::habitat;
    habitat.status = CapabilityStatus::development;
    habitat.visibility = Visibility{VisibilityScope::public_, {}};
    habitat.meta = {1, at(2024, 4, 4, 4), at(2024, 4, 4, 4), "ada"};
    data.capabilities = {launcher, relay, habitat};

    data.editions = {
        {"2013", "The Global Exploration Roadmap", year{2013} / month{8} / day{20}, {"NASA", "ESA", "JAXA"},
         "Moon next, then Mars.", true, "https://www.globalspaceexploration.org"},
        {"2011", "The Global Exploration Roadmap", year{2011} / month{9} / day{1}, {"ESA", "NASA"},
         "Two pathways.", true, ""},
    };
    return data;
}

// A public mission with just the fields a write needs, for tests that write records of their own.
inline model::Mission probe_mission(const std::string& id, const std::string& name, const std::string& lead_agency,
                                    const std::string& destination) {
    model::Mission m;
    m.id = id;
    m.name = name;
    m.lead_agency = lead_agency;
    m.destination = destination;
    m.visibility = model::Visibility{model::VisibilityScope::public_, {}};
    return m;
}

}  // namespace ger::test
