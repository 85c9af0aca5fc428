// What the roadmap tells the agencies: where their plans meet (coverage, overlaps, opportunities), where they
// leave gaps, what depends on what (conflicts, the critical path to a goal mission) and whether the stepwise
// path ISS -> cislunar -> Moon / asteroid -> Mars holds. Launch feasibility (src/astro) is in feasibility.hpp.
//
// Every finding names the records behind it (mission, objective, capability ids) so a planner can click through.
// Pure functions of a model::Dataset: the caller decides which records it holds (the CLI passes the whole
// store, the portal a planner's view, an edition its snapshot).
//
// Rules (each a choice, stated once here):
// - A mission "counts" unless it is cancelled. For gaps (what the plans will still deliver) failed and
//   completed missions do not count either: an objective is addressed within the horizon by a mission that is
//   operating, or planned / proposed with a launch no later than the horizon year (an undated plan does not).
// - An agency takes part in a mission as its lead or as a partner; the coverage matrix counts both.
// - Periods are `period_years` wide, aligned to multiples of it (2010-2014, 2015-2019, ...); a mission falls in
//   the period of its earliest launch day.
// - A mission is active from its earliest launch day to its latest launch day plus its duration, or plus
//   `default_activity_days` when the duration is unknown. Overlaps compare these intervals.
// - Dates are UTC days (std::chrono::sys_days); slack is in whole days.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"

namespace ger::analysis {

struct Period {
    int first_year = 0;
    int last_year = 0;  // inclusive
    friend bool operator==(const Period&, const Period&) = default;
};

struct AnalysisOptions {
    int today_year = 0;    // 0: the current UTC year
    int horizon_year = 0;  // 0: today_year + 15
    int period_years = 5;
    double default_activity_days = 730.0;  // [days] activity after launch when the duration is unknown
    std::string goal_mission;  // critical path target; "": the first human mission of the last stepwise step
    // The GER 2013 stepwise path: each step lists the destination codes it spans.
    std::vector<std::vector<std::string>> stepwise_path{{"LEO"}, {"cislunar"}, {"Moon", "NEA"}, {"Mars"}};
};

// ---- coverage ----
struct CoverageCell {
    std::string objective;
    std::string agency;
    int total = 0;                      // missions (lead or partner), undated included
    std::vector<int> by_period;         // parallel to Coverage::periods
    std::vector<std::string> missions;  // ids
};

// Missions addressing one objective in one period, each once however many agencies take part.
struct PeriodCell {
    std::string objective;
    std::size_t period = 0;             // index into Coverage::periods
    std::vector<std::string> missions;  // ids
};

struct DestinationCoverage {
    std::string destination;
    int missions = 0;
    int human = 0;
    int robotic = 0;
    std::vector<int> by_period;
    std::vector<std::string> agencies;    // taking part, sorted
    std::vector<std::string> objectives;  // addressed, sorted
};

struct Coverage {
    std::vector<Period> periods;
    std::vector<std::string> objectives;  // rows, data set order
    std::vector<std::string> agencies;    // columns, data set order
    std::vector<CoverageCell> cells;      // non-empty cells only, row-major
    std::vector<PeriodCell> period_cells;  // objective x period, non-empty cells only, row-major
    std::vector<DestinationCoverage> destinations;
    int counted_missions = 0;  // not cancelled
    int undated_missions = 0;  // counted but in no period
};

// ---- findings ----
enum class GapKind { objective_unaddressed, no_precursor, destination_idle };

struct Gap {
    GapKind kind = GapKind::objective_unaddressed;
    std::string objective;                // objective_unaddressed
    std::string destination;              // no_precursor, destination_idle
    std::optional<Period> period;         // no_precursor: the period of the human missions
    std::vector<std::string> missions;    // the human missions lacking a precursor; or the missions outside the
                                          // horizon that address the objective
    std::string message;
};

// Missions of two or more lead agencies at one destination, addressing one objective, whose activity intervals
// overlap in a chain (each overlaps the next when sorted by start).
struct Overlap {
    std::string destination;
    std::string objective;
    std::chrono::sys_days from{};
    std::chrono::sys_days to{};
    std::vector<std::string> missions;
    std::vector<std::string> agencies;  // lead agencies, sorted
};

// A mission that requires a capability another agency provides (operational) or plans (concept, development).
struct Opportunity {
    std::string mission;
    std::string lead_agency;
    std::string capability;
    std::string provider;
    model::CapabilityStatus capability_status = model::CapabilityStatus::development;
    bool partnered = false;  // the provider is already a partner of the mission
};

enum class ConflictKind {
    before_readiness,      // the mission's whole launch window precedes the capability's readiness
    capability_cancelled,  // it requires a cancelled capability
    before_precursor,      // it launches before a precursor it builds on
};

struct Conflict {
    ConflictKind kind = ConflictKind::before_readiness;
    std::string mission;
    std::string other;  // capability or precursor mission id
    std::optional<std::chrono::sys_days> mission_date;  // latest launch day
    std::optional<std::chrono::sys_days> other_date;    // readiness day or the precursor's earliest launch
    long long days = 0;                                  // how far too early [days]
    std::string message;
};

// One step of the critical path: a mission or a capability, its date and its slack: how many days it may slip
// before the goal mission must slip (negative: it already delays the goal, i.e. a conflict).
struct PathStep {
    std::string id;
    std::string record_kind;  // "mission" or "capability"
    std::optional<std::chrono::sys_days> start;   // missions: earliest launch; capabilities: readiness
    std::optional<std::chrono::sys_days> finish;  // missions: latest launch + duration
    std::optional<long long> slack_days;          // unknown when the step or all its successors are undated
};

struct CriticalPath {
    std::string goal;              // mission id
    std::vector<PathStep> steps;   // earliest first, the goal last
    std::vector<std::string> undated;  // ancestors of the goal without a date (their slack is unknown)
    std::size_t ancestors = 0;     // missions and capabilities the goal depends on
};

struct StepwiseStep {
    int step = 0;  // 1-based
    std::vector<std::string> destinations;
    std::optional<std::string> first_human_mission;
    std::optional<std::chrono::sys_days> first_human_launch;
    std::optional<std::string> first_robotic_mission;  // earliest robotic mission there (a precursor)
    bool ok = false;
    std::string message;
};

struct Analysis {
    int today_year = 0;
    int horizon_year = 0;
    Coverage coverage;
    std::vector<Gap> gaps;
    std::vector<Overlap> overlaps;
    std::vector<Opportunity> opportunities;
    std::vector<Conflict> conflicts;
    std::optional<CriticalPath> critical_path;  // none when there is no goal mission
    std::vector<StepwiseStep> stepwise_path;
};

Coverage coverage(const model::Dataset& data, const AnalysisOptions& options);
std::vector<Gap> gaps(const model::Dataset& data, const AnalysisOptions& options);
std::vector<Overlap> overlaps(const model::Dataset& data, const AnalysisOptions& options);
std::vector<Opportunity> opportunities(const model::Dataset& data);
std::vector<Conflict> conflicts(const model::Dataset& data);
// Throws std::invalid_argument when `goal` names no mission of `data`.
CriticalPath critical_path(const model::Dataset& data, const std::string& goal);
std::vector<StepwiseStep> stepwise_path(const model::Dataset& data, const AnalysisOptions& options);
// The default goal: the first (earliest launch) human mission to a destination of the last stepwise step.
std::optional<std::string> default_goal(const model::Dataset& data, const AnalysisOptions& options);

// Everything above (options with 0 resolved). Throws std::invalid_argument for an unknown goal mission or
// period_years < 1.
Analysis analyze(const model::Dataset& data, const AnalysisOptions& options = {});

std::string_view to_string(GapKind kind);
std::string_view to_string(ConflictKind kind);
std::string format_day(std::chrono::sys_days day);  // "2026-11-26"
nlohmann::json to_json(const Analysis& analysis);

}  // namespace ger::analysis
