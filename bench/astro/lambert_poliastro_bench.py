#!/usr/bin/python3
"""Baseline: poliastro 0.17 (Debian python3-poliastro) Izzo solves/s on the standard Lambert set: through its
astropy API and its numba core from a Python loop, and the numba core from a numba-compiled loop (no Python per
solve: the fastest way poliastro can be used, and the peer issue 14's ratios are taken against).

Run with Debian's interpreter:  /usr/bin/python3 bench/astro/lambert_poliastro_bench.py [n]
The set is generated exactly as astro/lambert_standard_set.cpp does (SplitMix64, seed 20150101), so
the problems are the ones bench_lambert and `ger bench lambert` time.
"""
import math
import sys
import time

import numpy as np
from astropy import units as u
from poliastro.core import iod as core_iod
from poliastro.iod import izzo

MU = 1.32712440041279419e11  # km^3/s^2, DE440
AU = 149597870.7  # km
SEED = 20150101
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, lo=0.0, hi=1.0):
        return lo + (hi - lo) * ((self.next() >> 11) * 2.0**-53)


def position(rng):
    r = rng.uniform(0.7, 1.7) * AU
    cz = rng.uniform(-1.0, 1.0)
    lon = rng.uniform(0.0, 2.0 * math.pi)
    sz = math.sqrt(1.0 - cz * cz)
    return np.array([r * sz * math.cos(lon), r * sz * math.sin(lon), r * cz])


def standard_set(n):
    rng = SplitMix64(SEED)
    out = []
    for _ in range(n):
        r1 = position(rng)
        r2 = position(rng)
        tof = rng.uniform(30.0, 500.0) * 86400.0
        out.append((r1, r2, tof))
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    problems = standard_set(n)
    jit = type(core_iod.izzo).__module__.startswith("numba")
    # Warm up (numba compiles on the first call); print the first answer to compare with ger.
    r1, r2, tof = problems[0]
    v1, _ = izzo.lambert(MU * u.km**3 / u.s**2, r1 * u.km, r2 * u.km, tof * u.s)
    print(f"# problem 0: v1 = {v1.to_value(u.km / u.s).tolist()} km/s", file=sys.stderr)

    t0 = time.perf_counter()
    for r1, r2, tof in problems:
        izzo.lambert(MU * u.km**3 / u.s**2, r1 * u.km, r2 * u.km, tof * u.s)
    api = time.perf_counter() - t0

    t0 = time.perf_counter()
    for r1, r2, tof in problems:
        core_iod.izzo(MU, r1, r2, tof, 0, True, True, 35, 1e-8)
    core = time.perf_counter() - t0

    loop = numba_loop_rate(problems) if jit else None
    print(
        f'{{"n": {n}, "numba_jit": {str(jit).lower()}, '
        f'"iod_izzo_lambert_solves_per_second": {n / api:.0f}, '
        f'"core_izzo_solves_per_second": {n / core:.0f}, '
        f'"core_izzo_in_numba_loop_solves_per_second": {"null" if loop is None else f"{loop:.0f}"}}}'
    )


def numba_loop_rate(problems):
    """Solves/s of poliastro's numba core called from a numba-compiled loop (compiled once before timing)."""
    import numba

    izzo_core = core_iod.izzo

    @numba.njit
    def solve_all(r1s, r2s, tofs, out):
        for k in range(tofs.shape[0]):
            v1, v2 = izzo_core(MU, r1s[k], r2s[k], tofs[k], 0, True, True, 35, 1e-8)
            out[k] = v1[0] + v2[0]

    r1s = np.array([p[0] for p in problems])
    r2s = np.array([p[1] for p in problems])
    tofs = np.array([p[2] for p in problems])
    out = np.empty(len(problems))
    solve_all(r1s[:2], r2s[:2], tofs[:2], out[:2])  # compile
    t0 = time.perf_counter()
    solve_all(r1s, r2s, tofs, out)
    return len(problems) / (time.perf_counter() - t0)


if __name__ == "__main__":
    main()
