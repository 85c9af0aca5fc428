// Porkchop grid: tabulate each end body once, then worker threads fill chunks of cells through the 0-rev
// Lambert batch, and a Nelder-Mead polish of the best cell on the un-tabulated ephemeris.
#include "astro/porkchop.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "astro/constants.hpp"
#include "astro/error.hpp"
#include "astro/frames.hpp"
#include "astro/lambert.hpp"
#include "astro/lambert_batch.hpp"
#include "astro/parallel.hpp"

namespace ger::astro {
namespace {

constexpr double nan_d = std::numeric_limits<double>::quiet_NaN();
constexpr float nan_f = std::numeric_limits<float>::quiet_NaN();
constexpr double rad_to_deg = 180.0 / pi;

// Cells per work item: the scratch SoA (13 doubles per cell) stays in L2, the Lambert batch gets full vectors,
// and 1 M cells make ~250 items for load balance. Fixed, so results do not depend on the thread count.
constexpr std::size_t chunk_cells = 4096;
// Hermite table node spacing [days]: Earth 0.09 km, Mars 0.009 km at 1 day (docs/ASTRO.md), far below the
// source models' own errors.
constexpr double table_step_days = 1.0;
// Nelder-Mead: stop when the simplex spans less than this [days] (~0.1 s) or after this many evaluations.
constexpr double refine_tolerance_days = 1e-6;
constexpr int refine_max_evaluations = 400;

// Field order inside PorkchopGrid's per-type block.
enum Field : std::size_t { f_c3, f_vx, f_vy, f_vz, f_dla, f_vinf_arr, f_dv };

std::string describe(Instant t) {
    try {
        return format_utc_iso8601(t);
    } catch (const AstroError&) {
        std::ostringstream s;
        s.precision(12);
        s << "JD " << j2000_jd + t.days_since_j2000() << " TDB";
        return s.str();
    }
}

std::string describe_days(double tdb_days) {
    try {
        return describe(Instant::from_days_since_j2000(tdb_days));
    } catch (const AstroError&) {
        std::ostringstream s;
        s.precision(12);
        s << "JD " << j2000_jd + tdb_days << " TDB";
        return s.str();
    }
}

[[noreturn]] void invalid(const std::string& message) { throw AstroError(AstroErrc::invalid_argument, message); }

// GM and radius of the parking (departure) or capture (arrival) orbit's body: gravity_body, so the Earth's for
// the Earth-Moon barycentre, whose C3 is still measured from the barycentre's own heliocentric velocity.
double body_gm(const TransferBody& b) {
    return std::holds_alternative<Body>(b) ? gm_km3_s2(gravity_body(std::get<Body>(b))) : 0.0;
}
double body_radius(const TransferBody& b) {
    return std::holds_alternative<Body>(b) ? equatorial_radius_km(gravity_body(std::get<Body>(b))) : 0.0;
}

// Type of the prograde (counter-clockwise seen from ecliptic +z) arc from r1 to r2: its transfer angle is
// below 180 deg (Type I) iff z of r1 x r2 >= 0, the Lambert solver's own test for the short way
// (detail/lambert_geometry.hpp).
TransferType type_of_angle(const Vec3& r1, const Vec3& r2) noexcept {
    return r1.x * r2.y - r1.y * r2.x >= 0 ? TransferType::type1 : TransferType::type2;
}

// Burn from a circular orbit of radius r [km] onto a hyperbola with v_inf [km/s] (and the capture burn
// onto an orbit of eccentricity e with periapsis r, by symmetry). gm = 0: a small body, the burn is v_inf.
double hyperbolic_burn(double vinf, double gm, double r, double e) {
    if (gm <= 0) return vinf;
    return std::sqrt(vinf * vinf + 2.0 * gm / r) - std::sqrt(gm * (1.0 + e) / r);
}

// Declination and right ascension [deg] of an ecliptic-J2000 vector, in ICRF.
void asymptote_deg(const Vec3& v_ecl, double& dla, double& rla) {
    const Vec3 q = ecliptic_to_icrf(v_ecl);
    const double n = norm(q);
    dla = std::asin(std::clamp(q.z / n, -1.0, 1.0)) * rad_to_deg;
    rla = std::atan2(q.y, q.x) * rad_to_deg;
    if (rla < 0) rla += 360.0;
}

// NOTE: eraEpv00 (Earth, Moon, Earth-Moon barycentre) is self-consistent (|v - dr/dt| 0.2 mm/s; the Moon's
// 4 mm/s scaled by 0.012 for the barycentre), so its velocities serve as Hermite tangents at one 21 us call per
// node instead of three; plan94 planets' velocities omit the perturbations'
// derivatives (up to 3.6 m/s for Mars, docs/ASTRO.md), so the tables, and evaluate_transfer to match them, use
// the derivative of the positions.
bool velocity_is_position_derivative(const Ephemeris& source, Body body) {
    return !(source.name() == "erfa" && (body == Body::earth || body == Body::moon || body == Body::emb));
}
constexpr double derivative_half_step_days = 0.01;  // as TabulatedEphemeris's position_derivative tangents

// Heliocentric state source for one end of the transfer: a TabulatedEphemeris for planets, Kepler for small
// bodies. Immutable after construction; shared by the workers.
void check_span(const TransferBody& body, const Ephemeris& source, double first_days, double last_days,
                const char* role) {
    const auto* planet = std::get_if<Body>(&body);
    if (planet == nullptr) return;  // Kepler answers at any date
    const ValidSpan span = source.valid_span(*planet);
    for (double d : {first_days, last_days}) {
        if (!span.contains(d)) {
            throw AstroError(AstroErrc::ephemeris_out_of_range,
                             std::string(role) + " date " + describe_days(d) + " is outside the " +
                                 std::string(source.name()) + " ephemeris span of " +
                                 std::string(body_name(*planet)) + ": " + describe_days(span.first_tdb_days) +
                                 " .. " + describe_days(span.last_tdb_days));
        }
    }
}

void small_body_states(const SmallBodyOrbit& sb, std::span<const double> tdb_days, std::span<Vec3> r,
                       std::span<Vec3> v) {
    for (std::size_t k = 0; k < tdb_days.size(); ++k) {
        const State st =
            state_from_elements_at(sb.elements, sb.epoch, Instant::from_days_since_j2000(tdb_days[k]), gm_sun_km3_s2);
        r[k] = st.r_km;
        v[k] = st.v_km_s;
    }
}

// States on an axis of the grid, straight from the source (exact at the axis dates, one batch call or three:
// no table is needed where every cell of a row or column shares the date).
void sample_axis(const TransferBody& body, const Ephemeris& source, std::span<const double> tdb_days,
                 std::span<Vec3> r, std::span<Vec3> v) {
    const auto* planet = std::get_if<Body>(&body);
    if (planet == nullptr) return small_body_states(std::get<SmallBodyOrbit>(body), tdb_days, r, v);
    source.states(*planet, tdb_days, r, v);
    if (!velocity_is_position_derivative(source, *planet)) return;
    const std::size_t n = tdb_days.size();
    std::vector<double> shifted(n);
    std::vector<Vec3> ahead(n), behind(n), scratch(n);
    for (std::size_t k = 0; k < n; ++k) shifted[k] = tdb_days[k] + derivative_half_step_days;
    source.states(*planet, shifted, ahead, scratch);
    for (std::size_t k = 0; k < n; ++k) shifted[k] = tdb_days[k] - derivative_half_step_days;
    source.states(*planet, shifted, behind, scratch);
    for (std::size_t k = 0; k < n; ++k) v[k] = (ahead[k] - behind[k]) / (2.0 * derivative_half_step_days * day_s);
}

// Axis states from fewer source calls. eraEpv00 (the Earth) costs ~20-40 us a call, a third of a 1 M-cell
// grid's time on one core, while its positions and velocities are consistent to 0.2 mm/s, so on a dense axis
// the Earth is taken from the source at nodes every axis_node_spacing_days and the dates between from the
// degree-7 Hermite polynomial through the four nearest nodes' positions and velocities. Measured over 1000
// days from 2033-01-01 at 1-day and 0.5-day steps: max 4.1 m and 5e-8 km/s from eraEpv00 itself (the bound
// is set by eraEpv00's own |v - dr/dt|, not by the polynomial; the model's error is 3.7 km RMS). The same for
// the Earth-Moon barycentre (eraEpv00 + 0.012 x eraMoon98, one eraMoon98 call more per date): max 3.2 m and
// 9.4e-8 km/s, same span and steps (pyerfa and scipy's Hermite, a check outside the test suite). Not used for
// the Moon (0.45 km: eraMoon98's velocity is 4 mm/s off its positions' derivative) nor for bodies whose
// velocities are a position derivative (plan94 planets: three calls per date, but each ~0.5 us).
constexpr double axis_node_spacing_days = 2.0;

// Every `stride`-th axis date is a node (and the last date); 1: every date is sampled from the source.
std::size_t axis_node_stride(const TransferBody& body, const Ephemeris& source, double step_days, std::size_t n) {
    const auto* planet = std::get_if<Body>(&body);
    if (planet == nullptr || (*planet != Body::earth && *planet != Body::emb) ||
        velocity_is_position_derivative(source, *planet)) {
        return 1;
    }
    const auto stride = static_cast<std::size_t>(std::floor(axis_node_spacing_days / step_days + 1e-9));
    if (stride < 2 || n < 3 * stride + 1) return 1;  // at least four nodes
    return stride;
}

// Degree-7 Hermite interpolation through (t[i], r[i], v[i]), i < 4, at x: confluent divided differences
// (each node twice; [t_i, t_i] is the derivative), then Newton's form and its derivative by Horner. Times in
// days relative to x, so velocities go in and out in km/day.
void hermite4(const double* t, const Vec3* r, const Vec3* v_km_day, double x, Vec3& rx, Vec3& vx_km_day) {
    std::array<double, 8> z;
    std::array<Vec3, 8> q;
    for (std::size_t i = 0; i < 4; ++i) {
        z[2 * i] = z[2 * i + 1] = t[i] - x;
        q[2 * i] = q[2 * i + 1] = r[i];
    }
    for (std::size_t j = 1; j < 8; ++j) {
        for (std::size_t i = 7; i >= j; --i) {
            q[i] = (j == 1 && i % 2 == 1) ? v_km_day[i / 2] : (q[i] - q[i - 1]) / (z[i] - z[i - j]);
        }
    }
    Vec3 p = q[7], dp{0, 0, 0};
    for (std::size_t j = 7; j-- > 0;) {  // at x: (x - z_j) = -z_j
        dp = dp * -z[j] + p;
        p = p * -z[j] + q[j];
    }
    rx = p;
    vx_km_day = dp;
}

// Nodes of an axis sampled every `stride` dates (and its last date), and their states from the source.
struct AxisNodes {
    std::vector<std::size_t> index;
    std::vector<double> days;
    std::vector<Vec3> r, v;
};

AxisNodes axis_nodes(std::span<const double> days, std::size_t stride) {
    AxisNodes a;
    for (std::size_t k = 0; k < days.size(); k += stride) a.index.push_back(k);
    if (a.index.back() != days.size() - 1) a.index.push_back(days.size() - 1);
    for (std::size_t k : a.index) a.days.push_back(days[k]);
    a.r.resize(a.index.size());
    a.v.resize(a.index.size());
    return a;
}

// Every axis date's state from the sampled nodes: nodes copied, the dates between interpolated (hermite4).
void fill_from_nodes(const AxisNodes& a, std::size_t stride, std::span<const double> days, std::span<Vec3> r,
                     std::span<Vec3> v) {
    const std::size_t nodes = a.index.size();
    std::array<Vec3, 4> vd;
    for (std::size_t k = 0; k < days.size(); ++k) {
        const std::size_t p = std::min(k / stride, nodes - 1);
        if (a.index[p] == k) {
            r[k] = a.r[p];
            v[k] = a.v[p];
            continue;
        }
        const std::size_t first = std::min(p > 0 ? p - 1 : 0, nodes - 4);
        for (std::size_t i = 0; i < 4; ++i) vd[i] = a.v[first + i] * day_s;
        Vec3 vk;
        hermite4(&a.days[first], &a.r[first], vd.data(), days[k], r[k], vk);
        v[k] = vk / day_s;
    }
}

// Per-cell states of the arrival body when arrival dates are off-axis (time-of-flight axis): a
// TabulatedEphemeris for planets, Kepler for small bodies. Immutable after construction; shared by the workers.
class EndSampler {
public:
    EndSampler(const TransferBody& body, const Ephemeris& source, double first_days, double last_days)
        : m_body(body) {
        if (const auto* planet = std::get_if<Body>(&body)) {
            const ValidSpan span = source.valid_span(*planet);
            const bool derivative = velocity_is_position_derivative(source, *planet);
            const std::array<Body, 1> bodies = {*planet};
            const double last = std::max(last_days, first_days + table_step_days);
            m_table = std::make_unique<TabulatedEphemeris>(
                source, bodies, first_days, std::min(last, span.last_tdb_days), table_step_days,
                derivative ? HermiteTangents::position_derivative : HermiteTangents::source_velocity);
        }
    }

    // r_km[k], v_km_s[k] at tdb_days[k].
    void states(std::span<const double> tdb_days, std::span<Vec3> r, std::span<Vec3> v) const {
        if (m_table) {
            m_table->states(std::get<Body>(m_body), tdb_days, r, v);
            return;
        }
        small_body_states(std::get<SmallBodyOrbit>(m_body), tdb_days, r, v);
    }

private:
    TransferBody m_body;
    std::unique_ptr<TabulatedEphemeris> m_table;
};

State body_state(const TransferBody& body, const Ephemeris& eph, Instant t) {
    if (const auto* planet = std::get_if<Body>(&body)) {
        State s = eph.state(*planet, t);
        if (velocity_is_position_derivative(eph, *planet)) {
            const Ticks h = ticks_from_seconds(derivative_half_step_days * day_s);
            const Vec3 ahead = eph.state(*planet, t + h).r_km, behind = eph.state(*planet, t - h).r_km;
            s.v_km_s = (ahead - behind) / (2.0 * derivative_half_step_days * day_s);
        }
        return s;
    }
    const auto& sb = std::get<SmallBodyOrbit>(body);
    return state_from_elements_at(sb.elements, sb.epoch, t, gm_sun_km3_s2);
}

// A date within a millionth of a step of the last one counts: UTC midnights and TDB days differ by < 1.7 ms.
std::size_t axis_count(double span_days, double step_days) {
    return static_cast<std::size_t>(std::floor(span_days / step_days + 1e-6)) + 1;
}

void validate(const PorkchopRequest& q) {
    auto check_step = [](double step, const char* name) {
        if (!(std::isfinite(step) && step > 0)) {
            std::ostringstream s;
            s << name << " " << step << " days is not allowed: it must be > 0";
            invalid(s.str());
        }
    };
    check_step(q.depart_step_days, "departure step");
    check_step(q.second_step_days, q.axis == PorkchopAxis::arrival_date ? "arrival step" : "time-of-flight step");
    if (q.depart_last < q.depart_first) {
        invalid("departure range " + describe(q.depart_first) + " .. " + describe(q.depart_last) +
                " is inverted: the first date must not be after the last");
    }
    if (q.axis == PorkchopAxis::arrival_date) {
        if (q.arrive_last < q.arrive_first) {
            invalid("arrival range " + describe(q.arrive_first) + " .. " + describe(q.arrive_last) +
                    " is inverted: the first date must not be after the last");
        }
        if (q.arrive_last <= q.depart_first) {
            invalid("every arrival (" + describe(q.arrive_first) + " .. " + describe(q.arrive_last) +
                    ") is at or before the first departure " + describe(q.depart_first) +
                    ": arrivals must end after " + describe(q.depart_first));
        }
    } else {
        if (!(std::isfinite(q.tof_first_days) && q.tof_first_days > 0)) {
            std::ostringstream s;
            s << "shortest time of flight " << q.tof_first_days << " days is not allowed: it must be > 0";
            invalid(s.str());
        }
        if (!(std::isfinite(q.tof_last_days) && q.tof_last_days >= q.tof_first_days)) {
            std::ostringstream s;
            s << "time-of-flight range " << q.tof_first_days << " .. " << q.tof_last_days
              << " days is inverted: the first must not exceed the last";
            invalid(s.str());
        }
    }
    if (!(std::isfinite(q.parking_alt_km) && q.parking_alt_km >= 0)) {
        std::ostringstream s;
        s << "parking orbit altitude " << q.parking_alt_km << " km is not allowed: it must be >= 0";
        invalid(s.str());
    }
    if (!(std::isfinite(q.capture.periapsis_alt_km) && q.capture.periapsis_alt_km >= 0)) {
        std::ostringstream s;
        s << "capture periapsis altitude " << q.capture.periapsis_alt_km << " km is not allowed: it must be >= 0";
        invalid(s.str());
    }
    if (!(q.capture.eccentricity >= 0 && q.capture.eccentricity < 1)) {
        std::ostringstream s;
        s << "capture eccentricity " << q.capture.eccentricity << " is outside [0, 1)";
        invalid(s.str());
    }
    if (!q.type1 && !q.type2) invalid("no transfer type requested: ask for Type I, Type II or both");
}

// Per-worker scratch, allocated once per worker and reused for every chunk.
struct Scratch {
    std::vector<double> dep_days, arr_days;
    std::vector<Vec3> r2, v2;
    std::vector<double> in[7], out[6];
    std::vector<LambertStatus> status;
    std::vector<TransferType> type;  // type of each solved lane (decided by its transfer angle)
    std::vector<std::size_t> lane;   // cell (within the chunk) of each solved lane
    std::vector<std::size_t> row;    // departure index of each cell of the chunk
    Scratch() {
        row.resize(chunk_cells);
        lane.resize(chunk_cells);
        dep_days.resize(chunk_cells);
        arr_days.resize(chunk_cells);
        r2.resize(chunk_cells);
        v2.resize(chunk_cells);
        for (auto& a : in) a.resize(chunk_cells);
        for (auto& a : out) a.resize(chunk_cells);
        status.resize(chunk_cells);
        type.resize(chunk_cells);
    }
};

}  // namespace

std::string transfer_body_name(const TransferBody& body) {
    if (const auto* planet = std::get_if<Body>(&body)) return std::string(body_name(*planet));
    return std::get<SmallBodyOrbit>(body).name;
}

std::string_view transfer_type_name(TransferType type) noexcept { return type == TransferType::type1 ? "I" : "II"; }

PorkchopCells PorkchopGrid::cells(TransferType type) const {
    if (!has(type)) invalid("Type " + std::string(transfer_type_name(type)) + " transfers were not computed");
    const std::size_t n = cell_count();
    auto span = [&](std::size_t f) { return std::span<const float>(field(type, f), n); };
    return {span(f_c3), span(f_vx), span(f_vy), span(f_vz), span(f_dla), span(f_vinf_arr), span(f_dv)};
}

Instant PorkchopGrid::departure(std::size_t i) const {
    return m_request.depart_first + ticks_from_seconds(static_cast<double>(i) * m_request.depart_step_days * day_s);
}

double PorkchopGrid::second_value(std::size_t j) const {
    const double offset = static_cast<double>(j) * m_request.second_step_days;
    return m_request.axis == PorkchopAxis::arrival_date ? m_request.arrive_first.days_since_j2000() + offset
                                                        : m_request.tof_first_days + offset;
}

Instant PorkchopGrid::arrival(std::size_t i, std::size_t j) const {
    const double offset = static_cast<double>(j) * m_request.second_step_days;
    if (m_request.axis == PorkchopAxis::arrival_date) return m_request.arrive_first + ticks_from_seconds(offset * day_s);
    return departure(i) + ticks_from_seconds((m_request.tof_first_days + offset) * day_s);
}

double PorkchopGrid::tof_days(std::size_t i, std::size_t j) const { return to_days(arrival(i, j) - departure(i)); }

PorkchopGrid compute_porkchop(const PorkchopRequest& request, const Ephemeris& ephemeris,
                              const PorkchopControl& control) {
    validate(request);
    PorkchopGrid grid;
    grid.m_request = request;
    const double d0 = request.depart_first.days_since_j2000();
    const double d1 = request.depart_last.days_since_j2000();
    const bool by_date = request.axis == PorkchopAxis::arrival_date;
    const double s0 = by_date ? request.arrive_first.days_since_j2000() : request.tof_first_days;
    const double s1 = by_date ? request.arrive_last.days_since_j2000() : request.tof_last_days;
    const std::size_t nd = axis_count(d1 - d0, request.depart_step_days);
    const std::size_t ns = axis_count(s1 - s0, request.second_step_days);
    grid.m_departures = nd;
    grid.m_seconds = ns;
    const std::size_t cells = nd * ns;

    // Axis dates exactly as the grid reports them (Instant arithmetic), as TDB days.
    std::vector<double> dep_days(nd), sec_days(ns);
    for (std::size_t i = 0; i < nd; ++i) dep_days[i] = grid.departure(i).days_since_j2000();
    for (std::size_t j = 0; j < ns; ++j) {
        sec_days[j] = by_date ? grid.arrival(0, j).days_since_j2000() : grid.second_value(j);
    }
    const double a0 = by_date ? sec_days.front() : dep_days.front() + sec_days.front();
    const double a1 = by_date ? sec_days.back() : dep_days.back() + sec_days.back();

    check_span(request.from, ephemeris, d0, d1, "departure");
    check_span(request.to, ephemeris, a0, a1, "arrival");
    const std::size_t chunks = (cells + chunk_cells - 1) / chunk_cells;
    const unsigned threads = worker_count(request.threads, chunks);

    // Sample the ends once per grid, spread over the workers: the Earth (eraEpv00, ~20-40 us a call) costs as
    // much as a third of a 1 M-cell grid on one core. Axis dates come from the source, the Earth's on a dense
    // axis through nodes every 2 days (axis_node_stride, <= 4.1 m from eraEpv00); off-axis arrivals
    // (time-of-flight axis) come from one TabulatedEphemeris.
    std::vector<Vec3> r1(nd), v1(nd), r2_axis(by_date ? ns : 0), v2_axis(by_date ? ns : 0);
    std::unique_ptr<EndSampler> to;
    const std::size_t stride_from = axis_node_stride(request.from, ephemeris, request.depart_step_days, nd);
    const std::size_t stride_to = by_date ? axis_node_stride(request.to, ephemeris, request.second_step_days, ns) : 1;
    AxisNodes nodes_from, nodes_to;
    if (stride_from > 1) nodes_from = axis_nodes(dep_days, stride_from);
    if (stride_to > 1) nodes_to = axis_nodes(sec_days, stride_to);
    {
        std::vector<std::function<void()>> tasks;
        auto slices = [&](const TransferBody& body, std::vector<double>& days, std::vector<Vec3>& r,
                          std::vector<Vec3>& v) {
            const std::size_t n = days.size(), per = (n + threads - 1) / threads;
            for (std::size_t b0 = 0; b0 < n; b0 += per) {
                const std::size_t len = std::min(per, n - b0);
                tasks.emplace_back([&, b0, len] {
                    sample_axis(body, ephemeris, std::span<const double>(days).subspan(b0, len),
                                std::span<Vec3>(r).subspan(b0, len), std::span<Vec3>(v).subspan(b0, len));
                });
            }
        };
        if (stride_from > 1) {
            slices(request.from, nodes_from.days, nodes_from.r, nodes_from.v);
        } else {
            slices(request.from, dep_days, r1, v1);
        }
        if (by_date) {
            if (stride_to > 1) {
                slices(request.to, nodes_to.days, nodes_to.r, nodes_to.v);
            } else {
                slices(request.to, sec_days, r2_axis, v2_axis);
            }
        } else {
            tasks.emplace_back([&] { to = std::make_unique<EndSampler>(request.to, ephemeris, a0, a1); });
        }
        parallel_for(tasks.size(), threads, [&](std::size_t t, unsigned) { tasks[t](); });
    }
    if (stride_from > 1) fill_from_nodes(nodes_from, stride_from, dep_days, r1, v1);
    if (stride_to > 1) fill_from_nodes(nodes_to, stride_to, sec_days, r2_axis, v2_axis);

    std::array<bool, 2> want = {request.type1, request.type2};
    for (TransferType t : transfer_types) {
        // Uninitialised: the workers touch the pages first, so page faults are spread over threads (and are
        // few: detail::allocate_large asks for huge pages).
        if (want[PorkchopGrid::index(t)]) {
            grid.m_fields[PorkchopGrid::index(t)] = detail::allocate_large_buffer<float>(PorkchopGrid::field_count * cells);
        }
    }

    const double gm_from = body_gm(request.from), gm_to = body_gm(request.to);
    const double r_park = body_radius(request.from) + request.parking_alt_km;
    const double r_capture = body_radius(request.to) + request.capture.periapsis_alt_km;
    const double e_capture = request.capture.eccentricity;
    // hyperbolic_burn(v, gm, r, e) = sqrt(v^2 + 2 gm / r) - sqrt(gm (1 + e) / r): the two constants per end.
    // (gm = 0, a small body of radius 0 at altitude 0, must not divide 0 by 0.)
    const double burn_dep[2] = {gm_from > 0 ? 2.0 * gm_from / r_park : 0.0,
                                gm_from > 0 ? std::sqrt(gm_from / r_park) : 0.0};
    const double burn_arr[2] = {gm_to > 0 ? 2.0 * gm_to / r_capture : 0.0,
                                gm_to > 0 ? std::sqrt(gm_to * (1.0 + e_capture) / r_capture) : 0.0};
    const double sin_eps = std::sin(obliquity_j2000_rad), cos_eps = std::cos(obliquity_j2000_rad);

    std::atomic<std::size_t> done{0};
    std::vector<Scratch> scratch(threads);
    const bool finished = parallel_for(chunks, threads, [&](std::size_t c, unsigned worker) {
        Scratch& s = scratch[worker];
        const std::size_t k0 = c * chunk_cells, k1 = std::min(cells, k0 + chunk_cells), n = k1 - k0;
        // Departure row i and second-axis column j of each cell, walked without a division per cell
        // (three 64-bit divisions per cell were a fifth of a 1 M-cell grid's time).
        {
            std::size_t i = k0 / ns, j = k0 % ns;
            for (std::size_t k = 0; k < n; ++k) {
                s.row[k] = i;
                s.dep_days[k] = dep_days[i];
                s.arr_days[k] = by_date ? sec_days[j] : dep_days[i] + sec_days[j];
                if (by_date) {
                    s.r2[k] = r2_axis[j];
                    s.v2[k] = v2_axis[j];
                }
                if (++j == ns) {
                    j = 0;
                    ++i;
                }
            }
        }
        if (!by_date) {
            to->states(std::span<const double>(s.arr_days.data(), n), std::span<Vec3>(s.r2.data(), n),
                       std::span<Vec3>(s.v2.data(), n));
        }
        // Every cell has one 0-rev prograde arc; its transfer angle theta (counter-clockwise seen from
        // ecliptic +z) decides the type: Type I when theta < 180 deg (z of r1 x r2 >= 0), Type II when
        // theta > 180 deg. Only cells with a positive time of flight and a requested type go to the
        // solver (a third of a square grid whose arrivals start half a year after its departures has
        // no positive time of flight).
        for (TransferType t : transfer_types) {
            if (!want[PorkchopGrid::index(t)]) continue;
            for (std::size_t q = 0; q < PorkchopGrid::field_count; ++q) {
                float* f = grid.field(t, q) + k0;
                std::fill(f, f + n, nan_f);
            }
        }
        std::size_t m = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (!(s.arr_days[k] > s.dep_days[k])) continue;
            const Vec3& a = r1[s.row[k]];
            const Vec3& b = s.r2[k];
            const TransferType t = type_of_angle(a, b);
            if (!want[PorkchopGrid::index(t)]) continue;
            s.lane[m] = k;
            s.type[m] = t;
            s.in[0][m] = a.x;
            s.in[1][m] = a.y;
            s.in[2][m] = a.z;
            s.in[3][m] = b.x;
            s.in[4][m] = b.y;
            s.in[5][m] = b.z;
            s.in[6][m] = (s.arr_days[k] - s.dep_days[k]) * day_s;
            ++m;
        }
        auto in = [&](int c_) { return std::span<const double>(s.in[c_].data(), m); };
        auto out = [&](int c_) { return std::span<double>(s.out[c_].data(), m); };
        solve_lambert_batch({in(0), in(1), in(2), in(3), in(4), in(5), in(6), gm_sun_km3_s2,
                             LambertDirection::prograde},
                            {out(0), out(1), out(2), out(3), out(4), out(5),
                             std::span<LambertStatus>(s.status.data(), m)});
        for (std::size_t l = 0; l < m; ++l) {
            if (s.status[l] != LambertStatus::ok) continue;  // stays NaN
            const std::size_t k = s.lane[l];
            const Vec3& vp1 = v1[s.row[k]];
            const Vec3 vinf_dep{s.out[0][l] - vp1.x, s.out[1][l] - vp1.y, s.out[2][l] - vp1.z};
            const Vec3 vinf_arr{s.out[3][l] - s.v2[k].x, s.out[4][l] - s.v2[k].y, s.out[5][l] - s.v2[k].z};
            const double c3 = dot(vinf_dep, vinf_dep), va2 = dot(vinf_arr, vinf_arr);
            const double vd = std::sqrt(c3), va = std::sqrt(va2);
            // ICRF z of the ecliptic vector: rotation about +x by the obliquity (frames.hpp).
            const double z_icrf = sin_eps * vinf_dep.y + cos_eps * vinf_dep.z;
            float* const base = grid.field(s.type[l], 0) + k0 + k;
            base[f_c3 * cells] = static_cast<float>(c3);
            base[f_vx * cells] = static_cast<float>(vinf_dep.x);
            base[f_vy * cells] = static_cast<float>(vinf_dep.y);
            base[f_vz * cells] = static_cast<float>(vinf_dep.z);
            // asinf: the float result is stored anyway (error ~1e-7 rad), at half the cost of asin.
            base[f_dla * cells] =
                std::asin(static_cast<float>(std::clamp(z_icrf / vd, -1.0, 1.0))) * static_cast<float>(rad_to_deg);
            base[f_vinf_arr * cells] = static_cast<float>(va);
            // hyperbolic_burn with its per-grid constants hoisted (gm = 0 gives the v-infinity itself).
            base[f_dv * cells] = static_cast<float>((std::sqrt(c3 + burn_dep[0]) - burn_dep[1]) +
                                                    (std::sqrt(va2 + burn_arr[0]) - burn_arr[1]));
        }
        const std::size_t now = done.fetch_add(n) + n;
        if (control.progress) control.progress(now, cells);
    }, control.cancel);
    if (!finished) throw PorkchopCancelled();
    return grid;
}

std::optional<PorkchopPoint> evaluate_transfer(const PorkchopRequest& request, const Ephemeris& ephemeris,
                                               Instant depart, Instant arrive, std::optional<TransferType> type) {
    if (arrive <= depart) return std::nullopt;
    const State s1 = body_state(request.from, ephemeris, depart);
    const State s2 = body_state(request.to, ephemeris, arrive);
    const TransferType decided = type_of_angle(s1.r_km, s2.r_km);
    if (type && *type != decided) return std::nullopt;  // the prograde arc here is of the other type
    const Vec3 c = cross(s1.r_km, s2.r_km);
    std::array<LambertSolution, 1> sol;
    const double tof_s = seconds_between(depart, arrive);
    const LambertResult res =
        solve_lambert(s1.r_km, s2.r_km, tof_s, gm_sun_km3_s2, sol, 0, LambertDirection::prograde);
    if (res.count == 0) return std::nullopt;

    PorkchopPoint p;
    p.depart = depart;
    p.arrive = arrive;
    p.type = decided;
    p.tof_days = tof_s / day_s;
    // The angle swept in the solution's own sense (its angular momentum), independent of how it was asked for.
    const Vec3 h = cross(s1.r_km, sol[0].v1);
    const double cos_theta = std::clamp(dot(s1.r_km, s2.r_km) / (norm(s1.r_km) * norm(s2.r_km)), -1.0, 1.0);
    const double theta = std::acos(cos_theta) * rad_to_deg;
    p.transfer_angle_deg = dot(c, h) >= 0 ? theta : 360.0 - theta;
    p.vinf_dep_km_s = sol[0].v1 - s1.v_km_s;
    p.c3_km2_s2 = dot(p.vinf_dep_km_s, p.vinf_dep_km_s);
    asymptote_deg(p.vinf_dep_km_s, p.dla_deg, p.rla_deg);
    p.vinf_arr_km_s = norm(sol[0].v2 - s2.v_km_s);
    p.dv_depart_km_s = hyperbolic_burn(std::sqrt(p.c3_km2_s2), body_gm(request.from),
                                       body_radius(request.from) + request.parking_alt_km, 0.0);
    p.dv_arrive_km_s = hyperbolic_burn(p.vinf_arr_km_s, body_gm(request.to),
                                       body_radius(request.to) + request.capture.periapsis_alt_km,
                                       request.capture.eccentricity);
    p.dv_total_km_s = p.dv_depart_km_s + p.dv_arrive_km_s;
    return p;
}

std::optional<PorkchopMinimum> porkchop_minimum(const PorkchopGrid& grid, const Ephemeris& ephemeris,
                                                PorkchopObjective objective, std::optional<TransferType> type) {
    const PorkchopRequest& q = grid.request();
    // Best cell.
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_k = 0;
    TransferType best_t = TransferType::type1;
    for (TransferType t : transfer_types) {
        if (!grid.has(t) || (type && *type != t)) continue;
        const PorkchopCells c = grid.cells(t);
        const auto values = objective == PorkchopObjective::c3 ? c.c3_km2_s2 : c.dv_total_km_s;
        for (std::size_t k = 0; k < values.size(); ++k) {
            if (values[k] < best) {  // false for NaN
                best = values[k];
                best_k = k;
                best_t = t;
            }
        }
    }
    if (!std::isfinite(best)) return std::nullopt;
    const std::size_t ns = grid.second_count();
    const std::size_t bi = best_k / ns, bj = best_k % ns;
    // The refinement stays within the type of the best cell (a trial point whose prograde arc is of the other
    // type counts as no transfer, so Nelder-Mead does not cross theta = 180 deg) unless the caller asked for
    // no particular type and the grid holds both: then it follows the prograde arc across, and the refined
    // point reports the type its own transfer angle decides.
    const bool free_type = !type && grid.has(TransferType::type1) && grid.has(TransferType::type2);
    const std::optional<TransferType> within = free_type ? std::nullopt : std::optional<TransferType>(best_t);
    auto start = evaluate_transfer(q, ephemeris, grid.departure(bi), grid.arrival(bi, bj), within);
    if (!start) return std::nullopt;

    // Nelder-Mead on (departure, second axis) in TDB days, clamped to the grid's box.
    const bool by_date = q.axis == PorkchopAxis::arrival_date;
    const double lo[2] = {q.depart_first.days_since_j2000(), grid.second_value(0)};
    const double hi[2] = {q.depart_last.days_since_j2000(), grid.second_value(ns - 1)};
    PorkchopMinimum result;
    result.grid = *start;
    result.refined = *start;
    double best_f = objective == PorkchopObjective::c3 ? start->c3_km2_s2 : start->dv_total_km_s;
    auto f = [&](std::array<double, 2>& x) {
        for (int d = 0; d < 2; ++d) x[d] = std::clamp(x[d], lo[d], hi[d]);
        ++result.evaluations;
        const double arr_days = by_date ? x[1] : x[0] + x[1];
        const Instant dep = Instant::from_days_since_j2000(x[0]);
        const Instant arr = Instant::from_days_since_j2000(arr_days);
        const auto p = evaluate_transfer(q, ephemeris, dep, arr, within);
        if (!p) return std::numeric_limits<double>::infinity();
        const double v = objective == PorkchopObjective::c3 ? p->c3_km2_s2 : p->dv_total_km_s;
        if (v < best_f) {
            best_f = v;
            result.refined = *p;
        }
        return v;
    };
    std::array<std::array<double, 2>, 3> x;
    x[0] = {grid.departure(bi).days_since_j2000(), grid.second_value(bj)};
    x[1] = {x[0][0] + q.depart_step_days, x[0][1]};
    x[2] = {x[0][0], x[0][1] + q.second_step_days};
    if (x[1][0] > hi[0]) x[1][0] = x[0][0] - q.depart_step_days;
    if (x[2][1] > hi[1]) x[2][1] = x[0][1] - q.second_step_days;
    std::array<double, 3> fx;
    for (int v = 0; v < 3; ++v) fx[v] = f(x[v]);
    while (result.evaluations < refine_max_evaluations) {
        std::array<int, 3> o = {0, 1, 2};
        std::sort(o.begin(), o.end(), [&](int a, int b) { return fx[a] < fx[b]; });
        const int b = o[0], m = o[1], w = o[2];
        double span = 0;
        for (int d = 0; d < 2; ++d) {
            span = std::max({span, std::abs(x[m][d] - x[b][d]), std::abs(x[w][d] - x[b][d])});
        }
        if (span < refine_tolerance_days) break;
        const std::array<double, 2> centroid = {(x[b][0] + x[m][0]) / 2, (x[b][1] + x[m][1]) / 2};
        auto along = [&](double t) {
            return std::array<double, 2>{centroid[0] + t * (x[w][0] - centroid[0]),
                                         centroid[1] + t * (x[w][1] - centroid[1])};
        };
        auto xr = along(-1.0);
        const double fr = f(xr);
        if (fr < fx[b]) {
            auto xe = along(-2.0);
            const double fe = f(xe);
            if (fe < fr) {
                x[w] = xe;
                fx[w] = fe;
            } else {
                x[w] = xr;
                fx[w] = fr;
            }
        } else if (fr < fx[m]) {
            x[w] = xr;
            fx[w] = fr;
        } else {
            auto xc = fr < fx[w] ? along(-0.5) : along(0.5);
            const double fc = f(xc);
            if (fc < std::min(fr, fx[w])) {
                x[w] = xc;
                fx[w] = fc;
            } else {  // shrink towards the best vertex
                for (int v : {m, w}) {
                    for (int d = 0; d < 2; ++d) x[v][d] = x[b][d] + 0.5 * (x[v][d] - x[b][d]);
                    fx[v] = f(x[v]);
                }
            }
        }
    }
    return result;
}

}  // namespace ger::astro
