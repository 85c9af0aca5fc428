#!/usr/bin/env python3
"""Issue 11's crash test: `ger serve` over SQLite killed with SIGKILL at random moments while clients write.

Each round starts the server, lets four clients create missions and edit them (PATCH with If-Match), logging every
write the server acknowledged and the one each client had in flight, then kills the server after a random 50-400 ms.
After each kill the database must pass integrity_check, hold every acknowledged write (a record is at its last
acknowledged version, or one further when the write in flight committed before its answer was sent, and then holds
that write), nothing torn, and the audit log must match the records: one create and one update per version, the
newest entry's `after` equal to the stored record. The next round's server starts on the same file. At the end a
fresh server reads every record back through the API.

What this proves and what it does not: a process killed at any moment loses no acknowledged transaction (SQLite's
WAL with synchronous = NORMAL). It says nothing of a power loss or an OS crash, where NORMAL may roll back the last
transactions acknowledged before it (README, "Backups and durability").

Usage: crash.py PATH_TO_GER [ROUNDS]
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error

from serve_process import Checks, Ger, request

ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
CLIENTS = 4
check = Checks()
ger = Ger(sys.argv[1])


class Ledger:
    """What the server acknowledged, per mission: {id: (version, description)}; and what was in flight."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}
        self.in_flight = {}  # id -> (version it would have, description), cleared once answered

    def begin(self, mission_id, version, description):
        with self.lock:
            self.in_flight[mission_id] = (version, description)

    def answered(self, mission_id, version=None, description=None):
        with self.lock:
            self.in_flight.pop(mission_id, None)
            if version is not None:
                self.acknowledged[mission_id] = (version, description)


def client(port, token, ledger, round_no, client_no, stop):
    """Creates a mission, edits it until the server goes away, then the next."""
    k = 0
    while not stop.is_set():
        mission_id = f"nasa-crash-{round_no}-{client_no}-{k}"
        k += 1
        description = "created"
        body = {"id": mission_id, "name": f"Crash test {mission_id}", "destination": "Moon", "kind": "robotic",
                "type": "lander", "status": "planned", "commitment": "study", "visibility": {"scope": "public"},
                "description": description}
        try:
            ledger.begin(mission_id, 1, description)
            status, headers, _ = request(port, "POST", "/api/v1/missions", token, body, timeout=10)
            if status != 201:
                check(False, f"create {mission_id}: {status}")
                return
            ledger.answered(mission_id, 1, description)
            etag = headers.get("ETag")
            for edit in range(1, 6):
                description = f"edit {edit}"
                ledger.begin(mission_id, edit + 1, description)
                status, headers, _ = request(port, "PATCH", "/api/v1/missions/" + mission_id, token,
                                             {"description": description}, {"If-Match": etag},
                                             "application/merge-patch+json", timeout=10)
                if status != 200:
                    check(False, f"edit {mission_id}: {status}")
                    return
                ledger.answered(mission_id, edit + 1, description)
                etag = headers.get("ETag")
        except (OSError, urllib.error.URLError):
            return  # the server was killed: what was in flight stays in the ledger as in flight


def check_database(db, ledger, round_no):
    con = sqlite3.connect(db)
    check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"round {round_no}: integrity_check")
    stored = {row[0]: (row[1], row[2]) for row in con.execute(
        "SELECT id, version, description FROM missions WHERE id LIKE 'nasa-crash-%'")}
    audit = {}
    for record_id, action, after in con.execute(
            "SELECT record_id, action, after_json FROM audit_log WHERE record_kind = 'mission'"
            " AND record_id LIKE 'nasa-crash-%' ORDER BY id"):
        audit.setdefault(record_id, []).append((action, after))
    con.close()
    for mission_id, (version, description) in ledger.acknowledged.items():
        got = stored.get(mission_id)
        flight = ledger.in_flight.get(mission_id)
        if got == (version, description):
            continue
        check(flight is not None and got == flight,
              f"round {round_no}: {mission_id} acknowledged at {version} {description!r}, stored {got}")
    for mission_id, flight in ledger.in_flight.items():
        if mission_id not in ledger.acknowledged and mission_id in stored:
            check(stored[mission_id] == flight, f"round {round_no}: {mission_id} stored {stored[mission_id]}")
    for mission_id in stored.keys() - ledger.acknowledged.keys() - ledger.in_flight.keys():
        check(False, f"round {round_no}: {mission_id} stored but never written")
    for mission_id, (version, description) in stored.items():
        entries = audit.get(mission_id, [])
        actions = [a for a, _ in entries]
        check(actions == ["create"] + ["update"] * (version - 1),
              f"round {round_no}: {mission_id} at version {version} has audit {actions}")
        if entries:
            after = json.loads(entries[-1][1])
            check(after.get("version") == version and after.get("description") == description,
                  f"round {round_no}: {mission_id}'s newest audit entry differs from the record")
    for mission_id in audit.keys() - stored.keys():
        check(False, f"round {round_no}: audit entries for {mission_id}, which is not stored")
    # The ledger moves on to what is stored: a write that committed unanswered is now the acknowledged state.
    ledger.acknowledged = dict(stored)
    ledger.in_flight = {}
    return len(stored)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "ger.db")
    token = ger.new_database(db)
    rng = random.Random(int(os.environ.get("GER_CRASH_SEED", "11")))
    ledger = Ledger()
    stored = 0
    started = time.monotonic()
    for round_no in range(ROUNDS):
        server, port = ger.serve(db, stderr=subprocess.DEVNULL)
        stop = threading.Event()
        threads = [threading.Thread(target=client, args=(port, token, ledger, round_no, c, stop))
                   for c in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.05, 0.4))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        for t in threads:
            t.join()
        stored = check_database(db, ledger, round_no)
        if check.failures:
            break
        if sys.stdout.isatty() or round_no % 10 == 9:
            print(f"round {round_no + 1}/{ROUNDS}: {stored} missions stored", flush=True)

    # A last server reads every record back as it was acknowledged.
    server, port = ger.serve(db, stderr=subprocess.DEVNULL)
    try:
        for mission_id, (version, description) in ledger.acknowledged.items():
            status, headers, body = request(port, "GET", "/api/v1/missions/" + mission_id, token, timeout=10)
            check(status == 200 and json.loads(body)["description"] == description
                  and headers.get("ETag") == f'"{version}"', f"{mission_id} through the API after the kills")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

if check.failures:
    sys.exit(f"{len(check.failures)} failure(s)")
print(f"crash: {ROUNDS} kill -9 rounds in {time.monotonic() - started:.0f} s, {stored} missions "
      "with every acknowledged write, no torn record, the audit log matching")
