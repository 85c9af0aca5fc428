// A seeded synthetic roadmap for tests and benchmarks: many missions packed into few years, names of
// realistic lengths, every status, kind and date precision, windows, undated and non-public missions.
#pragma once

#include <chrono>
#include <random>
#include <string>

#include "model/bundled.hpp"
#include "model/records.hpp"

namespace ger::render::testing {

struct SyntheticSpec {
    int agencies = 14;     // beyond the bundled 14, agencies "A15", "A16"... are added
    int missions = 80;
    int first_year = 2025; // launches fall in [first_year, last_year]
    int last_year = 2030;
    unsigned seed = 1;
    double undated_share = 0.05;
    double non_public_share = 0.05;
};

inline model::Dataset synthetic_dataset(const SyntheticSpec& spec) {
    namespace chr = std::chrono;
    model::Dataset data = model::bundled_dataset();
    data.missions.clear();
    data.agencies.resize(std::min<std::size_t>(data.agencies.size(), static_cast<std::size_t>(spec.agencies)));
    for (int i = static_cast<int>(data.agencies.size()); i < spec.agencies; ++i) {
        model::Agency agency;
        // NOTE: append rather than `"A" + std::to_string(n)`, which trips GCC 12's false -Wrestrict (PR 105329).
        agency.code = "A";
        agency.code += std::to_string(i + 1);
        agency.name = "Synthetic agency ";
        agency.name += std::to_string(i + 1);
        data.agencies.push_back(agency);
    }
    static const char* const words[] = {"Lunar", "Polar", "Explorer", "Pathfinder", "Sample", "Return", "Orbiter",
                                        "Lander", "Relay", "Surveyor", "Prospector", "Chang'e", "Artemis",
                                        "Hopper", "Deep", "Space", "Habitat", "Rover", "Gateway", "Ice"};
    std::mt19937 rng(spec.seed);
    std::uniform_int_distribution<int> word(0, static_cast<int>(std::size(words)) - 1);
    std::uniform_int_distribution<int> word_count(1, 4);
    std::uniform_int_distribution<int> year(spec.first_year, spec.last_year);
    std::uniform_int_distribution<int> month(1, 12);
    std::uniform_int_distribution<int> day(1, 28);
    std::uniform_int_distribution<int> precision(0, 3);  // day, month, year, window
    std::uniform_int_distribution<std::size_t> agency(0, data.agencies.size() - 1);
    std::uniform_int_distribution<std::size_t> destination(0, data.destinations.size() - 1);
    std::uniform_int_distribution<int> status(0, 5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < spec.missions; ++i) {
        model::Mission mission;
        mission.id = "synthetic-";
        mission.id += std::to_string(i);
        for (int w = word_count(rng); w > 0; --w) mission.name += std::string(words[word(rng)]) + " ";
        mission.name += std::to_string(i);
        if (i % 7 == 0) mission.name += " (long explanatory detail of the mission)";
        mission.lead_agency = data.agencies[agency(rng)].code;
        mission.destination = data.destinations[destination(rng)].code;
        mission.kind = i % 3 == 0 ? model::MissionKind::human : model::MissionKind::robotic;
        mission.status = static_cast<model::MissionStatus>(status(rng));
        if (unit(rng) >= spec.undated_share) {
            const chr::year_month_day date{chr::year{year(rng)}, chr::month{static_cast<unsigned>(month(rng))},
                                           chr::day{static_cast<unsigned>(day(rng))}};
            model::LaunchWindow launch;
            switch (precision(rng)) {
                case 0: launch.start = {date, model::DatePrecision::day}; break;
                case 1: launch.start = {date.year() / date.month() / 1, model::DatePrecision::month}; break;
                case 2: launch.start = {date.year() / 1 / 1, model::DatePrecision::year}; break;
                default:
                    launch.start = {date, model::DatePrecision::day};
                    launch.end = model::PlannedDate{date.year() / 12 / 31, model::DatePrecision::day};
                    break;
            }
            mission.launch = launch;
        }
        mission.visibility = model::Visibility{unit(rng) < spec.non_public_share ? model::VisibilityScope::partners
                                                                                 : model::VisibilityScope::public_,
                                               {}};
        data.missions.push_back(std::move(mission));
    }
    return data;
}

}  // namespace ger::render::testing
