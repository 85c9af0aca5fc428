#include "astro/ephemeris.hpp"

#include <erfa.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "astro/constants.hpp"
#include "astro/error.hpp"

namespace ger::astro {

namespace {

// eraEpv00's stated span, 1900-2100 (J2000 +/- 100 Julian years); ERFA warns outside it.
constexpr double epv00_half_span_days = 36'525.0;
// The Instant range (time.hpp); eraPlan94 itself is good 1000-3000 AD.
constexpr double plan94_half_span_days = 106'750.0;

// The Earth-Moon barycentre's distance from the geocentre as a fraction of the Moon's: GM_moon / (GM_earth +
// GM_moon) = 1 / (1 + EMRAT) = 0.0121505682 (DE440; EMRAT 81.3005682).
constexpr double emb_moon_fraction = gm_moon_km3_s2 / (gm_earth_km3_s2 + gm_moon_km3_s2);

// Half-width of the central difference for Hermite tangents [days]: truncation (h^2/6 * jerk) < 1e-6 km/s for the
// Moon, rounding (1e-14 * |r| / h) < 1e-8 km/s.
constexpr double tangent_difference_days = 0.01;

std::size_t index_of(Body b) noexcept { return static_cast<std::size_t>(b); }

// "TDB days 12345.5 (2033-10-21 TDB)" without throwing for dates the UTC edges reject.
std::string describe_tdb_days(double days) {
    char buf[128];
    int iy = 0, im = 0, id = 0;
    double fd = 0;
    if (std::isfinite(days) && eraJd2cal(j2000_jd, days, &iy, &im, &id, &fd) == 0) {
        std::snprintf(buf, sizeof buf, "TDB days since J2000 %.6f (%04d-%02d-%02d TDB)", days, iy, im, id);
    } else {
        std::snprintf(buf, sizeof buf, "TDB days since J2000 %g", days);
    }
    return buf;
}

[[noreturn]] void throw_out_of_range(std::string_view eph, Body body, double days, const ValidSpan& span) {
    throw AstroError(AstroErrc::ephemeris_out_of_range,
                     std::string(eph) + " ephemeris: " + describe_tdb_days(days) + " for " +
                         std::string(body_name(body)) + " is outside its valid span " +
                         describe_tdb_days(span.first_tdb_days) + " .. " + describe_tdb_days(span.last_tdb_days));
}

// ERFA pv [au, au/day] in ICRF axes -> heliocentric ecliptic J2000 [km, km/s].
void store_pv(const double pv[2][3], Vec3& r_km, Vec3& v_km_s) {
    r_km = icrf_to_ecliptic(Vec3{pv[0][0], pv[0][1], pv[0][2]} * au_km);
    v_km_s = icrf_to_ecliptic(Vec3{pv[1][0], pv[1][1], pv[1][2]} * au_per_day_to_km_s);
}

int plan94_number(Body b) {
    switch (b) {
        case Body::mercury: return 1;
        case Body::venus: return 2;
        case Body::mars: return 4;
        case Body::jupiter: return 5;
        case Body::saturn: return 6;
        case Body::uranus: return 7;
        case Body::neptune: return 8;
        default: return 0;
    }
}

// Heliocentric ICRF pv [au, au/day] of `body` at TDB JD jd1 + jd2; date already range-checked.
void erfa_pv(Body body, double jd1, double jd2, double pv[2][3]) {
    switch (body) {
        case Body::sun:
            for (auto& row : std::span(pv, 2)) row[0] = row[1] = row[2] = 0.0;
            return;
        case Body::earth:
        case Body::moon:
        case Body::emb: {
            double pvb[2][3];
            eraEpv00(jd1, jd2, pv, pvb);  // status 1 only outside 1900-2100, excluded by valid_span
            if (body != Body::earth) {
                // Geocentric Moon [au, au/day], GCRS axes (= ICRS axes, as epv00's); the barycentre is the Earth
                // plus that offset scaled by GM_moon / (GM_earth + GM_moon).
                double geo[2][3];
                eraMoon98(jd1, jd2, geo);
                const double f = body == Body::moon ? 1.0 : emb_moon_fraction;
                for (int i = 0; i < 2; ++i) {
                    for (int j = 0; j < 3; ++j) pv[i][j] += f * geo[i][j];
                }
            }
            return;
        }
        default:
            eraPlan94(jd1, jd2, plan94_number(body), pv);  // status 1 only outside 1000-3000 AD
            return;
    }
}

}  // namespace

State Ephemeris::state(Body body, Instant t) const {
    const double days = t.days_since_j2000();
    State s;
    states(body, std::span(&days, 1), std::span(&s.r_km, 1), std::span(&s.v_km_s, 1));
    return s;
}

void Ephemeris::check_batch(Body body, std::span<const double> tdb_days, std::size_t r_size,
                            std::size_t v_size) const {
    if (!provides(body)) {
        throw AstroError(AstroErrc::unknown_body,
                         std::string(name()) + " ephemeris does not provide " + std::string(body_name(body)));
    }
    if (r_size < tdb_days.size() || v_size < tdb_days.size()) {
        throw AstroError(AstroErrc::invalid_argument,
                         std::string(name()) + " ephemeris: output arrays (" + std::to_string(r_size) + ", " +
                             std::to_string(v_size) + ") shorter than the " + std::to_string(tdb_days.size()) +
                             " dates");
    }
    const ValidSpan span = valid_span(body);
    for (double d : tdb_days) {
        if (!span.contains(d)) throw_out_of_range(name(), body, d, span);  // also rejects NaN
    }
}

// ---- ErfaEphemeris ------------------------------------------------------------------------------------------

ValidSpan ErfaEphemeris::valid_span(Body body) const {
    const bool epv00 = body == Body::earth || body == Body::moon || body == Body::emb;
    const double half = epv00 ? epv00_half_span_days : plan94_half_span_days;
    return {-half, half};
}

State ErfaEphemeris::state(Body body, Instant t) const {
    const double days = t.days_since_j2000();
    State s;
    check_batch(body, std::span(&days, 1), 1, 1);
    const JulianDate jd = t.julian_date();  // two-part date: full nanosecond resolution
    double pv[2][3];
    erfa_pv(body, jd.day, jd.fraction, pv);
    store_pv(pv, s.r_km, s.v_km_s);
    return s;
}

void ErfaEphemeris::states(Body body, std::span<const double> tdb_days_since_j2000, std::span<Vec3> r_km,
                           std::span<Vec3> v_km_s) const {
    check_batch(body, tdb_days_since_j2000, r_km.size(), v_km_s.size());
    double pv[2][3];
    for (std::size_t k = 0; k < tdb_days_since_j2000.size(); ++k) {
        erfa_pv(body, j2000_jd, tdb_days_since_j2000[k], pv);  // ERFA's recommended "J2000 method" split
        store_pv(pv, r_km[k], v_km_s[k]);
    }
}

// ---- TabulatedEphemeris -------------------------------------------------------------------------------------

TabulatedEphemeris::TabulatedEphemeris(const Ephemeris& source, std::span<const Body> bodies, double first_tdb_days,
                                       double last_tdb_days, double step_days, HermiteTangents tangents)
    : m_first_days(first_tdb_days), m_step_days(step_days), m_node_count(0) {
    if (!(step_days > 0) || !std::isfinite(step_days) || !std::isfinite(first_tdb_days) ||
        !(last_tdb_days >= first_tdb_days)) {
        throw AstroError(AstroErrc::invalid_argument,
                         "tabulated ephemeris: need finite first <= last and step_days > 0; got first " +
                             std::to_string(first_tdb_days) + ", last " + std::to_string(last_tdb_days) +
                             ", step " + std::to_string(step_days));
    }
    m_node_count = static_cast<std::size_t>(std::ceil((last_tdb_days - first_tdb_days) / step_days)) + 1;
    if (m_node_count < 2) m_node_count = 2;
    std::vector<double> nodes(m_node_count);
    for (std::size_t k = 0; k < m_node_count; ++k) nodes[k] = first_tdb_days + static_cast<double>(k) * step_days;
    std::vector<double> shifted(m_node_count);
    std::vector<Vec3> r_minus(m_node_count), r_plus(m_node_count), scratch(m_node_count);
    for (Body b : bodies) {
        Table& t = m_tables[index_of(b)];
        t.r_km.resize(m_node_count);
        t.v_km_s.resize(m_node_count);
        source.states(b, nodes, t.r_km, t.v_km_s);
        if (tangents == HermiteTangents::position_derivative) {
            for (std::size_t k = 0; k < m_node_count; ++k) shifted[k] = nodes[k] - tangent_difference_days;
            source.states(b, shifted, r_minus, scratch);
            for (std::size_t k = 0; k < m_node_count; ++k) shifted[k] = nodes[k] + tangent_difference_days;
            source.states(b, shifted, r_plus, scratch);
            for (std::size_t k = 0; k < m_node_count; ++k) {
                t.v_km_s[k] = (r_plus[k] - r_minus[k]) / (2 * tangent_difference_days * day_s);
            }
        }
    }
}

bool TabulatedEphemeris::provides(Body body) const noexcept { return !m_tables[index_of(body)].r_km.empty(); }

ValidSpan TabulatedEphemeris::valid_span(Body body) const {
    if (!provides(body)) {
        throw AstroError(AstroErrc::unknown_body, "tabulated ephemeris does not provide " + std::string(body_name(body)));
    }
    return {m_first_days, m_first_days + static_cast<double>(m_node_count - 1) * m_step_days};
}

void TabulatedEphemeris::states(Body body, std::span<const double> tdb_days_since_j2000, std::span<Vec3> r_km,
                                std::span<Vec3> v_km_s) const {
    check_batch(body, tdb_days_since_j2000, r_km.size(), v_km_s.size());
    const Table& t = m_tables[index_of(body)];
    const double h_s = m_step_days * day_s;  // [s] node spacing
    const std::size_t last_segment = m_node_count - 2;
    for (std::size_t k = 0; k < tdb_days_since_j2000.size(); ++k) {
        const double u = (tdb_days_since_j2000[k] - m_first_days) / m_step_days;
        std::size_t i = u <= 0 ? 0 : static_cast<std::size_t>(u);
        if (i > last_segment) i = last_segment;
        const double s = u - static_cast<double>(i);  // in [0, 1]
        const double s2 = s * s, s3 = s2 * s;
        // Cubic Hermite basis and derivatives (d/ds) on the unit segment.
        const double h00 = 2 * s3 - 3 * s2 + 1, h10 = s3 - 2 * s2 + s, h01 = -2 * s3 + 3 * s2, h11 = s3 - s2;
        const double d00 = 6 * s2 - 6 * s, d10 = 3 * s2 - 4 * s + 1, d01 = -d00, d11 = 3 * s2 - 2 * s;
        const Vec3& p0 = t.r_km[i];
        const Vec3& p1 = t.r_km[i + 1];
        const Vec3 m0 = t.v_km_s[i] * h_s;  // tangents in [km per segment]
        const Vec3 m1 = t.v_km_s[i + 1] * h_s;
        r_km[k] = h00 * p0 + h10 * m0 + h01 * p1 + h11 * m1;
        v_km_s[k] = (d00 * p0 + d10 * m0 + d01 * p1 + d11 * m1) / h_s;
    }
}

}  // namespace ger::astro
