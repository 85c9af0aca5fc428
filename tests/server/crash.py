#!/usr/bin/env python3
"""Issue 11's crash test: `ger serve` killed with SIGKILL at random moments while clients write, over SQLite or
over PostgreSQL.

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

With --postgresql CLUSTER_SCRIPT the test starts its own PostgreSQL 15 with its durability on (fsync,
synchronous_commit; tests/store/postgresql_cluster.sh with GER_POSTGRESQL_DURABLE=1), and every fifth round the
database server itself stops as in a crash (pg_ctl stop -m immediate: no checkpoint, WAL replay at the restart) at
the moment `ger serve` is killed. "Integrity" there is amcheck's bt_index_check with heapallindexed on every index:
each index matches its table, and every row the index names is there.

Usage: crash.py PATH_TO_GER [ROUNDS] [--postgresql CLUSTER_SCRIPT]
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

ARGS = sys.argv[1:]
POSTGRESQL_SCRIPT = None
if "--postgresql" in ARGS:
    i = ARGS.index("--postgresql")
    POSTGRESQL_SCRIPT = ARGS[i + 1]
    del ARGS[i:i + 2]
ROUNDS = int(ARGS[1]) if len(ARGS) > 1 else 50
CLIENTS = 4
check = Checks()
ger = Ger(ARGS[0])


class SqliteDatabase:
    def __init__(self, tmp):
        self.url = os.path.join(tmp, "ger.db")

    def integrity(self):
        con = sqlite3.connect(self.url)
        try:
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()

    def rows(self, sql):
        con = sqlite3.connect(self.url)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def crash_server(self):
        pass

    def close(self):
        pass


class PostgresqlDatabase:
    """A durable PostgreSQL of the test's own, read with psql (rows as JSON, so no quoting can go wrong)."""

    def __init__(self, tmp, script):
        self.script = script
        self.cluster = os.path.join(tmp, "postgresql")
        subprocess.run(["bash", script, "start", self.cluster], check=True, env={**os.environ,
                                                                                "GER_POSTGRESQL_DURABLE": "1"})
        with open(os.path.join(self.cluster, "url")) as f:
            server = f.read().strip()
        self.admin = server
        self.url = server.rsplit("/", 1)[0] + "/ger_crash"
        self.psql = next((p for p in ("/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql") if os.path.exists(p)),
                         "psql")

    def query(self, sql, url=None):
        out = subprocess.run([self.psql, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url or self.url, "-c",
                              sql], check=True, capture_output=True, text=True).stdout
        return out.strip()

    def integrity(self):
        self.query("CREATE EXTENSION IF NOT EXISTS amcheck")
        checked = self.query("SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c "
                             "ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                             "WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace")
        return int(checked) > 10  # every index of the schema was checked, and none raised

    def rows(self, sql):
        # json, not jsonb: each object keeps the query's column order
        text = self.query(f"SELECT COALESCE(json_agg(q), '[]') FROM ({sql}) q")
        return [tuple(r.values()) for r in json.loads(text)]

    def crash_server(self):
        subprocess.run(["bash", self.script, "crash", self.cluster], check=True)

    def close(self):
        subprocess.run(["bash", self.script, "stop", self.cluster], check=False)


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
    check(db.integrity(), f"round {round_no}: integrity check")
    stored = {row[0]: (row[1], row[2]) for row in db.rows(
        "SELECT id, version, description FROM missions WHERE id LIKE 'nasa-crash-%'")}
    audit = {}
    for record_id, action, after in db.rows(
            "SELECT record_id, action, after_json FROM audit_log WHERE record_kind = 'mission'"
            " AND record_id LIKE 'nasa-crash-%' ORDER BY id"):
        audit.setdefault(record_id, []).append((action, after))
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
    os.chmod(tmp, 0o755)  # the PostgreSQL cluster's unprivileged owner reaches its directory through it
    database = PostgresqlDatabase(tmp, POSTGRESQL_SCRIPT) if POSTGRESQL_SCRIPT else SqliteDatabase(tmp)
    db = database.url
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
        if round_no % 5 == 4:
            database.crash_server()
        server.wait()
        stop.set()
        for t in threads:
            t.join()
        stored = check_database(database, ledger, round_no)
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
        database.close()

if check.failures:
    sys.exit(f"{len(check.failures)} failure(s)")
print(f"crash ({'postgresql' if POSTGRESQL_SCRIPT else 'sqlite'}): {ROUNDS} kill -9 rounds in {time.monotonic() - started:.0f} s, {stored} missions "
      "with every acknowledged write, no torn record, the audit log matching")
