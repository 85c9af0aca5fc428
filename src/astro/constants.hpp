// Physical and astronomical constants, each with its source. Units are in the names.
//
// Sources:
//   [IAU2012B2]  IAU 2012 Resolution B2: the astronomical unit is exactly 149 597 870 700 m.
//   [IAU2015B3]  IAU 2015 Resolution B3: nominal solar and planetary conversion constants.
//   [IAU2006]    IAU 2006 precession (Capitaine et al. 2003, A&A 412, 567): obliquity of the ecliptic at J2000.0.
//   [DE440]      Park, Folkner, Williams & Boggs 2021, AJ 161:105, "The JPL Planetary and Lunar Ephemerides
//                DE440 and DE441", Table 8 (GM values, also in the NAIF kernel gm_de440.tpc).
//   [WGCCRE15]   Archinal et al. 2018, Celest. Mech. Dyn. Astr. 130:22, "Report of the IAU Working Group on
//                Cartographic Coordinates and Rotational Elements: 2015" (mean equatorial radii).
//   [IERS2010]   IERS Conventions (2010), Technical Note 36, Table 1.1 (TT - TAI, c).
#pragma once

namespace ger::astro {

inline constexpr double pi = 3.141592653589793238462643383279502884;
inline constexpr double two_pi = 2.0 * pi;
inline constexpr double deg_to_rad = pi / 180.0;
inline constexpr double arcsec_to_rad = pi / (180.0 * 3600.0);

// --- lengths and times -------------------------------------------------------------------------------
inline constexpr double au_km = 149'597'870.700;       // [km] [IAU2012B2], exact
inline constexpr double day_s = 86'400.0;              // [s] SI day used by TT/TDB Julian dates, exact
inline constexpr double julian_year_days = 365.25;     // [days] exact by definition
inline constexpr double julian_century_days = 36'525.0;  // [days] exact by definition
inline constexpr double speed_of_light_km_s = 299'792.458;  // [km/s] exact (SI), [IERS2010]
inline constexpr double j2000_jd = 2'451'545.0;        // Julian date of J2000.0 (2000-01-01T12:00:00 TT or TDB)
inline constexpr double mjd_zero_jd = 2'400'000.5;     // MJD = JD - 2400000.5
inline constexpr double tt_minus_tai_s = 32.184;       // [s] [IERS2010], exact by definition

inline constexpr double au_per_day_to_km_s = au_km / day_s;  // [km/s] per [au/day]

// Mean obliquity of the ecliptic at J2000.0, IAU 2006: 84381.406 arcsec [IAU2006].
inline constexpr double obliquity_j2000_arcsec = 84'381.406;
inline constexpr double obliquity_j2000_rad = obliquity_j2000_arcsec * arcsec_to_rad;

// --- gravitational parameters [km^3/s^2] --------------------------------------------------------------
// Planets other than Earth are their *system* GM (planet plus satellites), as DE440 gives them and as a
// heliocentric two-body model needs; Earth and Moon are separate bodies in DE440.
inline constexpr double gm_sun_km3_s2 = 132'712'440'041.279419;   // [DE440]
inline constexpr double gm_mercury_km3_s2 = 22'031.868551;        // [DE440]
inline constexpr double gm_venus_km3_s2 = 324'858.592000;         // [DE440]
inline constexpr double gm_earth_km3_s2 = 398'600.435507;         // [DE440]
inline constexpr double gm_moon_km3_s2 = 4'902.800118;            // [DE440]
// Earth-Moon system, DE440's BODY3_GM 403503.2356254802 (= Earth + Moon to 1e-6; 403503.235502 is DE430's).
inline constexpr double gm_earth_moon_km3_s2 = 403'503.235625;    // [DE440] Earth-Moon system
inline constexpr double gm_mars_system_km3_s2 = 42'828.375816;    // [DE440]
inline constexpr double gm_jupiter_system_km3_s2 = 126'712'764.100000;  // [DE440]
inline constexpr double gm_saturn_system_km3_s2 = 37'940'584.841800;    // [DE440]
inline constexpr double gm_uranus_system_km3_s2 = 5'794'556.400000;     // [DE440]
inline constexpr double gm_neptune_system_km3_s2 = 6'836'527.100580;    // [DE440]

// IAU 2015 nominal values (for conversions that must be reproducible, not for dynamics) [IAU2015B3].
inline constexpr double nominal_gm_sun_km3_s2 = 1.3271244e11;    // [km^3/s^2] (GM)^N_sun
inline constexpr double nominal_gm_earth_km3_s2 = 3.986004e5;    // [km^3/s^2] (GM)^N_E
inline constexpr double nominal_solar_radius_km = 695'700.0;     // [km] R^N_sun

// --- equatorial radii [km] ----------------------------------------------------------------------------
inline constexpr double radius_sun_km = 695'700.0;      // [IAU2015B3] nominal solar radius
inline constexpr double radius_mercury_km = 2'440.53;   // [WGCCRE15]
inline constexpr double radius_venus_km = 6'051.8;      // [WGCCRE15]
inline constexpr double radius_earth_km = 6'378.1366;   // [WGCCRE15]; IAU 2015 B3 nominal is 6378.1
inline constexpr double radius_moon_km = 1'737.4;       // [WGCCRE15] mean radius
inline constexpr double radius_mars_km = 3'396.19;      // [WGCCRE15]
inline constexpr double radius_jupiter_km = 71'492.0;   // [WGCCRE15], = IAU 2015 B3 nominal (1 bar)
inline constexpr double radius_saturn_km = 60'268.0;    // [WGCCRE15] (1 bar)
inline constexpr double radius_uranus_km = 25'559.0;    // [WGCCRE15] (1 bar)
inline constexpr double radius_neptune_km = 24'764.0;   // [WGCCRE15] (1 bar)

}  // namespace ger::astro
