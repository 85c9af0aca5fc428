// Launch feasibility: for each mission to Mars (Phobos included), to a near-Earth asteroid with a named target,
// or to the Moon, with a launch date, month, year or window: is there a ballistic launch opportunity in that
// period within the mission type's departure energy limit (C3), and if not, the nearest opportunities before
// and after.
//
// Method (src/astro): Earth and Mars are tabulated once per call (TabulatedEphemeris over ERFA, `table_step`);
// per target a coarse porkchop (departure x time of flight, Type I and II 0-rev Lambert, `depart_step_days` x
// `tof_step_days`) over the missions' periods +/- `search_years` gives the lowest C3 per departure day; runs of
// days at or below a limit are the launch windows. Inside each mission's own period a grid over exactly that
// period is refined below the grid step (porkchop_minimum, Nelder-Mead) and decides the verdict.
// The Moon needs no grid: a Hohmann-like translunar injection from the parking orbit to the Moon's mean
// distance is available every month at C3 = -mu_earth / a (about -2.0 km^2/s^2).
// Not modelled: gravity assists, deep-space manoeuvres, multi-revolution transfers, launch-site and arrival
// constraints. A "no" therefore means "no direct ballistic transfer", which is the roadmap planner's question.
//
// Units: C3 [km^2/s^2], times [days], dates UTC days.
// Thread-safety: check_feasibility is pure apart from the cache it is given; a FeasibilityCache must not be
// shared between threads without a lock. resolve_target, when set, must be thread-safe if the caller shares it.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "astro/porkchop.hpp"
#include "model/records.hpp"

namespace ger::analysis {

// The highest departure C3 [km^2/s^2] a mission of each type can be launched with. Planning values, not facts:
// heavier payloads leave with less energy. Defaults (configurable per call and on the CLI):
//   crewed, station 12; sample-return 16; lander, rover 18; orbiter, relay, other 20; flyby, impactor 30.
// For scale: MAVEN left at 12.2, InSight at 8.2, Mars 2020 at 14.5 km^2/s^2 (NASA launch press kits).
struct C3Limits {
    std::array<double, 10> km2_s2{};  // indexed by model::MissionType
    static C3Limits defaults();
    double of(model::MissionType type) const { return km2_s2.at(static_cast<std::size_t>(type)); }
    void set(model::MissionType type, double value) { km2_s2.at(static_cast<std::size_t>(type)) = value; }
};

using TargetResolver = std::function<std::optional<astro::TransferBody>(std::string_view name)>;

struct FeasibilityOptions {
    C3Limits c3_limits = C3Limits::defaults();
    bool include_flown = false;   // also check missions that launched (operating, completed, failed)
    double depart_step_days = 2.0;   // [days] coarse grid
    double tof_step_days = 4.0;      // [days]
    double mars_tof_min_days = 120.0, mars_tof_max_days = 360.0;  // [days] Type I and II flight times
    double nea_tof_min_days = 30.0, nea_tof_max_days = 700.0;     // [days]
    int search_years = 4;            // nearest windows are sought this far either side of the periods
    double parking_alt_km = 200.0;   // circular parking orbit [km]
    unsigned threads = 0;            // porkchop worker threads; 0: all cores
    // Names an NEA target ("Apophis") as a transfer body; empty: astro::resolve_transfer_body (planets, the
    // resolvers registered with astro, then the bundled catalogue). nullopt: unknown target.
    TargetResolver resolve_target;
};

enum class Verdict { feasible, infeasible, unknown_target, out_of_range };
std::string_view to_string(Verdict verdict);

// A launch window: consecutive departure days whose lowest C3 is within the limit, and its best transfer.
struct LaunchOpportunity {
    std::chrono::sys_days first_departure{};
    std::chrono::sys_days last_departure{};
    std::chrono::sys_days best_departure{};
    std::chrono::sys_days best_arrival{};
    double best_c3_km2_s2 = 0;   // [km^2/s^2]
    std::string transfer_type;   // "I", "II", or "TLI" for the Moon
    std::optional<double> best_vinf_arr_km_s;  // arrival v-infinity of the best transfer [km/s]; none for the Moon
};

struct Feasibility {
    std::string mission;
    std::string destination;
    std::string target;          // "Mars", "Moon" or the NEA name
    model::MissionType type = model::MissionType::other;
    std::chrono::sys_days period_first{};
    std::chrono::sys_days period_last{};
    double c3_limit_km2_s2 = 0;
    Verdict verdict = Verdict::unknown_target;
    std::optional<double> min_c3_in_period;        // refined; set when the target resolved
    std::optional<LaunchOpportunity> in_period;    // the best opportunity inside the period (feasible only)
    std::optional<LaunchOpportunity> before;       // infeasible: the nearest window ending before the period
    std::optional<LaunchOpportunity> after;        // infeasible: the nearest window starting after it
    std::string message;
    bool from_cache = false;
};

// Results per mission, kept while the mission's dates, destination, target, type and the options that decide
// the verdict stay the same (feasibility_key). Not thread-safe.
class FeasibilityCache {
public:
    std::size_t size() const { return m_entries.size(); }
    std::size_t hits() const { return m_hits; }
    std::size_t misses() const { return m_misses; }
    void clear() { m_entries.clear(); }

private:
    friend std::vector<Feasibility> check_feasibility(const model::Dataset&, const FeasibilityOptions&,
                                                      FeasibilityCache*);
    struct Entry {
        std::string key;
        Feasibility result;
    };
    std::unordered_map<std::string, Entry> m_entries;  // by mission id
    std::size_t m_hits = 0;
    std::size_t m_misses = 0;
};

// Whether check_feasibility checks `mission`: dated, not cancelled (nor flown unless include_flown), to Mars,
// the Moon or a named near-Earth asteroid.
bool feasibility_applies(const model::Mission& mission, const FeasibilityOptions& options);

// What a cached result depends on: launch window, destination, target, type, C3 limit and grid settings.
std::string feasibility_key(const model::Mission& mission, const FeasibilityOptions& options);

// Results in data set order for every mission that qualifies (see the top of this file). Throws nothing for a
// bad target or date (the verdict says so); throws std::invalid_argument for non-positive steps.
std::vector<Feasibility> check_feasibility(const model::Dataset& data, const FeasibilityOptions& options = {},
                                           FeasibilityCache* cache = nullptr);

// The porkchop of the window a result points to, for a picture of it: departures from 30 days before the window
// to 30 days after, flight times of the target's range in the options, both transfer types, steps chosen for at
// most about 200 x 150 cells, and the minimum C3 refined. The window is the one in the period (feasible), else
// the nearest after it, else the nearest before. Computed on ERFA directly (no table), from the result alone, so
// it depends on nothing but the mission's own fields and the options.
struct WindowPorkchop {
    astro::PorkchopGrid grid;
    std::optional<astro::PorkchopMinimum> minimum;
    std::string window;  // "in the period", "nearest after the period", "nearest before the period"
};
// nullopt for the Moon, an unknown target, a result out of range, or one without a window.
std::optional<WindowPorkchop> window_porkchop(const Feasibility& result, const FeasibilityOptions& options = {});

nlohmann::json to_json(const Feasibility& f);
nlohmann::json to_json(const std::vector<Feasibility>& results);
// The inverse of to_json(const Feasibility&), for results kept in storage. Throws std::invalid_argument naming
// the field that is missing or malformed.
Feasibility feasibility_from_json(const nlohmann::json& j);

}  // namespace ger::analysis
