// Ephemerides: heliocentric states of solar-system bodies in Frame::ecliptic_j2000, [km] and [km/s], at TDB.
//
// One interface, Ephemeris, with a scalar call and a batch call over arrays (structure of arrays) that grids
// use. Implementations:
//   ErfaEphemeris        analytic series from ERFA (SOFA): eraEpv00 for the Earth (VSOP2000 simplified; vs DE405
//                        1900-2100: heliocentric position RMS 3.7 km, max 11.2 km; velocity max 5.0 mm/s),
//                        eraPlan94 for Mercury..Neptune (Simon et al. 1994; vs DE200 1800-2100 max radius error
//                        500 km Mercury, 9000 km Mars, 82 000 km Jupiter, 263 000 km Saturn, 661 000 km Uranus,
//                        248 000 km Neptune; longitude errors 7-87"), eraMoon98 + eraEpv00 for the Moon
//                        (Meeus; vs ELP/MPP02 1950-2100 geocentric RMS 6.1 km, worst 31.7 km), and the
//                        Earth-Moon barycentre as eraEpv00's Earth + eraMoon98's geocentric Moon x GM_moon /
//                        (GM_earth + GM_moon) (DE440 masses; the Moon's error scaled by 0.01215: <= 0.4 km, so
//                        the barycentre is as good as the Earth, <= 11.6 km; velocity <= 5 mm/s + 0.01215 x
//                        eraMoon98's). Not eraPlan94's own EMB (np = 3: 1,300 km radius, 9" longitude), which is
//                        what astropy's "builtin" ephemeris returns for 'earth-moon-barycenter'. Cost per state:
//                        roughly 20 us (epv00), 1 us (plan94). Valid spans: Earth, Moon and barycentre 1900-2100
//                        (epv00's stated span), planets 1708-2291 (the Instant range; plan94 itself is good
//                        1000-3000).
//   TabulatedEphemeris   samples any Ephemeris once on a uniform grid and interpolates each component with a
//                        cubic Hermite polynomial through the sampled positions and tangents, so a porkchop
//                        grid never calls the slow model per cell. Error measured in tests/astro/ephemeris_test
//                        and quoted in docs/ASTRO.md.
//
// NOTE: eraPlan94's velocities are not the derivative of its positions (they omit the perturbation terms'
// derivatives: measured up to 2 m/s for Mars, 25 m/s for Saturn, within its stated velocity error). Hermite
// tangents that disagree with the positions bend the curve between nodes (28 km for Mars at a 1-day step), so
// by default the table's tangents are the source's position derivative (central difference of source
// positions at node +/- 0.01 day) and its velocities are the derivative of the interpolated positions.
//
// ERFA's outputs are converted explicitly: [au] -> [km] (au_km), [au/day] -> [km/s] (au_per_day_to_km_s), and
// ICRF (BCRS/GCRS axes, or J2000 mean equator for plan94, same to 23 mas) -> ecliptic J2000 (frames.hpp).
//
// Thread-safety: Ephemeris implementations are immutable after construction; every const member may be called
// concurrently from many threads on one shared object (ERFA's routines are pure functions).
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "astro/bodies.hpp"
#include "astro/frames.hpp"
#include "astro/time.hpp"
#include "astro/vec3.hpp"

namespace ger::astro {

// Closed span of TDB days since J2000.0 [days] over which an ephemeris answers for a body.
struct ValidSpan {
    double first_tdb_days = 0;
    double last_tdb_days = 0;
    bool contains(double tdb_days) const noexcept {
        return tdb_days >= first_tdb_days && tdb_days <= last_tdb_days;
    }
};

class Ephemeris {
public:
    virtual ~Ephemeris() = default;

    virtual std::string_view name() const noexcept = 0;
    virtual bool provides(Body body) const noexcept = 0;
    // Throws AstroError(unknown_body) if !provides(body).
    virtual ValidSpan valid_span(Body body) const = 0;

    // Heliocentric state of `body` at TDB instant t; frame ecliptic_j2000, centre sun.
    // Throws AstroError(unknown_body) or AstroError(ephemeris_out_of_range) naming the date and the span.
    virtual State state(Body body, Instant t) const;

    // Batch: r_km[k], v_km_s[k] = heliocentric ecliptic-J2000 position [km] and velocity [km/s] of `body` at
    // tdb_days_since_j2000[k] [days]. r_km and v_km_s must be at least as long as the dates (else
    // AstroError(invalid_argument)). Throws as state(); on a throw the outputs are unspecified.
    virtual void states(Body body, std::span<const double> tdb_days_since_j2000, std::span<Vec3> r_km,
                        std::span<Vec3> v_km_s) const = 0;

protected:
    // Shared checks for implementations: body provided, output sizes, every date inside valid_span(body).
    void check_batch(Body body, std::span<const double> tdb_days, std::size_t r_size, std::size_t v_size) const;
};

// ERFA analytic ephemeris (see above). Stateless.
class ErfaEphemeris final : public Ephemeris {
public:
    std::string_view name() const noexcept override { return "erfa"; }
    bool provides(Body) const noexcept override { return true; }
    ValidSpan valid_span(Body body) const override;
    State state(Body body, Instant t) const override;
    void states(Body body, std::span<const double> tdb_days_since_j2000, std::span<Vec3> r_km,
                std::span<Vec3> v_km_s) const override;
};

// Where the Hermite tangents at the nodes come from (see the NOTE above).
enum class HermiteTangents {
    position_derivative,  // central difference of source positions at node +/- 0.01 day (3 source calls/node)
    source_velocity,      // the source's velocities (1 call/node); exact for self-consistent models (eraEpv00)
};

// Cubic Hermite interpolation of another ephemeris sampled on a uniform grid.
class TabulatedEphemeris final : public Ephemeris {
public:
    // Samples `source` (batch calls per body) at first_tdb_days + k * step_days for k = 0..n-1, the smallest
    // n with the last node >= last_tdb_days. Throws AstroError(invalid_argument) for step_days <= 0 or
    // last < first, and whatever source.states throws (e.g. a span outside the source's validity, which with
    // position_derivative includes 0.01 day beyond each end).
    TabulatedEphemeris(const Ephemeris& source, std::span<const Body> bodies, double first_tdb_days,
                       double last_tdb_days, double step_days = 1.0,
                       HermiteTangents tangents = HermiteTangents::position_derivative);

    std::string_view name() const noexcept override { return "tabulated"; }
    bool provides(Body body) const noexcept override;
    ValidSpan valid_span(Body body) const override;  // first node .. last node
    void states(Body body, std::span<const double> tdb_days_since_j2000, std::span<Vec3> r_km,
                std::span<Vec3> v_km_s) const override;

    double step_days() const noexcept { return m_step_days; }
    std::size_t node_count() const noexcept { return m_node_count; }

private:
    struct Table {
        std::vector<Vec3> r_km;
        std::vector<Vec3> v_km_s;
    };
    double m_first_days;
    double m_step_days;
    std::size_t m_node_count;
    std::array<Table, all_bodies.size()> m_tables;  // empty table: body not provided
};

}  // namespace ger::astro
