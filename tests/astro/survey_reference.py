#!/usr/bin/python3
"""Round trips from ger's NEA survey re-evaluated by an independent implementation, for survey_reference_test.cpp.

Each trajectory ger reports (launch, outbound, stay and return days, and every figure) is recomputed from scratch:
the Earth from astropy 5.2's builtin (ERFA epv00) ephemeris, heliocentric = Earth - Sun, ICRS rotated to ecliptic
J2000 by the IAU 2006 obliquity (84381.406"); the asteroid by a Kepler propagation written here (Newton on Kepler's
equation, perifocal -> ecliptic) from its catalogue elements; both legs by poliastro 0.17's Izzo solver
(poliastro.core.iod.izzo, 0 revolutions, prograde); the burns by the NHATS definitions (injection from a 400 km
circular orbit, rendezvous and departure burns at the asteroid, entry speed at 125 km with no return burn).

Input, one trajectory per line (TDB Julian dates, elements in km and radians, as ger holds them):
  label jd_launch out_days stay_days back_days a_km e i raan argp m0 jd_epoch c3 inj arr dep vinf entry total
Output, one line per trajectory: label and the reference's c3 inj arr dep vinf entry total.
Exit 77 when poliastro or astropy cannot be imported (the test then skips). Run with Debian's /usr/bin/python3.
"""
import math
import sys

try:
    import numpy as np
    from astropy.coordinates import get_body_barycentric_posvel, solar_system_ephemeris
    from astropy.time import Time
    from poliastro.core.iod import izzo
except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
    print(f"reference unavailable: {exc}", file=sys.stderr)
    sys.exit(77)

MU_SUN = 132712440041.279419  # km^3/s^2, DE440 (as ger)
MU_EARTH = 398600.435507  # km^3/s^2, DE440
R_EARTH = 6378.1366  # km
PARKING_ALT = 400.0  # km
ENTRY_ALT = 125.0  # km
DAY = 86400.0
EPS = np.deg2rad(84381.406 / 3600.0)
ROT = np.array([[1, 0, 0], [0, np.cos(EPS), np.sin(EPS)], [0, -np.sin(EPS), np.cos(EPS)]])


def earth(jd_tdb):
    t = Time(jd_tdb, format="jd", scale="tdb")
    with solar_system_ephemeris.set("builtin"):
        pe, ve = get_body_barycentric_posvel("earth", t)
        ps, vs = get_body_barycentric_posvel("sun", t)
    r = (pe - ps).xyz.to_value("km")
    v = (ve - vs).xyz.to_value("km/s")
    return ROT @ r, ROT @ v


def asteroid(el, jd_tdb):
    a, e, i, raan, argp, m0, jd_epoch = el
    n = math.sqrt(MU_SUN / a**3)
    m = math.fmod(m0 + n * (jd_tdb - jd_epoch) * DAY, 2 * math.pi)
    ea = m if e < 0.8 else math.pi
    for _ in range(100):
        step = (ea - e * math.sin(ea) - m) / (1 - e * math.cos(ea))
        ea -= step
        if abs(step) < 1e-15:
            break
    cos_e, sin_e = math.cos(ea), math.sin(ea)
    b = math.sqrt(1 - e * e)
    r = a * (1 - e * cos_e)
    xp, yp = a * (cos_e - e), a * b * sin_e
    vxp, vyp = -math.sqrt(MU_SUN * a) / r * sin_e, math.sqrt(MU_SUN * a) / r * b * cos_e
    co, so, cw, sw, ci, si = (math.cos(raan), math.sin(raan), math.cos(argp), math.sin(argp), math.cos(i),
                              math.sin(i))
    p = np.array([co * cw - so * sw * ci, so * cw + co * sw * ci, sw * si])
    q = np.array([-co * sw - so * cw * ci, -so * sw + co * cw * ci, cw * si])
    return xp * p + yp * q, vxp * p + vyp * q


def leg(r1, r2, tof_days):
    v1, v2 = izzo(MU_SUN, r1, r2, tof_days * DAY, 0, True, True, 35, 1e-12)
    return v1, v2


def main(path_in, path_out):
    with open(path_in) as f, open(path_out, "w") as out:
        for line in f:
            w = line.split()
            if not w:
                continue
            label = w[0]
            jd0, out_d, stay_d, back_d = map(float, w[1:5])
            el = tuple(map(float, w[5:12]))
            jd1 = jd0 + out_d
            jd2 = jd1 + stay_d
            jd3 = jd2 + back_d
            re0, ve0 = earth(jd0)
            ra1, va1 = asteroid(el, jd1)
            ra2, va2 = asteroid(el, jd2)
            re3, ve3 = earth(jd3)
            v1, v2 = leg(re0, ra1, out_d)
            w1, w2 = leg(ra2, re3, back_d)
            c3 = float(np.dot(v1 - ve0, v1 - ve0))
            rp = R_EARTH + PARKING_ALT
            inj = math.sqrt(c3 + 2 * MU_EARTH / rp) - math.sqrt(MU_EARTH / rp)
            arr = float(np.linalg.norm(v2 - va1))
            dep = float(np.linalg.norm(w1 - va2))
            vinf = float(np.linalg.norm(w2 - ve3))
            entry = math.sqrt(vinf * vinf + 2 * MU_EARTH / (R_EARTH + ENTRY_ALT))
            total = inj + arr + dep
            out.write(f"{label} {c3:.17g} {inj:.17g} {arr:.17g} {dep:.17g} {vinf:.17g} {entry:.17g} {total:.17g}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
