#!/usr/bin/env python3
"""Issue 11's PostgreSQL fault test: the database stopped and restarted under write load, while `ger serve` runs on.

Four clients create missions without pause. The database is stopped (pg_ctl stop -m fast) for two seconds, started
again, then stopped as in a crash (-m immediate: WAL replay at the restart) and started again. Throughout:
- every answer is 201 (acknowledged) or 503 with the store-unavailable problem type and a Retry-After header:
  no 500, no dropped connection, and the server process never dies;
- while the database is down, reads are 503 too (the server serves nothing it cannot prove current: a record made
  private meanwhile would otherwise leak from a cache);
- after each restart writes succeed again without restarting `ger serve` (its pool drops the dead connections and
  opens new ones), within 10 s, and its listener is connected again (/healthz: told_of_changes), within 10 s.
At the end every acknowledged mission is stored, and read back through the API; nothing is stored that was refused
with anything but a 503 whose outcome is unknown (the connection died during COMMIT); and the audit log holds
exactly one create entry per stored mission.

Usage: postgresql_restart.py PATH_TO_GER CLUSTER_SCRIPT
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error

from serve_process import Checks, Ger, request

check = Checks()
ger = Ger(sys.argv[1])
script = sys.argv[2]
PSQL = next((p for p in ("/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql") if os.path.exists(p)), "psql")


def mission(mission_id):
    return {"id": mission_id, "name": f"Restart test {mission_id}", "destination": "Moon", "kind": "robotic",
            "type": "lander", "status": "planned", "commitment": "study", "visibility": {"scope": "public"}}


class Outcomes:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = set()
        self.unavailable = set()  # 503: refused, or unknown when the connection died in COMMIT
        self.other = []           # anything else: a failure of the test
        self.last_ack = 0.0

    def record(self, mission_id, status, headers, body):
        with self.lock:
            if status == 201:
                self.acknowledged.add(mission_id)
                self.last_ack = time.monotonic()
                return
            if status == 503:
                problem = json.loads(body or b"{}")
                if problem.get("type") == "urn:ger:problem:store-unavailable" and headers.get("Retry-After"):
                    self.unavailable.add(mission_id)
                    return
            self.other.append((mission_id, status, body[:200]))


def writer(port, token, outcomes, client_no, stop):
    k = 0
    while not stop.is_set():
        mission_id = f"nasa-restart-{client_no}-{k}"
        k += 1
        try:
            status, headers, body = request(port, "POST", "/api/v1/missions", token, mission(mission_id), timeout=30)
        except (OSError, urllib.error.URLError) as e:
            status, headers, body = -1, {}, str(e).encode()
        outcomes.record(mission_id, status, headers, body)
        time.sleep(0.005)


def wait_for_writes(outcomes, since, what):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with outcomes.lock:
            if outcomes.last_ack > since:
                return
        time.sleep(0.05)
    check(False, f"no write acknowledged within 10 s after {what}")


def told_of_changes(port):
    """What /healthz says of the server's listener (None: not answered with 200)."""
    status, _, body = request(port, "GET", "/healthz", timeout=30)
    return json.loads(body).get("told_of_changes") if status == 200 else None


def wait_until_told(port, what):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if told_of_changes(port) is True:
            return
        time.sleep(0.05)
    check(False, f"/healthz never said told_of_changes: true within 10 s {what}")


def psql(url, sql):
    return subprocess.run([PSQL, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


with tempfile.TemporaryDirectory() as tmp:
    os.chmod(tmp, 0o755)  # the cluster's unprivileged owner reaches its directory through it
    cluster = os.path.join(tmp, "postgresql")
    subprocess.run(["bash", script, "start", cluster], check=True, env={**os.environ, "GER_POSTGRESQL_DURABLE": "1"})
    try:
        with open(os.path.join(cluster, "url")) as f:
            db = f.read().strip().rsplit("/", 1)[0] + "/ger_restart"
        token = ger.new_database(db)
        server, port = ger.serve(db, stderr=subprocess.DEVNULL)
        outcomes = Outcomes()
        stop = threading.Event()
        threads = [threading.Thread(target=writer, args=(port, token, outcomes, c, stop), daemon=True)
                   for c in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        check(len(outcomes.acknowledged) > 0, "writes acknowledged before the restart")
        wait_until_told(port, "of the start")

        for how in ("down", "crash"):
            if how == "down":
                subprocess.run(["bash", script, "down", cluster], check=True)
                time.sleep(0.5)
                status, headers, body = request(port, "GET", "/api/v1/missions", timeout=30)
                check(status == 503 and json.loads(body).get("type") == "urn:ger:problem:store-unavailable",
                      f"a read while the database is down: {status} {body[:200]!r}")
                status, _, _ = request(port, "GET", "/", timeout=30)
                check(status == 503, f"the home page while the database is down: {status}")
                status, _, _ = request(port, "GET", "/healthz", timeout=30)
                check(status == 503, f"/healthz while the database is down: {status}")
                time.sleep(1.5)
                check(server.poll() is None, "ger serve is running while the database is down")
                restarted = time.monotonic()
                subprocess.run(["bash", script, "up", cluster], check=True)
            else:
                restarted = time.monotonic()
                subprocess.run(["bash", script, "crash", cluster], check=True)
            wait_for_writes(outcomes, restarted, f"the database's restart ({how})")
            # The listener connects again by itself: servers hear of each other's writes again.
            wait_until_told(port, f"after the database's restart ({how})")
            time.sleep(0.5)

        stop.set()
        for t in threads:
            t.join()
        check(server.poll() is None, "ger serve survived both restarts")
        check(not outcomes.other, f"answers other than 201 and 503 store-unavailable: {outcomes.other[:5]}")
        check(len(outcomes.unavailable) > 0, "some writes met the database down (else the test proved nothing)")

        stored = set(psql(db, "SELECT id FROM missions WHERE id LIKE 'nasa-restart-%'").split())
        missing = outcomes.acknowledged - stored
        check(not missing, f"acknowledged but not stored: {sorted(missing)[:5]}")
        unexplained = stored - outcomes.acknowledged - outcomes.unavailable
        check(not unexplained, f"stored but never acknowledged nor in doubt: {sorted(unexplained)[:5]}")
        creates = psql(db, "SELECT record_id, count(*) FROM audit_log WHERE record_kind = 'mission' AND "
                           "record_id LIKE 'nasa-restart-%' GROUP BY record_id").split()
        audited = dict(line.split("|") for line in creates)
        check(set(audited) == stored and all(n == "1" for n in audited.values()),
              "the audit log holds exactly one create per stored mission")
        for mission_id in sorted(outcomes.acknowledged)[:50]:
            status, _, _ = request(port, "GET", "/api/v1/missions/" + mission_id, token, timeout=30)
            check(status == 200, f"{mission_id} through the API after the restarts: {status}")
        server.terminate()
        server.wait(timeout=30)
        print(f"postgresql restart: {len(outcomes.acknowledged)} writes acknowledged, "
              f"{len(outcomes.unavailable)} answered 503 while the database was down, all acknowledged ones stored")
    finally:
        subprocess.run(["bash", script, "stop", cluster], check=False)

if check.failures:
    sys.exit(f"{len(check.failures)} failure(s)")
