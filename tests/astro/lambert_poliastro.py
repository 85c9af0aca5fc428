#!/usr/bin/python3
"""Solve Lambert problems with poliastro's Izzo solver, for tests/astro/lambert_poliastro_test.cpp.

Input, one query per line:  id mu r1x r1y r1z r2x r2y r2z tof revs prograde lowpath
Output, one line per query: id ok v1x v1y v1z v2x v2y v2z  |  id none <reason>
Exit 77 when poliastro cannot be imported (the test then skips).
Run with Debian's /usr/bin/python3 (python3-poliastro 0.17), not a pyenv interpreter.
"""
import sys

try:
    import numpy as np
    from poliastro.core.iod import izzo
except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
    print(f"poliastro unavailable: {exc}", file=sys.stderr)
    sys.exit(77)

# poliastro stops Householder once |dx| < rtol; 1e-12 keeps its own error far below the 1e-8 compared.
NUMITER, RTOL = 60, 1e-12


def main(src, dst):
    with open(src) as fin, open(dst, "w") as fout:
        for line in fin:
            f = line.split()
            if not f:
                continue
            qid, mu = f[0], float(f[1])
            r1 = np.array([float(v) for v in f[2:5]])
            r2 = np.array([float(v) for v in f[5:8]])
            tof, revs = float(f[8]), int(f[9])
            prograde, lowpath = f[10] == "1", f[11] == "1"
            try:
                v1, v2 = izzo(mu, r1, r2, tof, revs, prograde, lowpath, NUMITER, RTOL)
            except (ValueError, RuntimeError, AssertionError, ZeroDivisionError) as exc:
                reason = str(exc).replace(" ", "_") or type(exc).__name__
                fout.write(f"{qid} none {reason}\n")
                continue
            vals = " ".join(repr(float(v)) for v in (*v1, *v2))
            fout.write(f"{qid} ok {vals}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
