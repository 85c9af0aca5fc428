// Typed instants: an integer count of nanoseconds since J2000.0 of a named time scale.
//
// TDB is the dynamics scale (ephemerides, propagation): `Instant` is a TDB instant. TT exists for the
// UTC <-> TDB chain and for callers that hold TT. UTC appears only at the edges: parse_utc_iso8601 and the
// format_* functions. Conversions go UTC <-> TAI (ERFA eraUtctai/eraTaiutc, leap seconds from ERFA's table)
// <-> TT (TT = TAI + 32.184 s, exact integer ticks) <-> TDB (ERFA eraDtdb, Fairhead & Bretagnon 1990,
// geocentric: |TDB - TT| < 1.7 ms, model accuracy +/- 3 ns 1950-2050).
//
// Representation: std::chrono nanoseconds in int64 since J2000.0 (JD 2451545.0 of the instant's own scale), so
// instants are exact to 1 ns and representable over J2000 +/- 292 years (1708-2291). The UTC edges accept
// calendar years 1900-2100 (min_utc_year, max_utc_year). Before 1960 UTC is not defined; ERFA then takes
// UTC = TAI (its "dubious year" warning, accepted here). After ERFA's last tabulated leap second (2017-01-01
// for liberfa 2.0) no further leap seconds are assumed.
//
// Thread-safety: every type here is a value type; every function is pure and may be called concurrently.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace ger::astro {

enum class TimeScale { tt, tdb };

std::string_view time_scale_name(TimeScale scale) noexcept;  // "TT", "TDB"

using Ticks = std::chrono::duration<std::int64_t, std::nano>;  // [ns]
inline constexpr std::int64_t ns_per_day = 86'400'000'000'000;

inline constexpr int min_utc_year = 1900;
inline constexpr int max_utc_year = 2100;

// A Julian date split in two parts for precision: jd = day + fraction [days]; day is a half-integer (.0 or .5
// relative to JD 2451545.0) and 0 <= fraction < 1.
struct JulianDate {
    double day = 0;
    double fraction = 0;
};

namespace detail {
// Ticks from days since J2000 [days]; throws AstroError(time_out_of_range) if not finite or not representable.
Ticks ticks_from_days(double days, TimeScale scale);
Ticks ticks_from_julian_date(double jd1, double jd2, TimeScale scale);
double days_from_ticks(Ticks t) noexcept;
JulianDate julian_date_from_ticks(Ticks t) noexcept;
}  // namespace detail

// An instant on time scale Scale. Totally ordered; differences are Ticks; mixing scales does not compile.
template <TimeScale Scale>
class BasicInstant {
public:
    static constexpr TimeScale scale = Scale;

    constexpr BasicInstant() = default;  // J2000.0 of Scale

    static constexpr BasicInstant from_ticks_since_j2000(Ticks t) { return BasicInstant(t); }
    // [days] since J2000.0 of Scale; rounded to the nearest ns. Throws AstroError(time_out_of_range).
    static BasicInstant from_days_since_j2000(double days) {
        return BasicInstant(detail::ticks_from_days(days, Scale));
    }
    // Two-part Julian date of Scale [days] (any split). Throws AstroError(time_out_of_range).
    static BasicInstant from_julian_date(double jd1, double jd2 = 0.0) {
        return BasicInstant(detail::ticks_from_julian_date(jd1, jd2, Scale));
    }
    // Modified Julian date of Scale [days]. Throws AstroError(time_out_of_range).
    static BasicInstant from_mjd(double mjd) {
        return BasicInstant(detail::ticks_from_julian_date(2'400'000.5, mjd, Scale));
    }

    constexpr Ticks ticks_since_j2000() const { return m_ticks; }
    double days_since_j2000() const { return detail::days_from_ticks(m_ticks); }  // [days]
    double seconds_since_j2000() const { return std::chrono::duration<double>(m_ticks).count(); }  // [s]
    JulianDate julian_date() const { return detail::julian_date_from_ticks(m_ticks); }
    double mjd() const {  // [days]
        const JulianDate jd = julian_date();
        return (jd.day - 2'400'000.5) + jd.fraction;
    }

    constexpr BasicInstant operator+(Ticks d) const { return BasicInstant(m_ticks + d); }
    constexpr BasicInstant operator-(Ticks d) const { return BasicInstant(m_ticks - d); }
    constexpr Ticks operator-(const BasicInstant& o) const { return m_ticks - o.m_ticks; }
    constexpr BasicInstant& operator+=(Ticks d) { m_ticks += d; return *this; }
    constexpr BasicInstant& operator-=(Ticks d) { m_ticks -= d; return *this; }
    friend constexpr auto operator<=>(const BasicInstant&, const BasicInstant&) = default;

private:
    constexpr explicit BasicInstant(Ticks t) : m_ticks(t) {}
    Ticks m_ticks{0};
};

using Instant = BasicInstant<TimeScale::tdb>;  // the dynamics scale
using TtInstant = BasicInstant<TimeScale::tt>;

// Seconds as Ticks, rounded to the nearest ns [s]. Throws AstroError(time_out_of_range) if not representable.
Ticks ticks_from_seconds(double seconds);
inline double to_seconds(Ticks t) { return std::chrono::duration<double>(t).count(); }  // [s]
inline double to_days(Ticks t) { return detail::days_from_ticks(t); }                     // [days]

// (b - a) [s]
template <TimeScale S>
double seconds_between(BasicInstant<S> a, BasicInstant<S> b) {
    return to_seconds(b - a);
}

// TDB days since J2000.0 (JD 2451545.0 TDB) [days]: the argument of the batch ephemeris calls.
inline double days_since_j2000_tdb(Instant t) { return t.days_since_j2000(); }

// TDB - TT at a TT instant [s], ERFA eraDtdb geocentric (observer at the geocentre).
double tdb_minus_tt_s(TtInstant t);
Instant to_tdb(TtInstant t);
TtInstant to_tt(Instant t);  // inverts to_tdb to well below 1 ns

// TAI - UTC for a UTC calendar date [s] (37 s since 2017-01-01), ERFA eraDat. Throws AstroError for a year
// outside [min_utc_year, max_utc_year] or an invalid date.
double tai_minus_utc_s(int year, int month, int day);

// Parses UTC text: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS", "YYYY-MM-DDTHH:MM:SS.fff..."
// (up to 9 fractional digits), optionally ending in "Z" or "+00:00"; a space may replace the 'T'. A leap
// second (23:59:60) is accepted only on a day that has one. Throws AstroError(bad_time_text) for malformed
// text or invalid fields, AstroError(time_out_of_range) for a year outside [min_utc_year, max_utc_year].
Instant parse_utc_iso8601(std::string_view text);
TtInstant parse_utc_iso8601_tt(std::string_view text);

// "YYYY-MM-DDTHH:MM:SS[.f...]Z" in UTC, fractional_digits in [0, 9] (rounded; a leap second prints as :60).
// Throws AstroError(time_out_of_range) outside the UTC years, AstroError(invalid_argument) for bad digits.
std::string format_utc_iso8601(Instant t, int fractional_digits = 0);
std::string format_utc_iso8601(TtInstant t, int fractional_digits = 0);
// "YYYY-MM-DD": the UTC calendar date containing t (not rounded up to the next day).
std::string format_utc_date(Instant t);

}  // namespace ger::astro
