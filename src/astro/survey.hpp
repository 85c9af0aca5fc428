// NEA survey: round trips Earth -> asteroid -> Earth under NHATS-style criteria, for one asteroid or a whole
// catalogue.
//
// Model. All dates lie on one grid of step tof_step_days from the first launch date (launch dates every
// launch_step_days, which must be a multiple of tof_step_days). A trajectory is (launch j0, arrival j1,
// departure j2, return j3) with out = j1 - j0 >= 1 step, stay = j2 - j1 >= min_stay, back = j3 - j2 >= 1 step,
// duration = j3 - j0 <= max_duration. Both legs are 0-revolution prograde Lambert arcs (the sense of the
// Earth's motion; covers Type I and Type II), Sun two-body; the Earth is the ephemeris tabulated once on the
// grid, the asteroid follows its Keplerian elements (its gravity neglected, GM = 0).
//   C3 = |v1 - v_earth|^2 at launch; injection dv = sqrt(C3 + 2 mu_E / r_p) - sqrt(mu_E / r_p) from a circular
//   parking orbit of radius r_p = R_E + parking_alt_km; arrival dv = |v2 - v_ast|; departure dv = |v1 - v_ast|;
//   the return ends with direct entry: entry speed = sqrt(v_inf^2 + 2 mu_E / (R_E + entry_alt_km)), no burn.
//   total dv = injection + arrival + departure.
// A trajectory is viable when C3 <= max_c3, total dv <= max_total_dv and entry speed <= max_entry_speed.
//
// Per asteroid the survey reports the minimum-total-dv viable trajectory, the minimum-duration one (ties: least
// dv), and the number of viable trajectories on the grid. The combination is exact and avoids the O(n^4) loop
// (docs/VALIDATION.md "NEA survey" explains the method and proves the pruning safe); survey_target_brute_force
// evaluates every grid trajectory one by one and is the reference the tests compare against.
//
// Units: [days], [km/s], [km^2/s^2], [km]; dates TDB Instants (UTC only at the CLI edge).
// Thread-safety: SurveyGrid is immutable after construction and may be shared by threads; every function is
// pure apart from the SurveyControl hooks (called from worker threads; they must be thread-safe).
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "astro/catalog.hpp"
#include "astro/ephemeris.hpp"
#include "astro/time.hpp"
#include "astro/vec3.hpp"

namespace ger::astro {

struct SurveyCriteria {
    Instant launch_first = parse_utc_iso8601("2025-01-01");  // first launch date (UTC midnight, as TDB)
    Instant launch_last = parse_utc_iso8601("2045-12-31");   // last launch date
    double launch_step_days = 1.0;       // [days] > 0, a multiple of tof_step_days
    double tof_step_days = 1.0;          // [days] > 0: the grid of arrival, departure and return dates
    double max_duration_days = 450.0;    // [days] launch to Earth return
    double min_stay_days = 8.0;          // [days] at the asteroid (rounded up to whole steps)
    double max_c3_km2_s2 = 60.0;         // [km^2/s^2] launch C3
    double max_total_dv_km_s = 12.0;     // [km/s] injection + arrival + departure
    double max_entry_speed_km_s = 12.0;  // [km/s] at entry interface
    double parking_alt_km = 400.0;       // [km] circular LEO for the injection burn
    double entry_alt_km = 125.0;         // [km] entry interface altitude (NHATS uses 125 km)
    std::optional<double> max_h;         // absolute magnitude limit (objects with larger H are skipped)
};

// The criteria validated and laid out on the date grid, with the Earth tabulated once on it. Immutable.
class SurveyGrid {
public:
    // Throws AstroError(invalid_argument) naming the criterion when a value is out of its domain (steps <= 0,
    // launch step not a multiple of the tof step, launch_last < launch_first, no room for out + stay + back).
    SurveyGrid(const SurveyCriteria& criteria, const Ephemeris& earth_source);
    const SurveyCriteria& criteria() const noexcept { return m_c; }
    double step_days() const noexcept { return m_c.tof_step_days; }
    int launch_stride() const noexcept { return m_stride; }       // grid steps between launch dates
    int launch_count() const noexcept { return m_launches; }
    int max_duration_steps() const noexcept { return m_dmax; }
    int min_stay_steps() const noexcept { return m_stay; }
    int max_leg_steps() const noexcept { return m_dmax - m_stay - 1; }  // longest out or back leg
    int node_count() const noexcept { return static_cast<int>(m_days.size()); }
    double node_days(int j) const { return m_days[static_cast<std::size_t>(j)]; }  // TDB days since J2000
    Instant node_instant(int j) const { return m_instants[static_cast<std::size_t>(j)]; }
    std::span<const Instant> node_instants() const noexcept { return m_instants; }
    const Vec3& earth_r(int j) const { return m_er[static_cast<std::size_t>(j)]; }
    const Vec3& earth_v(int j) const { return m_ev[static_cast<std::size_t>(j)]; }
    std::span<const Vec3> earth_positions() const noexcept { return m_er; }    // per node
    std::span<const Vec3> earth_velocities() const noexcept { return m_ev; }   // per node
    double injection_dv(double c3_km2_s2) const;         // [km/s] from the parking orbit
    double entry_speed(double vinf_km_s) const;          // [km/s] at the entry interface
    double max_return_vinf() const noexcept { return m_max_vinf_ret; }  // [km/s]; NaN if none allowed
    // Extremes of the Earth over the nodes, for the pruning bound.
    double earth_r_max() const noexcept { return m_er_max; }
    double earth_v_max() const noexcept { return m_ev_max; }
    std::span<const Vec3> earth_h() const noexcept { return m_eh; }      // r x v per node [km^2/s]
    std::span<const double> earth_energy() const noexcept { return m_eeps; }  // v^2/2 - mu/r [km^2/s^2]

private:
    SurveyCriteria m_c;
    int m_stride = 1, m_launches = 0, m_dmax = 0, m_stay = 0;
    std::vector<double> m_days;
    std::vector<Instant> m_instants;
    std::vector<Vec3> m_er, m_ev, m_eh;
    std::vector<double> m_eeps;
    double m_er_max = 0, m_ev_max = 0, m_max_vinf_ret = 0;
};

// One round trip, every figure the report needs.
struct RoundTrip {
    Instant launch;
    double out_days = 0, stay_days = 0, back_days = 0, duration_days = 0;  // [days]
    double c3_km2_s2 = 0;
    double injection_dv_km_s = 0;  // from the parking orbit
    double arrival_dv_km_s = 0;    // rendezvous burn at the asteroid
    double departure_dv_km_s = 0;  // burn leaving the asteroid
    double total_dv_km_s = 0;
    double return_vinf_km_s = 0;   // at Earth
    double entry_speed_km_s = 0;
};

struct TargetResult {
    std::size_t index = 0;  // position in the catalogue span given to the survey
    std::string designation;
    double h_mag = 0;
    bool pruned = false;                 // rejected by the lower bound before any Lambert solve
    double dv_lower_bound_km_s = 0;      // the bound (inf: no trajectory can satisfy C3/entry)
    std::optional<RoundTrip> min_dv;
    std::optional<RoundTrip> min_duration;
    std::uint64_t viable_count = 0;
    std::uint64_t legs_solved = 0;       // Lambert problems solved for this target
};

// A lower bound on the total dv of any trajectory meeting the C3 and entry-speed limits, from invariants of
// the asteroid's orbit (angular momentum and energy changes an impulse can make; docs/VALIDATION.md). Cheap
// (no Lambert solve); +inf when no trajectory can meet them. Never above the true minimum on the grid.
double survey_dv_lower_bound(const SurveyGrid& grid, const Elements& elements);

// Reusable per-thread buffers for survey_target (grow to the grid's size; no allocation per target after).
class SurveyWorkspace {
public:
    SurveyWorkspace();
    ~SurveyWorkspace();
    SurveyWorkspace(SurveyWorkspace&&) noexcept;
    SurveyWorkspace& operator=(SurveyWorkspace&&) noexcept;
    struct Impl;
    Impl& impl() { return *m_impl; }

private:
    std::unique_ptr<Impl> m_impl;
};

// The fast search for one object. `prune` = false skips the lower-bound test (for validation).
TargetResult survey_target(const SurveyGrid& grid, const CatalogObject& object, SurveyWorkspace& workspace,
                           bool prune = true);
// Reference: every grid trajectory evaluated one by one (legs by the scalar solver). O(n^4): coarse grids only.
TargetResult survey_target_brute_force(const SurveyGrid& grid, const CatalogObject& object);

struct SurveyControl {
    // After each object, from worker threads: objects done, objects planned, Lambert legs solved so far.
    std::function<void(std::size_t done, std::size_t total, std::uint64_t legs)> progress;
    const std::atomic<bool>* cancel = nullptr;  // when true, workers stop after their current object
};

// Where the leg grids are solved. cuda: on a CUDA device (GER_WITH_CUDA builds), one stream per worker thread, the
// same legs and the same combination as the CPU path (results equal to ~1e-13 relative); automatic: cuda when a
// device is present at run time, else cpu.
enum class SurveyDevice : std::uint8_t { cpu, cuda, automatic };

struct SurveyDeviceProbe {
    bool built = false;   // this binary was configured with GER_WITH_CUDA
    int count = 0;        // CUDA devices the runtime sees
    std::string name;     // device 0's name
    std::string reason;   // why no device can be used (empty when count > 0)
};
SurveyDeviceProbe survey_probe_cuda();  // never throws
// automatic -> cuda or cpu; cuda without a usable device throws AstroError(invalid_argument) saying why.
SurveyDevice resolve_survey_device(SurveyDevice requested);
std::string_view survey_device_name(SurveyDevice device) noexcept;  // "cpu", "cuda", "auto"

struct SurveyOptions {
    unsigned threads = 0;       // 0 = std::thread::hardware_concurrency()
    bool prune = true;
    SurveyDevice device = SurveyDevice::cpu;
};

struct SurveyRun {
    std::vector<TargetResult> results;  // objects finished, in catalogue order (pruned ones included)
    std::size_t planned = 0;            // objects the run was asked to do
    bool complete = true;               // false when cancelled before every object finished
    std::uint64_t legs_solved = 0;
    SurveyDevice device = SurveyDevice::cpu;  // where the legs were solved (resolved: never automatic)
};

// Surveys objects[indices[k]] (all objects if indices is empty) on `threads` workers, one object at a time per
// worker (memory per worker is bounded by the grid, not the catalogue; with cuda each worker also holds a stream
// and ~200 MB of device buffers at 1-day steps). Results do not depend on the thread count or the device. Throws
// AstroError(invalid_argument) when options.device is cuda and no device can be used. Objects whose H exceeds
// criteria.max_h are not surveyed and not reported.
SurveyRun run_survey(const SurveyGrid& grid, std::span<const CatalogObject> objects,
                     std::span<const std::size_t> indices, const SurveyOptions& options,
                     const SurveyControl& control = {});

// Objects passing the H limit, in catalogue order.
std::vector<std::size_t> survey_candidates(const SurveyGrid& grid, std::span<const CatalogObject> objects);
// Estimated relative cost of surveying an object (0.01 when the lower bound prunes it, 1 otherwise): used to
// balance shards and MPI ranks.
double survey_cost_estimate(const SurveyGrid& grid, const CatalogObject& object);
// Splits candidates into `count` shards of near-equal estimated cost, deterministically (greedy in catalogue
// order onto the least-loaded shard); returns shard `shard`'s indices in catalogue order. Throws
// AstroError(invalid_argument) unless 0 <= shard < count.
std::vector<std::size_t> survey_shard(const SurveyGrid& grid, std::span<const CatalogObject> objects,
                                      std::span<const std::size_t> candidates, int shard, int count);

// Ranking for reports: viable targets by min total dv (then designation), then the rest.
void rank_results(std::vector<TargetResult>& results);

}  // namespace ger::astro
