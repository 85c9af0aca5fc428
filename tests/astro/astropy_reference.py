#!/usr/bin/python3
"""Reference values from astropy (Debian python3-astropy) for tests/astro/astropy_compare_test.cpp.

Reads lines from argv[1]:
    utc <ISO 8601 UTC text>        -> "utc <text> <tdb_jd1> <tdb_jd2>"       astropy Time(utc).tdb, two-part JD
    eph <TDB days since J2000.0>   -> "eph <days> <body> x y z vx vy vz"    heliocentric ICRS [km, km/s] for
                                      earth, mars, moon: get_body_barycentric_posvel(body, ephemeris='builtin')
                                      minus the Sun's (astropy's builtin ephemeris is ERFA epv00/plan94/moon98)
    emb <TDB days since J2000.0>   -> two lines, heliocentric ICRS [km, km/s] of the Earth-Moon barycentre:
                                      "emb <days> plan94 x y z vx vy vz"   astropy's 'earth-moon-barycenter'
                                          (builtin: eraPlan94's EMB, Simon et al. 1994, an independent theory)
                                      "emb <days> combined x y z vx vy vz" astropy's earth + (moon - earth) x
                                          GM_moon / (GM_earth + GM_moon), DE440 masses (the construction ger uses)
Writes to argv[2]. Exits 77 when astropy is unavailable so the caller can skip.
"""
import sys

try:
    import warnings

    import astropy.units as u
    from astropy.coordinates import get_body_barycentric_posvel, solar_system_ephemeris
    from astropy.time import Time
    from astropy.utils import iers
except ImportError:
    sys.exit(77)

iers.conf.auto_download = False  # offline: UTC<->TAI needs only the built-in leap second table
warnings.simplefilter("ignore")  # ERFA "dubious year" warnings for dates past the leap-second table


def main(src, dst):
    out = []
    utc, eph, emb = [], [], []
    with open(src) as f:
        for line in f:
            kind, _, arg = line.strip().partition(" ")
            {"utc": utc, "eph": eph, "emb": emb}[kind].append(arg)
    if utc:
        t = Time([s.rstrip("Z") for s in utc], format="isot", scale="utc").tdb
        for text, j1, j2 in zip(utc, t.jd1, t.jd2):
            out.append(f"utc {text} {j1!r} {j2!r}")
    if eph:
        days = [float(d) for d in eph]
        t = Time([2451545.0] * len(days), days, format="jd", scale="tdb")
        with solar_system_ephemeris.set("builtin"):
            sun_p, sun_v = get_body_barycentric_posvel("sun", t)
            for body in ("earth", "mars", "moon"):
                p, v = get_body_barycentric_posvel(body, t)
                r = (p - sun_p).xyz.to_value(u.km).T
                w = (v - sun_v).xyz.to_value(u.km / u.s).T
                for d, ri, wi in zip(eph, r, w):
                    out.append(f"eph {d} {body} " + " ".join(repr(float(x)) for x in (*ri, *wi)))
    if emb:
        days = [float(d) for d in emb]
        t = Time([2451545.0] * len(days), days, format="jd", scale="tdb")
        gm_earth, gm_moon = 398600.435507, 4902.800118  # [km^3/s^2] DE440 (Park et al. 2021, Table 8)
        with solar_system_ephemeris.set("builtin"):
            sun_p, sun_v = get_body_barycentric_posvel("sun", t)
            helio = {}
            for body in ("earth-moon-barycenter", "earth", "moon"):
                p, v = get_body_barycentric_posvel(body, t)
                helio[body] = ((p - sun_p).xyz.to_value(u.km).T, (v - sun_v).xyz.to_value(u.km / u.s).T)
        f = gm_moon / (gm_earth + gm_moon)
        (er, ev), (mr, mv) = helio["earth"], helio["moon"]
        models = {"plan94": helio["earth-moon-barycenter"], "combined": (er + (mr - er) * f, ev + (mv - ev) * f)}
        for name, (r, w) in models.items():
            for d, ri, wi in zip(emb, r, w):
                out.append(f"emb {d} {name} " + " ".join(repr(float(x)) for x in (*ri, *wi)))
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
