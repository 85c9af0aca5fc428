#!/usr/bin/env python3
"""Issue 11's disk-full fault test: `ger serve` over SQLite while its files may not grow.

The server runs as its own process with SIGXFSZ ignored; once it has acknowledged some writes, its file-size limit
(RLIMIT_FSIZE, set from outside with prlimit, which works as root too, where a read-only file would not) is lowered
to the size its files have, so the next write the database needs to grow fails inside SQLite as a full disk does.
Then: a write is answered 503 with the store-unavailable problem type and Retry-After and changes nothing; reads keep
working; the server does not crash; once the limit is lifted, the same write succeeds without a restart. After the
server stops: the database passes integrity_check, every acknowledged write is there, and the audit log holds exactly
one create entry per acknowledged mission.

Usage: disk_full.py PATH_TO_GER
"""
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile

from serve_process import Checks, Ger, request

check = Checks()
ger = Ger(sys.argv[1])


def mission(n):
    return {"id": f"nasa-full-{n}", "name": f"Disk full test {n}", "destination": "Moon", "kind": "robotic",
            "type": "lander", "status": "planned", "commitment": "study", "visibility": {"scope": "public"},
            # a few KB each, so the files must grow soon after the limit is set
            "description": f"write {n} " + "x" * 4000}


def files_size(db):
    return max(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "ger.db")
    token = ger.new_database(db)
    server, port = ger.serve(db, stderr=subprocess.PIPE,
                              preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN))
    try:

        acknowledged = []
        for n in range(5):
            status, _, body = request(port, "POST", "/api/v1/missions", token, mission(n))
            check(status == 201, f"write {n} before the limit: {status} {body[:200]!r}")
            if status == 201:
                acknowledged.append(n)

        limit = files_size(db)
        resource.prlimit(server.pid, resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        refused = None
        for n in range(5, 2000):
            status, headers, body = request(port, "POST", "/api/v1/missions", token, mission(n))
            if status == 201:
                acknowledged.append(n)
                continue
            refused = n
            check(status == 503, f"the write that needed room: {status} {body[:300]!r}")
            problem = json.loads(body)
            check(problem.get("type") == "urn:ger:problem:store-unavailable", f"problem type: {problem}")
            check(headers.get("Retry-After") == "5", f"Retry-After: {headers}")
            break
        check(refused is not None, "no write was refused with the files held at their size")
        print(f"limit {limit} bytes: {len(acknowledged)} writes acknowledged, write {refused} refused")

        # Reads keep working, the refused write is not there, the server still runs.
        if refused is not None:
            status, _, _ = request(port, "GET", f"/api/v1/missions/nasa-full-{refused}", token)
            check(status == 404, f"the refused write is readable: {status}")
        for n in acknowledged:
            status, _, _ = request(port, "GET", f"/api/v1/missions/nasa-full-{n}", token)
            check(status == 200, f"acknowledged write {n} unreadable while the disk is full: {status}")
        status, _, _ = request(port, "GET", "/roadmap")
        check(status == 200, f"the roadmap page while the disk is full: {status}")
        check(server.poll() is None, "the server died")

        # Room again: the same write goes through, with no restart.
        resource.prlimit(server.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        if refused is not None:
            status, _, body = request(port, "POST", "/api/v1/missions", token, mission(refused))
            check(status == 201, f"the refused write once there is room: {status} {body[:200]!r}")
            if status == 201:
                acknowledged.append(refused)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "the server did not stop on SIGTERM")
        check(server.returncode in (0, -signal.SIGTERM), f"server exit status {server.returncode}: "
              f"{server.stderr.read()[-2000:]}")

    con = sqlite3.connect(db)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check")
    stored = {row[0] for row in con.execute("SELECT id FROM missions WHERE id LIKE 'nasa-full-%'")}
    expected = {f"nasa-full-{n}" for n in acknowledged}
    check(stored == expected, f"stored missions differ from the acknowledged ones: {sorted(stored ^ expected)}")
    audited = [row[0] for row in con.execute(
        "SELECT record_id FROM audit_log WHERE record_kind = 'mission' AND action = 'create'"
        " AND record_id LIKE 'nasa-full-%'")]
    check(sorted(audited) == sorted(expected), f"audit creates {len(audited)} for {len(expected)} acknowledged writes")
    con.close()

if check.failures:
    sys.exit(f"{len(check.failures)} failure(s)")
print("disk full: refused with 503, reads kept working, recovered without a restart, nothing lost or torn")
