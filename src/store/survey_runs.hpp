// Runs of the near-Earth asteroid survey kept for the portal (`ger survey --store`): each run's criteria and
// progress, and one row per surveyed object. Plain data: the survey's own types are astro's, which the store
// never sees; a row's `detail` is the object's result as `ger survey --format json` writes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"

namespace ger::store {

enum class SurveyRunState { running, complete, cancelled, failed };
std::string_view to_string(SurveyRunState state);
std::optional<SurveyRunState> survey_run_state_from(std::string_view text);

struct SurveyRun {
    long long id = 0;
    SurveyRunState state = SurveyRunState::running;
    model::Timestamp started_at{};
    model::Timestamp updated_at{};          // the last progress report
    std::optional<model::Timestamp> finished_at{};
    std::string criteria;                  // a JSON object: the criteria the run used
    std::string catalogue;                 // where the objects came from ("NEA.txt", a file name)
    std::string device;                    // "cpu", "cuda"
    long long planned = 0;                 // objects the run was asked to survey
    long long done = 0;                    // objects finished so far
    long long legs_solved = 0;             // Lambert legs solved so far
    std::string message{};                 // failed: why
};

struct SurveyTarget {
    std::string designation;
    std::optional<double> h_mag;               // absolute magnitude
    long long viable_count = 0;                // viable round trips on the run's grid
    std::optional<double> min_dv_km_s;         // the least total dv of a viable round trip [km/s]
    std::optional<double> min_duration_days;   // the shortest viable round trip [days]
    std::optional<std::string> min_dv_launch;  // launch date (ISO 8601, UTC) of the least-dv round trip
    std::string detail;                        // a JSON object: both round trips leg by leg
};

}  // namespace ger::store
