#include "astro/survey.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "astro/constants.hpp"
#include "astro/error.hpp"
#include "astro/kepler.hpp"
#include "astro/lambert.hpp"
#include "astro/lambert_batch.hpp"
#include "astro/parallel.hpp"
#include "astro/detail/survey_leg_row.hpp"
#include "astro/detail/survey_count.hpp"
#include "ger/config.hpp"

#if GER_WITH_CUDA
#include "astro/cuda/survey_cuda.hpp"
#endif

namespace ger::astro {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
// Grid arithmetic on days: a ratio within this of an integer is that integer.
constexpr double grid_tolerance = 1e-9;
// Pruning slack: Lambert arcs conserve h and energy only to ~1e-12 relative, so the bound's invariants are
// shrunk by this relative amount and the bound must exceed the limit by prune_margin_km_s to prune.
constexpr double invariant_slack = 1e-9;
constexpr double prune_margin_km_s = 1e-6;
constexpr int bound_radius_slabs = 32;  // asteroid radius range [q, Q] split for the bound
constexpr int bound_vinf_steps = 64;    // launch v-infinity range [0, sqrt(max C3)] split for the bound

[[noreturn]] void bad(const std::string& what) { throw AstroError(AstroErrc::invalid_argument, what); }

struct LegSoA {
    std::vector<double> r1x, r1y, r1z, r2x, r2y, r2z, tof, v1x, v1y, v1z, v2x, v2y, v2z;
    std::vector<LambertStatus> status;
    // Room for n legs, and for the whole vectors screen_leg_row may write past them.
    void resize(std::size_t n) {
        for (auto* v : {&r1x, &r1y, &r1z, &r2x, &r2y, &r2z, &tof, &v1x, &v1y, &v1z, &v2x, &v2y, &v2z}) {
            v->resize(n + detail::leg_row_padding);
        }
        status.resize(n + detail::leg_row_padding);
    }
    void set(std::size_t k, const Vec3& r1, const Vec3& r2, double tof_s) {
        r1x[k] = r1.x; r1y[k] = r1.y; r1z[k] = r1.z;
        r2x[k] = r2.x; r2y[k] = r2.y; r2z[k] = r2.z;
        tof[k] = tof_s;
    }
    // The first end of lanes [0, n).
    void set_first_ends(std::size_t n, const Vec3& r1) {
        std::fill_n(r1x.begin(), n, r1.x);
        std::fill_n(r1y.begin(), n, r1.y);
        std::fill_n(r1z.begin(), n, r1.z);
    }
    void solve(std::size_t n) {
        const LambertBatchInput in{{r1x.data(), n}, {r1y.data(), n}, {r1z.data(), n}, {r2x.data(), n},
                                   {r2y.data(), n}, {r2z.data(), n}, {tof.data(), n}, gm_sun_km3_s2,
                                   LambertDirection::prograde};
        const LambertBatchOutput out{{v1x.data(), n}, {v1y.data(), n}, {v1z.data(), n}, {v2x.data(), n},
                                     {v2y.data(), n}, {v2z.data(), n}, {status.data(), n}};
        solve_lambert_batch(in, out);
    }
    Vec3 v1(std::size_t k) const { return {v1x[k], v1y[k], v1z[k]}; }
    Vec3 v2(std::size_t k) const { return {v2x[k], v2y[k], v2z[k]}; }
};

// One leg's figures, shared by the fast search, the brute force and the report so all three agree bit for bit.
struct OutLegValue {
    double c3, injection, arrival, cost;  // cost = injection + arrival; inf when not allowed
};
OutLegValue out_leg_value(const SurveyGrid& g, const Vec3& v1, const Vec3& v2, const Vec3& ve, const Vec3& va) {
    const Vec3 vinf = v1 - ve;
    const double c3 = dot(vinf, vinf);
    const double inj = g.injection_dv(c3);
    const double arr = norm(v2 - va);
    const bool ok = c3 <= g.criteria().max_c3_km2_s2 && std::isfinite(inj) && std::isfinite(arr);
    return {c3, inj, arr, ok ? inj + arr : inf};
}
struct RetLegValue {
    double departure, vinf, entry, cost;  // cost = departure dv; inf when not allowed
};
RetLegValue ret_leg_value(const SurveyGrid& g, const Vec3& v1, const Vec3& v2, const Vec3& va, const Vec3& ve) {
    const double dep = norm(v1 - va);
    const double vinf = norm(v2 - ve);
    const double entry = g.entry_speed(vinf);
    const bool ok = entry <= g.criteria().max_entry_speed_km_s && std::isfinite(dep);
    return {dep, vinf, entry, ok ? dep : inf};
}

void asteroid_states(const SurveyGrid& g, const CatalogObject& o, std::vector<Vec3>& r, std::vector<Vec3>& v) {
    const auto n = static_cast<std::size_t>(g.node_count());
    r.resize(n);
    v.resize(n);
    states_from_elements_over(o.elements, o.epoch, g.node_instants(), gm_sun_km3_s2, r, v);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
SurveyGrid::SurveyGrid(const SurveyCriteria& c, const Ephemeris& earth_source) : m_c(c) {
    const auto positive = [](double v, const char* name) {
        if (!(std::isfinite(v) && v > 0)) bad(std::string(name) + " must be a finite number > 0, got " + std::to_string(v));
    };
    positive(c.tof_step_days, "tof_step_days");
    positive(c.launch_step_days, "launch_step_days");
    positive(c.max_duration_days, "max_duration_days");
    if (!(c.min_stay_days >= 0)) bad("min_stay_days must be >= 0");
    const double ratio = c.launch_step_days / c.tof_step_days;
    if (std::abs(ratio - std::round(ratio)) > grid_tolerance * ratio || std::round(ratio) < 1) {
        bad("launch_step_days (" + std::to_string(c.launch_step_days) + ") must be a whole multiple of tof_step_days (" +
            std::to_string(c.tof_step_days) + ")");
    }
    if (c.launch_last < c.launch_first) bad("launch_last is before launch_first");
    m_stride = static_cast<int>(std::round(ratio));
    m_dmax = static_cast<int>(std::floor(c.max_duration_days / c.tof_step_days + grid_tolerance));
    m_stay = static_cast<int>(std::ceil(c.min_stay_days / c.tof_step_days - grid_tolerance));
    if (m_dmax < m_stay + 2) bad("max_duration_days leaves no room for out + stay + back legs of one step each");
    const double span_days = to_days(c.launch_last - c.launch_first);
    m_launches = static_cast<int>(std::floor(span_days / c.launch_step_days + grid_tolerance)) + 1;
    const int nodes = (m_launches - 1) * m_stride + m_dmax + 1;
    const double first = c.launch_first.days_since_j2000();
    m_days.resize(static_cast<std::size_t>(nodes));
    m_instants.resize(static_cast<std::size_t>(nodes));
    for (int j = 0; j < nodes; ++j) {
        m_days[static_cast<std::size_t>(j)] = first + j * c.tof_step_days;
        m_instants[static_cast<std::size_t>(j)] = Instant::from_days_since_j2000(m_days[static_cast<std::size_t>(j)]);
    }
    // NOTE: tabulate the Earth once (epv00 costs ~20 us a call); nodes fall on the table's nodes at 1-day steps.
    // epv00's velocities are its positions' derivative (ephemeris.hpp), so one source call per node will do.
    const std::array<Body, 1> earth{Body::earth};
    const TabulatedEphemeris table(earth_source, earth, first, m_days.back(), std::min(1.0, c.tof_step_days),
                                   HermiteTangents::source_velocity);
    m_er.resize(m_days.size());
    m_ev.resize(m_days.size());
    table.states(Body::earth, m_days, m_er, m_ev);
    m_eh.resize(m_days.size());
    m_eeps.resize(m_days.size());
    for (std::size_t j = 0; j < m_days.size(); ++j) {
        m_eh[j] = cross(m_er[j], m_ev[j]);
        m_eeps[j] = 0.5 * dot(m_ev[j], m_ev[j]) - gm_sun_km3_s2 / norm(m_er[j]);
        m_er_max = std::max(m_er_max, norm(m_er[j]));
        m_ev_max = std::max(m_ev_max, norm(m_ev[j]));
    }
    const double vesc2 = 2 * gm_earth_km3_s2 / (radius_earth_km + c.entry_alt_km);
    const double e2 = c.max_entry_speed_km_s * c.max_entry_speed_km_s;
    m_max_vinf_ret = e2 >= vesc2 ? std::sqrt(e2 - vesc2) : std::numeric_limits<double>::quiet_NaN();
}


double SurveyGrid::injection_dv(double c3) const {
    const double rp = radius_earth_km + m_c.parking_alt_km;
    return std::sqrt(c3 + 2 * gm_earth_km3_s2 / rp) - std::sqrt(gm_earth_km3_s2 / rp);
}

double SurveyGrid::entry_speed(double vinf) const {
    return std::sqrt(vinf * vinf + 2 * gm_earth_km3_s2 / (radius_earth_km + m_c.entry_alt_km));
}

// ---------------------------------------------------------------------------------------------------------
namespace {

// The invariants the bound works with (docs/VALIDATION.md "NEA survey", pruning).
struct BoundInputs {
    double dh = inf;    // min over nodes |h_ast - h_earth| [km^2/s], shrunk by the slack
    double deps = inf;  // min over nodes |eps_ast - eps_earth| [km^2/s^2], shrunk by the slack
    double re = 0, ve = 0;  // max |r_earth| [km], |v_earth| [km/s]
};

BoundInputs bound_inputs(const SurveyGrid& g, const Elements& el) {
    const double mu = gm_sun_km3_s2;
    const double a = el.a_km, e = el.e;
    const double hmag = std::sqrt(mu * a * (1 - e * e));
    const Vec3 ha{hmag * std::sin(el.i_rad) * std::sin(el.raan_rad), -hmag * std::sin(el.i_rad) * std::cos(el.raan_rad),
                  hmag * std::cos(el.i_rad)};
    const double eps_a = -mu / (2 * a);
    BoundInputs b;
    const auto eh = g.earth_h();
    const auto ee = g.earth_energy();
    for (std::size_t j = 0; j < eh.size(); ++j) {
        b.dh = std::min(b.dh, norm(ha - eh[j]) - invariant_slack * norm(eh[j]));
        b.deps = std::min(b.deps, std::abs(eps_a - ee[j]) - invariant_slack * std::abs(ee[j]));
    }
    b.re = g.earth_r_max();
    b.ve = g.earth_v_max();
    return b;
}

// Smallest burn x >= 0 at the asteroid that an Earth-side v-infinity `vinf` leaves necessary, when the burn
// happens at |r| <= r_max with the asteroid's speed <= v_max there:
// |dh| <= r_E vinf + r x and |d eps| <= v_E vinf + vinf^2/2 + v x + x^2/2.
double burn_need(const BoundInputs& b, double vinf, double r_max, double v_max) {
    const double x_h = (b.dh - b.re * vinf) / r_max;
    const double rem = b.deps - (b.ve * vinf + 0.5 * vinf * vinf);
    const double x_e = rem > 0 ? std::sqrt(v_max * v_max + 2 * rem) - v_max : 0.0;
    return std::max({0.0, x_h, x_e});
}

// The least injection + arrival burn, over launch v-infinity V in [0, sqrt(max C3)], when the arrival burn happens
// at |r| <= r_max with the asteroid's speed <= v_max: min over V of injection(V) + burn_need(V). burn_need is
// non-increasing in V and injection increasing, so on each interval [V_k, V_k+1] the sum is at least
// injection(V_k) + burn_need(V_k+1). The date-independent parts of each interval are computed once per object.
class OutboundBound {
public:
    OutboundBound(const SurveyGrid& g, const BoundInputs& b) {
        const double v1 = std::sqrt(g.criteria().max_c3_km2_s2);
        for (int k = 0; k < bound_vinf_steps; ++k) {
            const auto ku = static_cast<std::size_t>(k);
            const double lo = v1 * k / bound_vinf_steps;
            const double hi = k + 1 == bound_vinf_steps ? v1 : v1 * (k + 1) / bound_vinf_steps;
            m_inj[ku] = g.injection_dv(lo * lo);
            m_h[ku] = b.dh - b.re * hi;                       // burn_need's terms at V = hi
            m_rem[ku] = b.deps - (b.ve * hi + 0.5 * hi * hi);
        }
    }
    // [km/s]
    double operator()(double r_max, double v_max) const {
        double out = inf;
        for (std::size_t k = 0; k < static_cast<std::size_t>(bound_vinf_steps); ++k) {
            const double x_h = m_h[k] / r_max;
            const double x_e = m_rem[k] > 0 ? std::sqrt(v_max * v_max + 2 * m_rem[k]) - v_max : 0.0;
            out = std::min(out, m_inj[k] + std::max({0.0, x_h, x_e}));
        }
        return out;
    }

private:
    std::array<double, bound_vinf_steps> m_inj{}, m_h{}, m_rem{};
};

// Asteroid-wide: the burn happens somewhere on the orbit, r in [q, Q], split into slabs; on a slab r <= r_hi and
// the speed <= v(r_lo) (vis-viva), both of which only lower a need. The least of f(r_hi, v_max) over the slabs.
template <class F>
double min_over_orbit(const Elements& el, F f) {
    const double mu = gm_sun_km3_s2;
    const double a = el.a_km, e = el.e;
    const double q = a * (1 - e), big_q = a * (1 + e);
    double best = inf;
    const int slabs = e > 0 ? bound_radius_slabs : 1;
    for (int s = 0; s < slabs; ++s) {
        const double r_lo = q + (big_q - q) * s / slabs;
        const double r_hi = s + 1 == slabs ? big_q : q + (big_q - q) * (s + 1) / slabs;
        best = std::min(best, f(r_hi, std::sqrt(mu * (2 / r_lo - 1 / a))));
    }
    return best;
}
double orbit_need(const BoundInputs& b, const Elements& el, double vinf) {
    return min_over_orbit(el, [&](double r, double v) { return burn_need(b, vinf, r, v); });
}
double orbit_outbound(const SurveyGrid& g, const BoundInputs& b, const Elements& el) {
    const OutboundBound outbound(g, b);
    return min_over_orbit(el, outbound);
}

// The leg filter's limits for return legs: the departure burn a viable trajectory leaves room for, given a lower
// bound on its outbound cost, and the v-infinity the entry-speed limit allows.
double return_budget(const SurveyGrid& g, double outbound_lower_bound) {
    return g.criteria().max_total_dv_km_s + prune_margin_km_s - std::max(outbound_lower_bound, g.injection_dv(0.0));
}
double return_vinf_cap(const SurveyGrid& g) { return g.max_return_vinf() + prune_margin_km_s; }

bool criteria_allow_any(const SurveyGrid& g) {
    return g.criteria().max_c3_km2_s2 >= 0 && std::isfinite(g.max_return_vinf());
}

}  // namespace

double survey_dv_lower_bound(const SurveyGrid& g, const Elements& el) {
    if (!criteria_allow_any(g)) return inf;
    const auto b = bound_inputs(g, el);
    return orbit_outbound(g, b, el) + orbit_need(b, el, g.max_return_vinf());
}

// ---------------------------------------------------------------------------------------------------------
struct SurveyWorkspace::Impl {
    std::vector<Vec3> asteroid_r, asteroid_v;      // the asteroid at the nodes [km], [km/s]
    std::vector<double> arrival_need;              // per node: bound on injection + arrival burn [km/s]
    std::vector<double> return_cost;               // [departure - first departure][back steps - 1]
    std::vector<char> return_row_used;             // per departure: its row of return_cost holds a finite cost
    std::vector<int> earliest_return;              // per node: suffix min of the first feasible return date
    std::vector<double> outbound_cost;             // [launch][out steps - 1]
    std::vector<char> launch_has_outbound;         // per launch: its row of outbound_cost holds a finite cost
    std::vector<double> best_return;               // prefix min over back steps of return_cost
    std::vector<std::uint16_t> best_return_back;   // its argmin back steps
    std::vector<double> best_return_after;         // [steps since launch]: suffix min over departures
    std::vector<int> best_return_after_departure;  // its argmin departure node
    detail::LegEndTable earth_ends, asteroid_ends; // per node, for the leg screen
    std::vector<std::int64_t> lane_steps;          // batch lane -> leg length [steps]
    LegSoA batch;
    detail::DominanceCounter counter;
#if GER_WITH_CUDA
    std::vector<unsigned char> ret_row;     // per node: 1 = the device solves the return legs leaving then
    cuda::ObjectOutput device_out;
#endif
};
SurveyWorkspace::SurveyWorkspace() : m_impl(std::make_unique<Impl>()) {}
SurveyWorkspace::~SurveyWorkspace() = default;
SurveyWorkspace::SurveyWorkspace(SurveyWorkspace&&) noexcept = default;
SurveyWorkspace& SurveyWorkspace::operator=(SurveyWorkspace&&) noexcept = default;

namespace {

struct Choice {
    double total = inf;
    int launch = -1, k = -1, j2 = -1, b = -1;
};

RoundTrip make_round_trip(const SurveyGrid& g, const std::vector<Vec3>& ar, const std::vector<Vec3>& av,
                          const Choice& ch) {
    const int j0 = ch.launch * g.launch_stride(), j1 = j0 + ch.k, j3 = ch.j2 + ch.b;
    LegSoA s;
    s.resize(2);
    s.set(0, g.earth_r(j0), ar[static_cast<std::size_t>(j1)], ch.k * g.step_days() * day_s);
    s.set(1, ar[static_cast<std::size_t>(ch.j2)], g.earth_r(j3), ch.b * g.step_days() * day_s);
    s.solve(2);
    const auto o = out_leg_value(g, s.v1(0), s.v2(0), g.earth_v(j0), av[static_cast<std::size_t>(j1)]);
    const auto r = ret_leg_value(g, s.v1(1), s.v2(1), av[static_cast<std::size_t>(ch.j2)], g.earth_v(j3));
    RoundTrip t;
    t.launch = g.node_instant(j0);
    t.out_days = ch.k * g.step_days();
    t.stay_days = (ch.j2 - j1) * g.step_days();
    t.back_days = ch.b * g.step_days();
    t.duration_days = (j3 - j0) * g.step_days();
    t.c3_km2_s2 = o.c3;
    t.injection_dv_km_s = o.injection;
    t.arrival_dv_km_s = o.arrival;
    t.departure_dv_km_s = r.departure;
    t.total_dv_km_s = o.cost + r.cost;
    t.return_vinf_km_s = r.vinf;
    t.entry_speed_km_s = r.entry;
    return t;
}

// The grid in whole steps, named as in docs/VALIDATION.md ("Model and grid"): K, S, D, the launches, and the
// nodes a return leg may leave the asteroid on (after the shortest out + stay, before the last node).
struct GridShape {
    explicit GridShape(const SurveyGrid& g)
        : max_leg(g.max_leg_steps()), min_stay(g.min_stay_steps()), max_duration(g.max_duration_steps()),
          launch_stride(g.launch_stride()), launches(g.launch_count()), last_node(g.node_count() - 1),
          first_departure(min_stay + 1), last_departure(last_node - 1), step_s(g.step_days() * day_s) {}
    int max_leg, min_stay, max_duration;  // K, S, D [steps]
    int launch_stride, launches;          // [steps] between launches; launch dates
    int last_node;
    int first_departure, last_departure;  // [node] j2 range
    double step_s;                        // [s] tau
    int launch_node(int launch) const { return launch * launch_stride; }
    int departures() const { return last_departure - first_departure + 1; }
    std::size_t nodes() const { return static_cast<std::size_t>(last_node) + 1; }
};

// A workspace vector indexed by a signed grid number (node, launch, or steps since a launch): the method's
// arithmetic is signed and the storage is not, and this is the one place they meet.
template <class T>
class GridVector {
public:
    explicit GridVector(std::vector<T>& values) : m_values(values) {}
    void reset(int count, T value) { m_values.assign(static_cast<std::size_t>(count), value); }
    void resize(int count) { m_values.resize(static_cast<std::size_t>(count)); }
    T& operator[](int index) const { return m_values[static_cast<std::size_t>(index)]; }
    const std::vector<T>& values() const { return m_values; }

private:
    std::vector<T>& m_values;
};

// A workspace table with one row per grid number from `first_row` and one column per leg length of
// 1..max_leg steps, stored row after row so that one row's legs, solved as one batch, are contiguous.
template <class T>
class LegTable {
public:
    LegTable(std::vector<T>& cells, int first_row, int max_leg)
        : m_cells(cells), m_first_row(first_row), m_max_leg(static_cast<std::size_t>(max_leg)) {}
    void reset(int rows, T value) { m_cells.assign(static_cast<std::size_t>(rows) * m_max_leg, value); }
    // The table of `rows` rows all `empty` again, when it held `empty` everywhere but in the rows `used` marks
    // (one flag per row, indexed by row number from the first): only those rows are refilled (an object writes few
    // of the ~3 M cells). `used` is cleared. A table of another shape (its cells and flags, sized together here,
    // give its old row length) is refilled whole.
    void renew(int rows, T empty, GridVector<char>& used) {
        const auto cells = static_cast<std::size_t>(rows) * m_max_leg;
        if (m_cells.size() != cells || used.values().size() != static_cast<std::size_t>(rows)) {
            reset(rows, empty);
            used.reset(rows, 0);
            return;
        }
        for (int r = 0; r < rows; ++r) {
            if (used[r] == 0) continue;
            const auto begin = m_cells.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * m_max_leg);
            std::fill(begin, begin + static_cast<std::ptrdiff_t>(m_max_leg), empty);
            used[r] = 0;
        }
    }
    void resize(int rows) { m_cells.resize(static_cast<std::size_t>(rows) * m_max_leg); }
    T& at(int row, int steps) const { return m_cells[offset(row) + static_cast<std::size_t>(steps - 1)]; }
    std::span<T> row(int row) const { return {m_cells.data() + offset(row), m_max_leg}; }

private:
    std::size_t offset(int row) const { return static_cast<std::size_t>(row - m_first_row) * m_max_leg; }
    std::vector<T>& m_cells;
    int m_first_row;
    std::size_t m_max_leg;
};

// One row of legs (one end fixed, the other over consecutive dates) queued for one batch solve, each lane
// remembering its length so its result lands in its table column.
class LegRow {
public:
    LegRow(SurveyWorkspace::Impl& w, int max_leg) : m_steps(w.lane_steps), m_legs(w.batch) {
        const auto lanes = static_cast<std::size_t>(max_leg);
        m_legs.resize(lanes);
        m_steps.resize(lanes + detail::leg_row_padding);
    }
    // Queues the legs from `fixed_node` of `fixed_ends` to the `count` dates after it in `other_ends` that pass
    // the leg screen (survey_leg_row.hpp) under `limits`; the screen's need column, when given, starts at the
    // first of those dates.
    void screen(const detail::LegEndTable& fixed_ends, int fixed_node, const detail::LegEndTable& other_ends, int count,
                const detail::LegRowLimits& limits) {
        const auto node = static_cast<std::size_t>(fixed_node);
        const detail::LegRowOutput out{m_legs.r2x.data(), m_legs.r2y.data(), m_legs.r2z.data(), m_legs.tof.data(),
                                       m_steps.data()};
        const auto fixed = fixed_ends.at(node);
        m_lanes = detail::screen_leg_row(fixed, other_ends.from(node + 1), static_cast<std::size_t>(count), limits, out);
        m_legs.set_first_ends(m_lanes, {fixed.rx, fixed.ry, fixed.rz});
    }
    // Queues every leg from `from` to the `count` dates of `to` after `from_node` (no screen: validation).
    void queue_all(const Vec3& from, std::span<const Vec3> to, int from_node, int count, double step_s) {
        for (int steps = 1; steps <= count; ++steps) {
            m_legs.set(static_cast<std::size_t>(steps - 1), from, to[static_cast<std::size_t>(from_node + steps)],
                       steps * step_s);
            m_steps[static_cast<std::size_t>(steps - 1)] = steps;
        }
        m_lanes = static_cast<std::size_t>(count);
    }
    std::size_t lanes() const { return m_lanes; }
    void solve() { m_legs.solve(m_lanes); }
    int steps(std::size_t lane) const { return static_cast<int>(m_steps[lane]); }
    bool solved(std::size_t lane) const { return m_legs.status[lane] == LambertStatus::ok; }
    Vec3 v1(std::size_t lane) const { return m_legs.v1(lane); }
    Vec3 v2(std::size_t lane) const { return m_legs.v2(lane); }

private:
    std::vector<std::int64_t>& m_steps;
    LegSoA& m_legs;
    std::size_t m_lanes = 0;
};

// One object's tables in the method's terms (docs/VALIDATION.md "Fast combined search").
struct ObjectTables {
    ObjectTables(SurveyWorkspace::Impl& w, const GridShape& shape)
        : asteroid_r(w.asteroid_r), asteroid_v(w.asteroid_v), arrival_need(w.arrival_need),
          return_cost(w.return_cost, shape.first_departure, shape.max_leg), earliest_return(w.earliest_return),
          return_row_used(w.return_row_used),
          outbound_cost(w.outbound_cost, 0, shape.max_leg), launch_has_outbound(w.launch_has_outbound),
          best_return(w.best_return, shape.first_departure, shape.max_leg),
          best_return_back(w.best_return_back, shape.first_departure, shape.max_leg),
          best_return_after(w.best_return_after), best_return_after_departure(w.best_return_after_departure),
          earth_ends(w.earth_ends), asteroid_ends(w.asteroid_ends), legs(w, shape.max_leg) {}
    GridVector<Vec3> asteroid_r, asteroid_v;  // [node]
    GridVector<double> arrival_need;          // [node] (all zero without pruning)
    LegTable<double> return_cost;             // d [departure][back]; inf: not allowed
    GridVector<int> earliest_return;          // [node] earliest(j)
    GridVector<char> return_row_used;         // [departure - first departure] some finite d
    LegTable<double> outbound_cost;           // a [launch][out]; inf: not allowed
    GridVector<char> launch_has_outbound;     // [launch] some finite a
    LegTable<double> best_return;             // P(j2, beta)
    LegTable<std::uint16_t> best_return_back; // the back steps of P(j2, beta)
    GridVector<double> best_return_after;     // [steps since launch]: suffix minimum of P for one launch and cap
    GridVector<int> best_return_after_departure;
    detail::LegEndTable& earth_ends;
    detail::LegEndTable& asteroid_ends;
    LegRow legs;
};

// What every stage of one object's search reads: the grid, the limits and the object's bounds.
struct Search {
    const SurveyGrid& grid;
    const GridShape& shape;
    bool prune;
    double max_total_dv;     // X [km/s]
    double prune_limit;      // X + the pruning margin [km/s]
    double least_injection;  // injection at C3 = 0 [km/s]
    double outbound_bound;   // object-wide bound on injection + arrival [km/s]
    const BoundInputs& bounds;
};

// A date's bound on injection + arrival, so stage 2 can skip an arrival date whose own need rules it out, which
// the object-wide bound (taken over the whole orbit) cannot. The device reads the table too, so it is always
// filled; zeros without pruning keep its test inert.
void tabulate_arrival_needs(const Search& s, ObjectTables& t) {
    // Padded: the leg screen reads it in whole vectors.
    t.arrival_need.reset(s.shape.last_node + 1 + static_cast<int>(detail::leg_row_padding), 0.0);
    if (!s.prune) return;
    const OutboundBound need_at(s.grid, s.bounds);
    for (int node = 0; node <= s.shape.last_node; ++node) {
        t.arrival_need[node] = need_at(norm(t.asteroid_r[node]), norm(t.asteroid_v[node]));
    }
}

// No viable trajectory leaves the asteroid on `departure` when even the object's outbound bound plus the
// departure burn that date's position and speed force exceed the limit: the whole return row can be skipped.
bool departure_hopeless(const Search& s, const ObjectTables& t, int departure) {
    return s.prune && s.outbound_bound + burn_need(s.bounds, s.grid.max_return_vinf(), norm(t.asteroid_r[departure]),
                                                   norm(t.asteroid_v[departure])) > s.prune_limit;
}

#if GER_WITH_CUDA
// The device's share of survey_target (the legs, the best trajectories and the leg lists of the count,
// survey_cuda.hpp); the host keeps the bounds, the round-trip figures and the exact count, so both paths share
// every line but the kernels.
void survey_target_device(const Search& s, SurveyWorkspace::Impl& w, const ObjectTables& t,
                          cuda::DeviceContext& device, TargetResult& res) {
    const auto& g = s.grid;
    w.ret_row.assign(s.shape.nodes(), 0);
    for (int j2 = s.shape.first_departure; j2 <= s.shape.last_departure; ++j2) {
        w.ret_row[static_cast<std::size_t>(j2)] = departure_hopeless(s, t, j2) ? 0 : 1;
    }
    auto& o = w.device_out;
    device.run({w.asteroid_r.data(), w.asteroid_v.data(), w.arrival_need.data(), w.ret_row.data(), s.prune,
                return_budget(g, s.outbound_bound)},
               o);
    res.legs_solved = o.legs_solved;
    if (!o.min_dv.found) return;
    const auto choice = [](const cuda::DeviceChoice& c) { return Choice{c.total, c.launch, c.k, c.j2, c.b}; };
    res.min_dv = make_round_trip(g, w.asteroid_r, w.asteroid_v, choice(o.min_dv));
    res.min_duration = make_round_trip(g, w.asteroid_r, w.asteroid_v, choice(o.min_duration));
    auto& cnt = w.counter;
    cnt.clear();
    for (std::size_t p = 0; p < o.point_d.size(); ++p) cnt.add_point(o.point_j3[p], o.point_j2[p], o.point_d[p]);
    for (std::size_t q = 0; q < o.query_cost.size(); ++q) cnt.add_query(o.query_b[q], o.query_a[q], o.query_cost[q]);
    res.viable_count = cnt.count(s.max_total_dv);
}
#else
namespace cuda {
class DeviceContext;  // never defined without GER_WITH_CUDA
}
#endif

// The leg filter tests a row of legs against per-date end states; tabulating them once per object is what lets
// its row loop vectorise (the device computes its own).
void tabulate_leg_ends(const Search& s, ObjectTables& t) {
    t.earth_ends.assign(s.grid.earth_positions(), s.grid.earth_velocities(), gm_sun_km3_s2);
    t.asteroid_ends.assign(t.asteroid_r.values(), t.asteroid_v.values(), gm_sun_km3_s2);
}

// Stage 1, return legs: they go first because the entry-speed limit is the strongest filter, and what they leave
// (the earliest return from each date, the cheapest departure burn) bounds which outbound legs are worth solving.
// A leg is kept only if injection at C3 = 0 plus its cost fits the limit, as every trajectory through it pays at
// least that. Returns the cheapest kept cost d (inf: none).
double solve_return_legs(const Search& s, ObjectTables& t, std::uint64_t& legs_solved) {
    const auto& g = s.grid;
    const auto& shape = s.shape;
    t.return_cost.renew(shape.departures(), inf, t.return_row_used);
    t.earliest_return.reset(shape.last_node + 2, std::numeric_limits<int>::max());
    double cheapest = inf;
    const double departure_budget = return_budget(g, s.outbound_bound);
    for (int departure = shape.last_departure; departure >= shape.first_departure; --departure) {
        const int longest =
            departure_hopeless(s, t, departure) ? 0 : std::min(shape.max_leg, shape.last_node - departure);
        if (s.prune) {
            t.legs.screen(t.asteroid_ends, departure, t.earth_ends, longest,
                          {departure_budget, return_vinf_cap(g), invariant_slack, gm_sun_km3_s2, shape.step_s});
        } else {
            t.legs.queue_all(t.asteroid_r[departure], s.grid.earth_positions(), departure, longest, shape.step_s);
        }
        if (t.legs.lanes() > 0) t.legs.solve();
        legs_solved += t.legs.lanes();
        int first_return = std::numeric_limits<int>::max();
        for (std::size_t lane = 0; lane < t.legs.lanes(); ++lane) {
            if (!t.legs.solved(lane)) continue;
            const int back = t.legs.steps(lane);
            const auto v = ret_leg_value(g, t.legs.v1(lane), t.legs.v2(lane), t.asteroid_v[departure],
                                         g.earth_v(departure + back));
            if (std::isfinite(v.cost) && s.least_injection + v.cost <= s.max_total_dv) {
                t.return_cost.at(departure, back) = v.cost;
                t.return_row_used[departure - shape.first_departure] = 1;
                first_return = std::min(first_return, departure + back);
                cheapest = std::min(cheapest, v.cost);
            }
        }
        t.earliest_return[departure] = std::min(first_return, t.earliest_return[departure + 1]);
    }
    return cheapest;
}

// The longest outbound leg from `launch_node` worth solving: arriving later leaves no feasible return home within
// the duration limit. earliest_return is a suffix minimum, so it never decreases with the date: once one arrival
// date has no return in time, no later one has.
int longest_useful_outbound(const GridShape& shape, const ObjectTables& t, int launch_node) {
    int out = 0;
    while (out < shape.max_leg) {
        const int first_departure = launch_node + out + 1 + shape.min_stay;
        if (first_departure > shape.last_departure ||
            t.earliest_return[first_departure] > launch_node + shape.max_duration) {
            break;
        }
        ++out;
    }
    return out;
}

// Stage 2, outbound legs: only to arrival dates from which some feasible return is home in time, and with the
// cheapest return's cost already spent, so the leg filter's limits and the kept legs are as tight as stage 1
// allows. Returns whether any outbound leg was kept.
bool solve_outbound_legs(const Search& s, ObjectTables& t, double cheapest_return, std::uint64_t& legs_solved) {
    const auto& g = s.grid;
    const auto& shape = s.shape;
    const auto& c = g.criteria();
    // Injection + arrival <= limit - cheapest return, so the launch v-infinity is at most what the C3 limit and
    // that budget allow (injection increases with it) and the arrival burn at most the budget less the smallest
    // injection.
    const auto caps = detail::outbound_leg_caps(s.prune_limit - cheapest_return, c.max_c3_km2_s2,
                                                gm_earth_km3_s2 / (radius_earth_km + c.parking_alt_km),
                                                s.least_injection, prune_margin_km_s);
    t.outbound_cost.renew(shape.launches, inf, t.launch_has_outbound);
    bool any_outbound = false;
    for (int launch = 0; launch < shape.launches; ++launch) {
        const int launch_node = shape.launch_node(launch);
        const int longest = longest_useful_outbound(shape, t, launch_node);
        if (longest == 0) continue;
        if (s.prune) {
            // An arrival date whose own need, with the cheapest return, exceeds the limit is skipped too.
            t.legs.screen(t.earth_ends, launch_node, t.asteroid_ends, longest,
                          {caps.vinf, caps.arrival, invariant_slack, gm_sun_km3_s2, shape.step_s,
                           &t.arrival_need[launch_node + 1], cheapest_return, s.prune_limit});
        } else {
            t.legs.queue_all(g.earth_r(launch_node), t.asteroid_r.values(), launch_node, longest, shape.step_s);
        }
        if (t.legs.lanes() == 0) continue;
        t.legs.solve();
        legs_solved += t.legs.lanes();
        for (std::size_t lane = 0; lane < t.legs.lanes(); ++lane) {
            if (!t.legs.solved(lane)) continue;
            const int out = t.legs.steps(lane);
            const auto v = out_leg_value(g, t.legs.v1(lane), t.legs.v2(lane), g.earth_v(launch_node),
                                         t.asteroid_v[launch_node + out]);
            if (std::isfinite(v.cost) && v.cost + cheapest_return <= s.max_total_dv) {
                t.outbound_cost.at(launch, out) = v.cost;
                t.launch_has_outbound[launch] = 1;
                any_outbound = true;
            }
        }
    }
    return any_outbound;
}

// Stage 3's table P(j2, beta) = the cheapest return leaving on j2 with at most beta steps back, once per object:
// every duration cap then reads the best return in time from one cell instead of scanning a row.
void tabulate_best_returns(const GridShape& shape, ObjectTables& t) {
    t.best_return.resize(shape.departures());
    t.best_return_back.resize(shape.departures());
    for (int departure = shape.first_departure; departure <= shape.last_departure; ++departure) {
        const auto costs = t.return_cost.row(departure);
        const auto least = t.best_return.row(departure);
        const auto least_back = t.best_return_back.row(departure);
        if (t.return_row_used[departure - shape.first_departure] == 0) {  // a row of inf
            std::fill(least.begin(), least.end(), inf);
            std::fill(least_back.begin(), least_back.end(), std::uint16_t{0});
            continue;
        }
        double least_so_far = inf;
        std::uint16_t least_so_far_back = 0;
        for (std::size_t column = 0; column < costs.size(); ++column) {
            if (costs[column] < least_so_far) {
                least_so_far = costs[column];
                least_so_far_back = static_cast<std::uint16_t>(column + 1);
            }
            least[column] = least_so_far;
            least_back[column] = least_so_far_back;
        }
    }
    // best_within's scratch, sized once here rather than on each of its ~10 calls per object.
    t.best_return_after.resize(shape.max_duration + 1);
    t.best_return_after_departure.resize(shape.max_duration + 1);
}

// Stage 3, the least-dv trajectory home within `duration_cap` steps of launch. Exact in O(launches x cap): per
// launch a suffix minimum of P over departures descending gives the best return leaving on or after each date
// and home by the cap, so each arrival adds its outbound cost to one lookup.
Choice best_within(const GridShape& shape, ObjectTables& t, int duration_cap) {
    Choice best;
    for (int launch = 0; launch < shape.launches; ++launch) {
        if (!t.launch_has_outbound[launch]) continue;
        const int launch_node = shape.launch_node(launch), home_by = launch_node + duration_cap;
        double best_after = inf;
        int best_after_departure = -1;
        for (int departure = home_by - 1; departure >= launch_node + 1 + shape.min_stay; --departure) {
            const int max_back = std::min(shape.max_leg, home_by - departure);
            const double cost = t.best_return.at(departure, max_back);
            if (cost <= best_after) {
                best_after = cost;
                best_after_departure = departure;
            }
            t.best_return_after[departure - launch_node] = best_after;
            t.best_return_after_departure[departure - launch_node] = best_after_departure;
        }
        const int longest_out = std::min(shape.max_leg, duration_cap - shape.min_stay - 1);
        for (int out = 1; out <= longest_out; ++out) {
            const double outbound_cost = t.outbound_cost.at(launch, out);
            if (!std::isfinite(outbound_cost)) continue;
            const int first_departure_after_launch = out + shape.min_stay;
            const double total = outbound_cost + t.best_return_after[first_departure_after_launch];
            if (total < best.total) {
                const int departure = t.best_return_after_departure[first_departure_after_launch];
                const int max_back = std::min(shape.max_leg, home_by - departure);
                best = {total, launch, out, departure, t.best_return_back.at(departure, max_back)};
            }
        }
    }
    return best;
}

// Stage 4, the shortest duration cap with a viable trajectory, by bisection: the feasible set only grows with
// the cap, so the best total is non-increasing in it.
int shortest_viable_duration(const Search& s, ObjectTables& t) {
    int lo = s.shape.min_stay + 2, hi = s.shape.max_duration;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (best_within(s.shape, t, mid).total <= s.max_total_dv) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

// Stage 5, the count of viable pairs (outbound, return) with j2 >= j1 + S, j3 <= j0 + D and fl(a + d) <= X:
// 3-D dominance, counted exactly without enumerating the pairs (detail/survey_count.hpp).
std::uint64_t count_viable(const Search& s, const ObjectTables& t, detail::DominanceCounter& counter) {
    const auto& shape = s.shape;
    counter.clear();
    for (int departure = shape.first_departure; departure <= shape.last_departure; ++departure) {
        if (t.return_row_used[departure - shape.first_departure] == 0) continue;
        for (int back = 1; back <= shape.max_leg; ++back) {
            const double cost = t.return_cost.at(departure, back);
            if (std::isfinite(cost)) counter.add_point(departure + back, departure, cost);
        }
    }
    for (int launch = 0; launch < shape.launches; ++launch) {
        if (!t.launch_has_outbound[launch]) continue;
        const int launch_node = shape.launch_node(launch);
        for (int out = 1; out <= shape.max_leg; ++out) {
            const double cost = t.outbound_cost.at(launch, out);
            if (std::isfinite(cost)) {
                counter.add_query(launch_node + shape.max_duration, launch_node + out + shape.min_stay, cost);
            }
        }
    }
    return counter.count(s.max_total_dv);
}

TargetResult survey_target_on(const SurveyGrid& g, const CatalogObject& object, SurveyWorkspace& workspace,
                              bool prune, [[maybe_unused]] cuda::DeviceContext* device) {
    auto& w = workspace.impl();
    TargetResult res;
    res.designation = object.designation;
    res.h_mag = object.h_mag;
    const double max_total_dv = g.criteria().max_total_dv_km_s;
    const double prune_limit = max_total_dv + prune_margin_km_s;
    const bool any = criteria_allow_any(g);
    const auto bounds = bound_inputs(g, object.elements);
    const double outbound_bound = any ? orbit_outbound(g, bounds, object.elements) : inf;
    const double return_bound = any ? orbit_need(bounds, object.elements, g.max_return_vinf()) : inf;
    res.dv_lower_bound_km_s = outbound_bound + return_bound;
    if (prune && !(res.dv_lower_bound_km_s <= prune_limit)) {
        res.pruned = true;
        return res;
    }
    if (!any) return res;
    asteroid_states(g, object, w.asteroid_r, w.asteroid_v);
    const GridShape shape(g);
    const Search search{g, shape, prune, max_total_dv, prune_limit, g.injection_dv(0.0), outbound_bound, bounds};
    ObjectTables tables(w, shape);

#if GER_WITH_CUDA
    if (device != nullptr) {
        tabulate_arrival_needs(search, tables);
        survey_target_device(search, w, tables, *device, res);
        return res;
    }
#endif

    if (prune) tabulate_leg_ends(search, tables);
    const double cheapest_return = solve_return_legs(search, tables, res.legs_solved);
    if (!std::isfinite(cheapest_return)) return res;
    // Only stage 2 reads the arrival-date bounds, and many objects end before it (each date costs 64 square roots).
    tabulate_arrival_needs(search, tables);
    if (!solve_outbound_legs(search, tables, cheapest_return, res.legs_solved)) return res;
    tabulate_best_returns(shape, tables);
    const Choice least_dv = best_within(shape, tables, shape.max_duration);
    if (!(least_dv.total <= max_total_dv)) return res;
    res.min_dv = make_round_trip(g, w.asteroid_r, w.asteroid_v, least_dv);
    res.min_duration = make_round_trip(g, w.asteroid_r, w.asteroid_v,
                                       best_within(shape, tables, shortest_viable_duration(search, tables)));
    res.viable_count = count_viable(search, tables, w.counter);
    return res;
}

}  // namespace

TargetResult survey_target(const SurveyGrid& g, const CatalogObject& object, SurveyWorkspace& workspace, bool prune) {
    return survey_target_on(g, object, workspace, prune, nullptr);
}

// ---------------------------------------------------------------------------------------------------------
TargetResult survey_target_brute_force(const SurveyGrid& g, const CatalogObject& object) {
    const auto& c = g.criteria();
    TargetResult res;
    res.designation = object.designation;
    res.h_mag = object.h_mag;
    res.dv_lower_bound_km_s = survey_dv_lower_bound(g, object.elements);
    std::vector<Vec3> ar, av;
    asteroid_states(g, object, ar, av);
    const int K = g.max_leg_steps(), S = g.min_stay_steps(), D = g.max_duration_steps();
    const int L = g.launch_count(), stride = g.launch_stride(), J = g.node_count();
    const double tau_s = g.step_days() * day_s;
    std::array<LambertSolution, 1> sol{};
    // Leg tables by the scalar solver (an independent path from the batch kernel).
    std::vector<double> out(static_cast<std::size_t>(L) * static_cast<std::size_t>(K + 1), inf);
    std::vector<double> ret(static_cast<std::size_t>(J) * static_cast<std::size_t>(K + 1), inf);
    for (int i = 0; i < L; ++i) {
        const int j0 = i * stride;
        for (int k = 1; k <= K && j0 + k < J; ++k) {
            const auto r = solve_lambert(g.earth_r(j0), ar[static_cast<std::size_t>(j0 + k)], k * tau_s, gm_sun_km3_s2, sol);
            if (r.count == 1) {
                out[static_cast<std::size_t>(i * (K + 1) + k)] =
                    out_leg_value(g, sol[0].v1, sol[0].v2, g.earth_v(j0), av[static_cast<std::size_t>(j0 + k)]).cost;
            }
        }
    }
    for (int j2 = 0; j2 < J; ++j2) {
        for (int b = 1; b <= K && j2 + b < J; ++b) {
            const auto r = solve_lambert(ar[static_cast<std::size_t>(j2)], g.earth_r(j2 + b), b * tau_s, gm_sun_km3_s2, sol);
            if (r.count == 1) {
                ret[static_cast<std::size_t>(j2 * (K + 1) + b)] =
                    ret_leg_value(g, sol[0].v1, sol[0].v2, av[static_cast<std::size_t>(j2)], g.earth_v(j2 + b)).cost;
            }
        }
    }
    Choice best, fastest;
    int fastest_d = std::numeric_limits<int>::max();
    for (int i = 0; i < L; ++i) {
        const int j0 = i * stride;
        for (int k = 1; k <= D; ++k) {
            for (int s = S; k + s + 1 <= D; ++s) {
                for (int b = 1; k + s + b <= D; ++b) {
                    const double a = out[static_cast<std::size_t>(i * (K + 1) + k)];
                    const int j2 = j0 + k + s;
                    const double d = ret[static_cast<std::size_t>(j2 * (K + 1) + b)];
                    const double total = a + d;
                    if (!(total <= c.max_total_dv_km_s)) continue;
                    ++res.viable_count;
                    const Choice ch{total, i, k, j2, b};
                    if (total < best.total) best = ch;
                    const int dur = k + s + b;
                    if (dur < fastest_d || (dur == fastest_d && total < fastest.total)) {
                        fastest_d = dur;
                        fastest = ch;
                    }
                }
            }
        }
    }
    if (res.viable_count > 0) {
        res.min_dv = make_round_trip(g, ar, av, best);
        res.min_duration = make_round_trip(g, ar, av, fastest);
    }
    return res;
}

// ---------------------------------------------------------------------------------------------------------
std::vector<std::size_t> survey_candidates(const SurveyGrid& g, std::span<const CatalogObject> objects) {
    std::vector<std::size_t> out;
    const auto& h = g.criteria().max_h;
    for (std::size_t k = 0; k < objects.size(); ++k) {
        if (h && !(objects[k].h_mag <= *h)) continue;
        out.push_back(k);
    }
    return out;
}

double survey_cost_estimate(const SurveyGrid& g, const CatalogObject& o) {
    return survey_dv_lower_bound(g, o.elements) <= g.criteria().max_total_dv_km_s + prune_margin_km_s ? 1.0 : 0.01;
}

std::vector<std::size_t> survey_shard(const SurveyGrid& g, std::span<const CatalogObject> objects,
                                      std::span<const std::size_t> candidates, int shard, int count) {
    if (count < 1 || shard < 0 || shard >= count) {
        bad("shard " + std::to_string(shard) + "/" + std::to_string(count) + " is outside 0 <= i < n");
    }
    std::vector<double> load(static_cast<std::size_t>(count), 0.0);
    std::vector<std::size_t> mine;
    for (const auto idx : candidates) {
        const auto it = std::min_element(load.begin(), load.end());  // first least-loaded: deterministic
        *it += survey_cost_estimate(g, objects[idx]);
        if (it - load.begin() == shard) mine.push_back(idx);
    }
    return mine;
}

SurveyDeviceProbe survey_probe_cuda() {
    SurveyDeviceProbe p;
#if GER_WITH_CUDA
    p.built = true;
    const auto d = cuda::probe_devices();
    p.count = d.count;
    p.name = d.name;
    p.reason = d.error;
#else
    p.reason = "this ger was built without CUDA (configure with -DGER_WITH_CUDA=ON where nvcc is installed)";
#endif
    return p;
}

SurveyDevice resolve_survey_device(SurveyDevice requested) {
    if (requested == SurveyDevice::cpu) return requested;
    const auto p = survey_probe_cuda();
    if (p.count > 0) return SurveyDevice::cuda;
    if (requested == SurveyDevice::automatic) return SurveyDevice::cpu;
    bad("device cuda: no usable CUDA device (" + p.reason + ")");
}

std::string_view survey_device_name(SurveyDevice device) noexcept {
    switch (device) {
        case SurveyDevice::cpu: return "cpu";
        case SurveyDevice::cuda: return "cuda";
        case SurveyDevice::automatic: return "auto";
    }
    return "unknown";
}

#if GER_WITH_CUDA
namespace {
cuda::GridParams device_params(const SurveyGrid& g) {
    const auto& c = g.criteria();
    const double rp = radius_earth_km + c.parking_alt_km;
    cuda::GridParams p;
    p.K = g.max_leg_steps();
    p.S = g.min_stay_steps();
    p.D = g.max_duration_steps();
    p.L = g.launch_count();
    p.stride = g.launch_stride();
    p.nodes = g.node_count();
    p.tau_s = g.step_days() * day_s;
    p.max_total_dv = c.max_total_dv_km_s;
    p.prune_limit = c.max_total_dv_km_s + prune_margin_km_s;
    p.inj_min = g.injection_dv(0.0);
    p.max_c3 = c.max_c3_km2_s2;
    p.max_entry = c.max_entry_speed_km_s;
    p.mu_sun = gm_sun_km3_s2;
    // The same expressions as SurveyGrid::injection_dv and entry_speed.
    p.two_mu_earth_over_rp = 2 * gm_earth_km3_s2 / rp;
    p.mu_earth_over_rp = gm_earth_km3_s2 / rp;
    p.two_mu_earth_over_re = 2 * gm_earth_km3_s2 / (radius_earth_km + c.entry_alt_km);
    p.prune_margin = prune_margin_km_s;
    p.invariant_slack = invariant_slack;
    p.ret_vinf_cap = return_vinf_cap(g);
    return p;
}
}  // namespace
#endif

SurveyRun run_survey(const SurveyGrid& g, std::span<const CatalogObject> objects, std::span<const std::size_t> indices,
                     const SurveyOptions& options, const SurveyControl& control) {
    const SurveyDevice device = resolve_survey_device(options.device);
    std::vector<std::size_t> all;
    if (indices.empty()) {
        all = survey_candidates(g, objects);
        indices = all;
    }
    const auto& h = g.criteria().max_h;
    std::vector<std::size_t> todo;
    for (const auto idx : indices) {
        if (idx >= objects.size()) bad("object index " + std::to_string(idx) + " outside the catalogue");
        if (h && !(objects[idx].h_mag <= *h)) continue;
        todo.push_back(idx);
    }
    // One worker per core, with the GPU too: 32 workers on the 16-core H100 host were no faster than 16
    // (docs/PERFORMANCE.md, Survey > GPU).
    const unsigned threads = worker_count(options.threads, todo.size());
    std::vector<std::optional<TargetResult>> slots(todo.size());
    std::atomic<std::size_t> done{0};
    std::atomic<std::uint64_t> legs{0};
#if GER_WITH_CUDA
    std::unique_ptr<cuda::DeviceGrid> device_grid;
    if (device == SurveyDevice::cuda && !todo.empty()) {
        std::vector<Vec3> er(static_cast<std::size_t>(g.node_count())), ev(er.size());
        for (int j = 0; j < g.node_count(); ++j) {
            er[static_cast<std::size_t>(j)] = g.earth_r(j);
            ev[static_cast<std::size_t>(j)] = g.earth_v(j);
        }
        try {
            device_grid = std::make_unique<cuda::DeviceGrid>(device_params(g), er, ev);
        } catch (const std::runtime_error& e) {
            bad(std::string("device cuda: ") + e.what());
        }
    }
#endif
    std::vector<SurveyWorkspace> workspaces(threads);
#if GER_WITH_CUDA
    std::vector<std::unique_ptr<cuda::DeviceContext>> contexts(threads);
#endif
    parallel_for(
        todo.size(), threads,
        [&](std::size_t k, unsigned worker) {
#if GER_WITH_CUDA
            auto& context = contexts[worker];
            if (device_grid && !context) context = std::make_unique<cuda::DeviceContext>(*device_grid);
            cuda::DeviceContext* const context_ptr = context.get();
#else
            cuda::DeviceContext* const context_ptr = nullptr;
#endif
            auto r = survey_target_on(g, objects[todo[k]], workspaces[worker], options.prune, context_ptr);
            r.index = todo[k];
            slots[k] = std::move(r);
            const std::uint64_t l = legs.fetch_add(slots[k]->legs_solved) + slots[k]->legs_solved;
            const std::size_t n = done.fetch_add(1) + 1;
            if (control.progress) control.progress(n, todo.size(), l);
        },
        control.cancel);
    SurveyRun run;
    run.device = device;
    run.planned = todo.size();
    for (auto& s : slots) {
        if (!s) {
            run.complete = false;
            continue;
        }
        run.legs_solved += s->legs_solved;
        run.results.push_back(std::move(*s));
    }
    return run;
}

void rank_results(std::vector<TargetResult>& results) {
    std::stable_sort(results.begin(), results.end(), [](const TargetResult& a, const TargetResult& b) {
        const double da = a.min_dv ? a.min_dv->total_dv_km_s : inf;
        const double db = b.min_dv ? b.min_dv->total_dv_km_s : inf;
        if (da != db) return da < db;
        return a.index < b.index;
    });
}

}  // namespace ger::astro
