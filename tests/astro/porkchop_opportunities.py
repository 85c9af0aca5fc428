#!/usr/bin/python3
"""Earth-Mars minimum-C3 transfers by an independent implementation, for porkchop_opportunities_test.cpp.

poliastro 0.17's Izzo Lambert solver (poliastro.core.iod.izzo) with astropy 5.2's builtin (ERFA) ephemeris,
heliocentric = body - Sun, ICRS rotated to ecliptic J2000 by the IAU 2006 obliquity (84381.406"), velocities
as the positions' central difference (+/- 0.01 day), as ger does for eraPlan94 planets.

Transfer types as in the mission-design handbooks: every arc is prograde (counter-clockwise seen from ecliptic
+z); its transfer angle theta in (0, 360) deg, measured in that sense, is fixed by the two positions, and the
arc is Type I when theta < 180 deg, Type II when theta > 180 deg. A date pair whose prograde arc is of the other
type has no transfer of the type asked for (infinite C3 here).

Minima (default mode):
  input, one window per line:  label type jd_dep_first jd_dep_last jd_arr_first jd_arr_last  (TDB Julian dates)
  output, one line per window: label type c3_km2_s2 jd_dep jd_arr vinf_arr_km_s
  method: a 4-day grid, then scipy Nelder-Mead from its best cell (bounded to the window, within the type).
Cells (--cells IN OUT):
  input, one date pair per line:  jd_dep jd_arr  (TDB)
  output, one line per pair:      theta_deg type c3_km2_s2 vinf_arr_km_s   (the prograde 0-rev arc)
Exit 77 when poliastro, astropy or scipy cannot be imported (the test then skips).
Run with Debian's /usr/bin/python3.
"""
import sys

try:
    import numpy as np
    from astropy import units as u
    from astropy.coordinates import get_body_barycentric_posvel, solar_system_ephemeris
    from astropy.time import Time
    from poliastro.core.iod import izzo
    from scipy.optimize import minimize
except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
    print(f"reference unavailable: {exc}", file=sys.stderr)
    sys.exit(77)

MU_SUN = 132712440041.279419  # km^3/s^2, DE440 (as ger)
EPS = np.deg2rad(84381.406 / 3600.0)
ROT = np.array([[1, 0, 0], [0, np.cos(EPS), np.sin(EPS)], [0, -np.sin(EPS), np.cos(EPS)]])
H = 0.01  # days
GRID_STEP = 4.0  # days


def helio(body, jd):
    t = Time(np.atleast_1d(jd), format="jd", scale="tdb")
    with solar_system_ephemeris.set("builtin"):
        b, _ = get_body_barycentric_posvel(body, t)
        s, _ = get_body_barycentric_posvel("sun", t)
    r = (b.xyz - s.xyz).to(u.km).value.T
    return r @ ROT.T


def states(body, jd):
    jd = np.atleast_1d(jd)
    r = helio(body, jd)
    v = (helio(body, jd + H) - helio(body, jd - H)) / (2 * H * 86400.0)
    return r, v


def transfer_angle_deg(r1, r2):
    """Angle from r1 to r2 swept counter-clockwise seen from +z, in [0, 360)."""
    cz = r1[0] * r2[1] - r1[1] * r2[0]
    cos_t = np.clip(np.dot(r1, r2) / (np.linalg.norm(r1) * np.linalg.norm(r2)), -1.0, 1.0)
    theta = float(np.degrees(np.arccos(cos_t)))
    return theta if cz >= 0 else 360.0 - theta


def prograde_arc(r1, v1, r2, v2, tof_s):
    """(C3, arrival v-infinity) of the prograde 0-rev arc; inf when it does not converge."""
    try:
        s1, s2 = izzo(MU_SUN, r1, r2, tof_s, 0, True, True, 60, 1e-12)
    except Exception:  # noqa: BLE001
        return np.inf, np.inf
    return float(np.sum((s1 - v1) ** 2)), float(np.linalg.norm(s2 - v2))


def transfer(r1, v1, r2, v2, tof_s, ttype):
    theta = transfer_angle_deg(r1, r2)
    if (1 if theta < 180.0 else 2) != ttype:
        return np.inf, np.inf  # the prograde arc here is of the other type
    return prograde_arc(r1, v1, r2, v2, tof_s)


def solve(ttype, d0, d1, a0, a1):
    dep = np.arange(d0, d1 + 1e-9, GRID_STEP)
    arr = np.arange(a0, a1 + 1e-9, GRID_STEP)
    r1, v1 = states("earth", dep)
    r2, v2 = states("mars", arr)
    best = (np.inf, None, None)
    for i, d in enumerate(dep):
        for j, a in enumerate(arr):
            if a <= d + 30:
                continue
            c3, _ = transfer(r1[i], v1[i], r2[j], v2[j], (a - d) * 86400.0, ttype)
            if c3 < best[0]:
                best = (c3, d, a)

    def f(x):
        d, a = float(np.clip(x[0], d0, d1)), float(np.clip(x[1], a0, a1))
        ra, va = states("earth", d)
        rb, vb = states("mars", a)
        return transfer(ra[0], va[0], rb[0], vb[0], (a - d) * 86400.0, ttype)[0]

    res = minimize(f, [best[1], best[2]], method="Nelder-Mead",
                   options={"xatol": 1e-5, "fatol": 1e-10, "initial_simplex":
                            [[best[1], best[2]], [best[1] + GRID_STEP, best[2]], [best[1], best[2] + GRID_STEP]]})
    d, a = float(np.clip(res.x[0], d0, d1)), float(np.clip(res.x[1], a0, a1))
    ra, va = states("earth", d)
    rb, vb = states("mars", a)
    c3, vinf = transfer(ra[0], va[0], rb[0], vb[0], (a - d) * 86400.0, ttype)
    return c3, d, a, vinf


def main(src, dst):
    with open(src) as fin, open(dst, "w") as fout:
        for line in fin:
            f = line.split()
            if not f:
                continue
            label, ttype = f[0], int(f[1])
            c3, d, a, vinf = solve(ttype, *(float(v) for v in f[2:6]))
            fout.write(f"{label} {ttype} {c3!r} {d!r} {a!r} {vinf!r}\n")


def cells(src, dst):
    with open(src) as fin, open(dst, "w") as fout:
        for line in fin:
            f = line.split()
            if not f:
                continue
            d, a = float(f[0]), float(f[1])
            ra, va = states("earth", d)
            rb, vb = states("mars", a)
            theta = transfer_angle_deg(ra[0], rb[0])
            c3, vinf = prograde_arc(ra[0], va[0], rb[0], vb[0], (a - d) * 86400.0)
            fout.write(f"{theta!r} {1 if theta < 180.0 else 2} {c3!r} {vinf!r}\n")


if __name__ == "__main__":
    if sys.argv[1] == "--cells":
        cells(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
