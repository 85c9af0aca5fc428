#include "astro/time.hpp"

#include <erfa.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "astro/constants.hpp"
#include "astro/error.hpp"

namespace ger::astro {

namespace {

// int64 ns reach +/- 9.22e18 ns = +/- 106 751 days; stay a day inside so sums of two parts cannot overflow.
constexpr double max_abs_days = 106'750.0;
constexpr Ticks tt_minus_tai = Ticks{32'184'000'000};  // [IERS2010] 32.184 s, exact

std::string range_message(std::string_view what, double value, std::string_view allowed) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%.*s %.17g is out of range; allowed %.*s", static_cast<int>(what.size()),
                  what.data(), value, static_cast<int>(allowed.size()), allowed.data());
    return buf;
}

[[noreturn]] void throw_bad_text(std::string_view text, std::string_view why) {
    throw AstroError(AstroErrc::bad_time_text,
                     "time text '" + std::string(text) + "' is not ISO 8601 UTC: " + std::string(why) +
                         " (expected YYYY-MM-DD[THH:MM[:SS[.fffffffff]]][Z])");
}

void check_utc_year(int year) {
    if (year < min_utc_year || year > max_utc_year) {
        throw AstroError(AstroErrc::time_out_of_range,
                         range_message("UTC year", year, "1900..2100 (min_utc_year..max_utc_year)"));
    }
}

// TAI ticks since J2000.0 (TAI) -> TT ticks, and back: exact integers.
Ticks tt_from_tai(Ticks tai) { return tai + tt_minus_tai; }
Ticks tai_from_tt(Ticks tt) { return tt - tt_minus_tai; }

TtInstant tt_from_utc_fields(std::string_view text, int y, int mo, int d, int h, int mi, double sec) {
    check_utc_year(y);
    double u1 = 0, u2 = 0;
    const int js = eraDtf2d("UTC", y, mo, d, h, mi, sec, &u1, &u2);
    if (js < 0) {
        switch (js) {
            case -2: throw_bad_text(text, "month must be 01..12");
            case -3: throw_bad_text(text, "day does not exist in that month");
            case -4: throw_bad_text(text, "hour must be 00..23");
            case -5: throw_bad_text(text, "minute must be 00..59");
            case -6: throw_bad_text(text, "second must be >= 0");
            default: throw_bad_text(text, "invalid date");
        }
    }
    if (js == 2 || js == 3) {  // second beyond the length of this UTC day
        throw_bad_text(text, "second must be < 60 (< 61 only at the end of a day with a leap second)");
    }
    double a1 = 0, a2 = 0;
    if (eraUtctai(u1, u2, &a1, &a2) < 0) throw_bad_text(text, "UTC to TAI conversion failed");
    return TtInstant::from_ticks_since_j2000(tt_from_tai(detail::ticks_from_julian_date(a1, a2, TimeScale::tt)));
}

int parse_digits(std::string_view text, std::size_t& pos, std::size_t n) {
    if (pos + n > text.size()) throw_bad_text(text, "too short");
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const char c = text[pos + k];
        if (c < '0' || c > '9') throw_bad_text(text, "digit expected at position " + std::to_string(pos + k));
        v = v * 10 + (c - '0');
    }
    pos += n;
    return v;
}

void expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) {
        throw_bad_text(text, std::string("'") + c + "' expected at position " + std::to_string(pos));
    }
    ++pos;
}

std::string format_tt(TtInstant t, int fractional_digits, bool date_only) {
    if (fractional_digits < 0 || fractional_digits > 9) {
        throw AstroError(AstroErrc::invalid_argument,
                         range_message("fractional_digits", fractional_digits, "0..9"));
    }
    const JulianDate tai = detail::julian_date_from_ticks(tai_from_tt(t.ticks_since_j2000()));
    double u1 = 0, u2 = 0;
    if (eraTaiutc(tai.day, tai.fraction, &u1, &u2) < 0) {
        throw AstroError(AstroErrc::time_out_of_range,
                         range_message("TT days since J2000", t.days_since_j2000(), "UTC years 1900..2100"));
    }
    int iy = 0, im = 0, id = 0, ihmsf[4] = {0, 0, 0, 0};
    const int ndp = date_only ? 9 : fractional_digits;
    if (eraD2dtf("UTC", ndp, u1, u2, &iy, &im, &id, ihmsf) < 0) {
        throw AstroError(AstroErrc::time_out_of_range,
                         range_message("TT days since J2000", t.days_since_j2000(), "UTC years 1900..2100"));
    }
    check_utc_year(iy);
    char buf[64];
    if (date_only) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", iy, im, id);
    } else if (fractional_digits == 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", iy, im, id, ihmsf[0], ihmsf[1], ihmsf[2]);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%0*dZ", iy, im, id, ihmsf[0], ihmsf[1],
                      ihmsf[2], fractional_digits, ihmsf[3]);
    }
    return buf;
}

}  // namespace

std::string_view time_scale_name(TimeScale scale) noexcept {
    switch (scale) {
        case TimeScale::tt: return "TT";
        case TimeScale::tdb: return "TDB";
    }
    return "?";
}

namespace detail {

Ticks ticks_from_days(double days, TimeScale scale) {
    if (!std::isfinite(days) || std::fabs(days) > max_abs_days) {
        throw AstroError(AstroErrc::time_out_of_range,
                         range_message(std::string(time_scale_name(scale)) + " days since J2000", days,
                                       "|days| <= 106750 (years 1708..2291)"));
    }
    const double whole = std::floor(days);
    const double frac = days - whole;  // exact
    return Ticks{static_cast<std::int64_t>(whole) * ns_per_day +
                 static_cast<std::int64_t>(std::llround(frac * static_cast<double>(ns_per_day)))};
}

Ticks ticks_from_julian_date(double jd1, double jd2, TimeScale scale) {
    const double d1 = jd1 - j2000_jd;  // exact for the half-integer day parts ERFA produces
    if (!std::isfinite(d1) || !std::isfinite(jd2) || std::fabs(d1 + jd2) > max_abs_days ||
        std::fabs(d1) > 2 * max_abs_days || std::fabs(jd2) > 2 * max_abs_days) {
        throw AstroError(AstroErrc::time_out_of_range,
                         range_message(std::string(time_scale_name(scale)) + " Julian date", jd1 + jd2,
                                       "JD 2451545 +/- 106750 days (years 1708..2291)"));
    }
    const double w1 = std::floor(d1), w2 = std::floor(jd2);
    const double frac = (d1 - w1) + (jd2 - w2);  // in [0, 2)
    return Ticks{(static_cast<std::int64_t>(w1) + static_cast<std::int64_t>(w2)) * ns_per_day +
                 static_cast<std::int64_t>(std::llround(frac * static_cast<double>(ns_per_day)))};
}

double days_from_ticks(Ticks t) noexcept {
    const JulianDate jd = julian_date_from_ticks(t);
    return (jd.day - j2000_jd) + jd.fraction;
}

JulianDate julian_date_from_ticks(Ticks t) noexcept {
    std::int64_t whole = t.count() / ns_per_day;
    std::int64_t rem = t.count() % ns_per_day;
    if (rem < 0) {
        rem += ns_per_day;
        --whole;
    }
    return {j2000_jd + static_cast<double>(whole), static_cast<double>(rem) / static_cast<double>(ns_per_day)};
}

}  // namespace detail

Ticks ticks_from_seconds(double seconds) {
    if (!std::isfinite(seconds) || std::fabs(seconds) > max_abs_days * day_s) {
        throw AstroError(AstroErrc::time_out_of_range,
                         range_message("seconds", seconds, "|s| <= 9.2e9 (int64 nanoseconds)"));
    }
    const double whole = std::trunc(seconds);
    return Ticks{static_cast<std::int64_t>(whole) * 1'000'000'000 +
                 static_cast<std::int64_t>(std::llround((seconds - whole) * 1e9))};
}

double tdb_minus_tt_s(TtInstant t) {
    const JulianDate jd = t.julian_date();
    // Geocentric observer: u = v = 0 nullifies the topocentric terms, so ut and elong are irrelevant.
    return eraDtdb(jd.day, jd.fraction, 0.0, 0.0, 0.0, 0.0);
}

Instant to_tdb(TtInstant t) {
    return Instant::from_ticks_since_j2000(t.ticks_since_j2000() + ticks_from_seconds(tdb_minus_tt_s(t)));
}

TtInstant to_tt(Instant t) {
    // eraDtdb's argument is nominally TDB; evaluating it at the TT estimate and iterating once more makes the
    // inverse consistent with to_tdb (d(TDB-TT)/dt < 4e-10, so the second pass changes it by < 1 ps).
    TtInstant tt = TtInstant::from_ticks_since_j2000(t.ticks_since_j2000());
    for (int k = 0; k < 2; ++k) {
        tt = TtInstant::from_ticks_since_j2000(t.ticks_since_j2000() - ticks_from_seconds(tdb_minus_tt_s(tt)));
    }
    return tt;
}

double tai_minus_utc_s(int year, int month, int day) {
    check_utc_year(year);
    double dat = 0;
    const int js = eraDat(year, month, day, 0.0, &dat);
    if (js < 0) {
        throw AstroError(AstroErrc::bad_time_text, "invalid UTC date " + std::to_string(year) + "-" +
                                                       std::to_string(month) + "-" + std::to_string(day));
    }
    return dat;
}

TtInstant parse_utc_iso8601_tt(std::string_view text) {
    std::size_t pos = 0;
    const int y = parse_digits(text, pos, 4);
    expect(text, pos, '-');
    const int mo = parse_digits(text, pos, 2);
    expect(text, pos, '-');
    const int d = parse_digits(text, pos, 2);
    int h = 0, mi = 0;
    double sec = 0;
    if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
        ++pos;
        h = parse_digits(text, pos, 2);
        expect(text, pos, ':');
        mi = parse_digits(text, pos, 2);
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            sec = parse_digits(text, pos, 2);
            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                std::size_t n = 0;
                std::int64_t frac = 0, denom = 1;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    if (++n > 9) throw_bad_text(text, "at most 9 fractional digits");
                    frac = frac * 10 + (text[pos] - '0');
                    denom *= 10;
                    ++pos;
                }
                if (n == 0) throw_bad_text(text, "digit expected after '.'");
                sec += static_cast<double>(frac) / static_cast<double>(denom);
            }
        }
        if (pos < text.size() && text[pos] == 'Z') {
            ++pos;
        } else if (text.substr(pos) == "+00:00") {
            pos += 6;
        }
    }
    if (pos != text.size()) throw_bad_text(text, "unexpected text at position " + std::to_string(pos));
    return tt_from_utc_fields(text, y, mo, d, h, mi, sec);
}

Instant parse_utc_iso8601(std::string_view text) { return to_tdb(parse_utc_iso8601_tt(text)); }

std::string format_utc_iso8601(TtInstant t, int fractional_digits) { return format_tt(t, fractional_digits, false); }
std::string format_utc_iso8601(Instant t, int fractional_digits) {
    return format_tt(to_tt(t), fractional_digits, false);
}
std::string format_utc_date(Instant t) { return format_tt(to_tt(t), 9, true); }

}  // namespace ger::astro
