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
#include "astro/detail/survey_leg_filter.hpp"
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
    void resize(std::size_t n) {
        for (auto* v : {&r1x, &r1y, &r1z, &r2x, &r2y, &r2z, &tof, &v1x, &v1y, &v1z, &v2x, &v2y, &v2z}) v->resize(n);
        status.resize(n);
    }
    void set(std::size_t k, const Vec3& r1, const Vec3& r2, double tof_s) {
        r1x[k] = r1.x; r1y[k] = r1.y; r1z[k] = r1.z;
        r2x[k] = r2.x; r2y[k] = r2.y; r2z[k] = r2.z;
        tof[k] = tof_s;
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
    std::vector<Vec3> ar, av;               // asteroid at the nodes
    std::vector<double> out_cost;           // [launch][k-1]
    std::vector<double> ret_cost;           // [j2 - j2min][b-1]
    std::vector<double> pmin;               // prefix min over b of ret_cost
    std::vector<std::uint16_t> parg;        // its argmin b
    std::vector<int> earliest;              // suffix min over j2 of the first feasible return date
    std::vector<double> sm;
    std::vector<int> smarg;
    std::vector<char> row_any;
    std::vector<double> out_need;           // node-level bound on injection + arrival burn
    std::vector<int> index;                 // batch lane -> k
    detail::LegEndTable earth_ends, asteroid_ends;  // per node, for the leg filter
    std::vector<unsigned char> keep;        // leg filter result per lane
    LegSoA soa;
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

#if GER_WITH_CUDA
// The device's share of survey_target (steps 1-3 and the leg lists of 4, survey_cuda.hpp); the host keeps the
// bounds, the round-trip figures and the exact count, so both paths share every line but the kernels.
void survey_target_device(const SurveyGrid& g, SurveyWorkspace::Impl& w, cuda::DeviceContext& device, bool prune,
                          double out_orbit, const BoundInputs& bin, TargetResult& res) {
    const double X = g.criteria().max_total_dv_km_s;
    const double limit = X + prune_margin_km_s;
    const int jlast = g.node_count() - 1;
    w.ret_row.assign(static_cast<std::size_t>(jlast) + 1, 0);
    for (int j2 = g.min_stay_steps() + 1; j2 <= jlast - 1; ++j2) {
        const auto j2u = static_cast<std::size_t>(j2);
        const bool hopeless =
            prune && out_orbit + burn_need(bin, g.max_return_vinf(), norm(w.ar[j2u]), norm(w.av[j2u])) > limit;
        w.ret_row[j2u] = hopeless ? 0 : 1;
    }
    auto& o = w.device_out;
    device.run({w.ar.data(), w.av.data(), w.out_need.data(), w.ret_row.data(), prune, return_budget(g, out_orbit)}, o);
    res.legs_solved = o.legs_solved;
    if (!o.min_dv.found) return;
    const auto choice = [](const cuda::DeviceChoice& c) { return Choice{c.total, c.launch, c.k, c.j2, c.b}; };
    res.min_dv = make_round_trip(g, w.ar, w.av, choice(o.min_dv));
    res.min_duration = make_round_trip(g, w.ar, w.av, choice(o.min_duration));
    auto& cnt = w.counter;
    cnt.clear();
    for (std::size_t p = 0; p < o.point_d.size(); ++p) cnt.add_point(o.point_j3[p], o.point_j2[p], o.point_d[p]);
    for (std::size_t q = 0; q < o.query_cost.size(); ++q) cnt.add_query(o.query_b[q], o.query_a[q], o.query_cost[q]);
    res.viable_count = cnt.count(X);
}
#else
namespace cuda {
class DeviceContext;  // never defined without GER_WITH_CUDA
}
#endif

TargetResult survey_target_on(const SurveyGrid& g, const CatalogObject& object, SurveyWorkspace& workspace,
                              bool prune, [[maybe_unused]] cuda::DeviceContext* device) {
    auto& w = workspace.impl();
    const auto& c = g.criteria();
    TargetResult res;
    res.designation = object.designation;
    res.h_mag = object.h_mag;
    const double X = c.max_total_dv_km_s;
    const double limit = X + prune_margin_km_s;
    const bool any = criteria_allow_any(g);
    const auto bin = bound_inputs(g, object.elements);
    const double out_orbit = any ? orbit_outbound(g, bin, object.elements) : inf;
    const double ret_orbit = any ? orbit_need(bin, object.elements, g.max_return_vinf()) : inf;
    res.dv_lower_bound_km_s = out_orbit + ret_orbit;
    if (prune && !(res.dv_lower_bound_km_s <= limit)) {
        res.pruned = true;
        return res;
    }
    if (!any) return res;
    asteroid_states(g, object, w.ar, w.av);
    const int K = g.max_leg_steps(), S = g.min_stay_steps(), D = g.max_duration_steps();
    const int stride = g.launch_stride(), L = g.launch_count();
    const int jlast = g.node_count() - 1;
    const int j2min = S + 1, j2max = jlast - 1;
    const int rows = j2max - j2min + 1;
    const double tau_s = g.step_days() * day_s;
    const double inj_min = g.injection_dv(0.0);
    const auto Ku = static_cast<std::size_t>(K);
    w.soa.resize(Ku);
    w.index.resize(Ku);
    w.keep.resize(Ku);
    // Node-level bounds: the same invariants at the asteroid's actual position and speed on each date.
    w.out_need.assign(static_cast<std::size_t>(jlast) + 1, 0.0);
    if (prune) {
        const OutboundBound need_at(g, bin);
        for (std::size_t j = 0; j <= static_cast<std::size_t>(jlast); ++j) w.out_need[j] = need_at(norm(w.ar[j]), norm(w.av[j]));
    }

#if GER_WITH_CUDA
    if (device != nullptr) {
        survey_target_device(g, w, *device, prune, out_orbit, bin, res);
        return res;
    }
#endif

    // Per-date tables for the leg filter (the device computes its own).
    if (prune) {
        w.earth_ends.assign(std::span(&g.earth_r(0), static_cast<std::size_t>(jlast) + 1),
                            std::span(&g.earth_v(0), static_cast<std::size_t>(jlast) + 1), gm_sun_km3_s2);
        w.asteroid_ends.assign(w.ar, w.av, gm_sun_km3_s2);
    }

    // 1. Return legs (the entry-speed limit is the strongest filter, so they go first).
    w.ret_cost.assign(static_cast<std::size_t>(rows) * Ku, inf);
    w.earliest.assign(static_cast<std::size_t>(jlast) + 2, std::numeric_limits<int>::max());
    double dmin = inf;
    // Departure burn a return leg may need and still be part of a viable trajectory.
    const double ret_budget = return_budget(g, out_orbit);
    for (int j2 = j2max; j2 >= j2min; --j2) {
        int first = std::numeric_limits<int>::max();
        const auto j2u = static_cast<std::size_t>(j2);
        const bool hopeless =
            prune && out_orbit + burn_need(bin, g.max_return_vinf(), norm(w.ar[j2u]), norm(w.av[j2u])) > limit;
        const int nb = hopeless ? 0 : std::min(K, jlast - j2);
        if (prune && nb > 0) {
            detail::legs_may_fit(w.asteroid_ends.at(j2u), w.earth_ends, j2u + 1, static_cast<std::size_t>(nb),
                                 ret_budget, return_vinf_cap(g), invariant_slack, w.keep.data());
        }
        std::size_t n = 0;
        for (int b = 1; b <= nb; ++b) {
            if (prune && !w.keep[static_cast<std::size_t>(b - 1)]) continue;
            w.soa.set(n, w.ar[j2u], g.earth_r(j2 + b), b * tau_s);
            w.index[n++] = b;
        }
        if (n > 0) w.soa.solve(n);
        res.legs_solved += n;
        double* row = &w.ret_cost[static_cast<std::size_t>(j2 - j2min) * Ku];
        for (std::size_t m = 0; m < n; ++m) {
            const int b = w.index[m];
            const auto k = static_cast<std::size_t>(b - 1);
            if (w.soa.status[m] != LambertStatus::ok) continue;
            const auto v = ret_leg_value(g, w.soa.v1(m), w.soa.v2(m), w.av[j2u], g.earth_v(j2 + b));
            // Exact leg filter: any trajectory through this leg has total >= inj_min + cost.
            if (std::isfinite(v.cost) && inj_min + v.cost <= X) {
                row[k] = v.cost;
                first = std::min(first, j2 + b);
                dmin = std::min(dmin, v.cost);
            }
        }
        w.earliest[j2u] = std::min(first, w.earliest[j2u + 1]);
    }
    if (!std::isfinite(dmin)) return res;

    // 2. Outbound legs, only to arrival dates from which some feasible return reaches Earth in time.
    // Leg filter limits: injection + arrival <= limit - dmin, so the launch v-infinity is at most what the C3 limit
    // and that budget allow (injection increases with it) and the arrival burn at most the budget less the
    // smallest injection.
    const auto caps = detail::outbound_leg_caps(limit - dmin, c.max_c3_km2_s2,
                                                gm_earth_km3_s2 / (radius_earth_km + c.parking_alt_km), inj_min,
                                                prune_margin_km_s);
    w.out_cost.assign(static_cast<std::size_t>(L) * Ku, inf);
    w.row_any.assign(static_cast<std::size_t>(L), 0);
    bool any_out = false;
    for (int i = 0; i < L; ++i) {
        const int j0 = i * stride;
        int kuse = 0;
        while (kuse < K) {
            const int a2 = j0 + kuse + 1 + S;
            if (a2 > j2max || w.earliest[static_cast<std::size_t>(a2)] > j0 + D) break;
            ++kuse;
        }
        if (kuse == 0) continue;
        if (prune) {
            detail::legs_may_fit(w.earth_ends.at(static_cast<std::size_t>(j0)), w.asteroid_ends,
                                 static_cast<std::size_t>(j0) + 1, static_cast<std::size_t>(kuse), caps.vinf,
                                 caps.arrival, invariant_slack, w.keep.data());
        }
        std::size_t n = 0;
        for (int k = 1; k <= kuse; ++k) {
            if (prune && (w.out_need[static_cast<std::size_t>(j0 + k)] + dmin > limit ||
                          !w.keep[static_cast<std::size_t>(k - 1)])) {
                continue;
            }
            w.soa.set(n, g.earth_r(j0), w.ar[static_cast<std::size_t>(j0 + k)], k * tau_s);
            w.index[n++] = k;
        }
        if (n == 0) continue;
        w.soa.solve(n);
        res.legs_solved += n;
        double* row = &w.out_cost[static_cast<std::size_t>(i) * Ku];
        for (std::size_t m = 0; m < n; ++m) {
            const int k = w.index[m];
            if (w.soa.status[m] != LambertStatus::ok) continue;
            const auto v = out_leg_value(g, w.soa.v1(m), w.soa.v2(m), g.earth_v(j0), w.av[static_cast<std::size_t>(j0 + k)]);
            if (std::isfinite(v.cost) && v.cost + dmin <= X) {
                row[k - 1] = v.cost;
                w.row_any[static_cast<std::size_t>(i)] = 1;
                any_out = true;
            }
        }
    }
    if (!any_out) return res;

    // 3. Prefix minima of the return legs over b, then per launch a suffix minimum over departure dates.
    w.pmin.resize(w.ret_cost.size());
    w.parg.resize(w.ret_cost.size());
    for (int r = 0; r < rows; ++r) {
        double m = inf;
        std::uint16_t arg = 0;
        for (std::size_t b = 0; b < Ku; ++b) {
            const double v = w.ret_cost[static_cast<std::size_t>(r) * Ku + b];
            if (v < m) {
                m = v;
                arg = static_cast<std::uint16_t>(b + 1);
            }
            w.pmin[static_cast<std::size_t>(r) * Ku + b] = m;
            w.parg[static_cast<std::size_t>(r) * Ku + b] = arg;
        }
    }
    w.sm.resize(static_cast<std::size_t>(D) + 1);
    w.smarg.resize(static_cast<std::size_t>(D) + 1);
    // Best trajectory with duration <= dcap steps (exact: min over j1 of out + min over j2 >= j1 + S of the best
    // return from j2 ending by j0 + dcap).
    const auto best_within = [&](int dcap) {
        Choice best;
        for (int i = 0; i < L; ++i) {
            if (!w.row_any[static_cast<std::size_t>(i)]) continue;
            const int j0 = i * stride, B = j0 + dcap;
            double cur = inf;
            int arg = -1;
            for (int j2 = B - 1; j2 >= j0 + 1 + S; --j2) {
                const int beta = std::min(K, B - j2);
                const double v = w.pmin[static_cast<std::size_t>(j2 - j2min) * Ku + static_cast<std::size_t>(beta - 1)];
                if (v <= cur) {
                    cur = v;
                    arg = j2;
                }
                w.sm[static_cast<std::size_t>(j2 - j0)] = cur;
                w.smarg[static_cast<std::size_t>(j2 - j0)] = arg;
            }
            const int kmax = std::min(K, dcap - S - 1);
            const double* row = &w.out_cost[static_cast<std::size_t>(i) * Ku];
            for (int k = 1; k <= kmax; ++k) {
                const double a = row[k - 1];
                if (!std::isfinite(a)) continue;
                const auto at = static_cast<std::size_t>(k + S);
                const double total = a + w.sm[at];
                if (total < best.total) {
                    const int j2 = w.smarg[at];
                    const int beta = std::min(K, B - j2);
                    best = {total, i, k, j2,
                            w.parg[static_cast<std::size_t>(j2 - j2min) * Ku + static_cast<std::size_t>(beta - 1)]};
                }
            }
        }
        return best;
    };
    const Choice best = best_within(D);
    if (!(best.total <= X)) return res;
    res.min_dv = make_round_trip(g, w.ar, w.av, best);
    // Smallest duration cap with a viable trajectory: the feasible set only grows with the cap.
    int lo = S + 2, hi = D;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (best_within(mid).total <= X) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    res.min_duration = make_round_trip(g, w.ar, w.av, best_within(lo));

    // 4. Count: pairs (outbound, return) with j2 >= j1 + S, j3 <= j0 + D and out + ret <= X (3-D dominance).
    auto& cnt = w.counter;
    cnt.clear();
    for (int r = 0; r < rows; ++r) {
        const int j2 = j2min + r;
        for (int b = 1; b <= K; ++b) {
            const double v = w.ret_cost[static_cast<std::size_t>(r) * Ku + static_cast<std::size_t>(b - 1)];
            if (std::isfinite(v)) cnt.add_point(j2 + b, j2, v);
        }
    }
    for (int i = 0; i < L; ++i) {
        if (!w.row_any[static_cast<std::size_t>(i)]) continue;
        const int j0 = i * stride;
        for (int k = 1; k <= K; ++k) {
            const double a = w.out_cost[static_cast<std::size_t>(i) * Ku + static_cast<std::size_t>(k - 1)];
            if (std::isfinite(a)) cnt.add_query(j0 + D, j0 + k + S, a);
        }
    }
    res.viable_count = cnt.count(X);
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
