"""What tests/server/crash.py and disk_full.py share: `ger serve` as its own process over a new database with one
NASA planner, requests to it with a bearer token, and failures collected rather than raised."""
import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request


class Checks:
    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        if not condition:
            self.failures.append(what)
            print("FAIL:", what, file=sys.stderr)


class Ger:
    def __init__(self, binary):
        self.binary = binary

    def run(self, *args):
        return subprocess.run([self.binary, *args], check=True, capture_output=True, text=True).stdout

    def new_database(self, db):
        """`ger init` at db, a NASA planner 'nasa'; returns its bearer token."""
        self.run("init", "--db", db)
        self.run("user", "add", "--db", db, "--name", "nasa", "--agency", "NASA")
        return self.run("token", "create", "--db", db, "--user", "nasa").strip().splitlines()[-1]

    def serve(self, db, **popen):
        """`ger serve` on a free port; returns (process, port) once it listens."""
        server = subprocess.Popen([self.binary, "serve", "--db", db, "--port", "0", "--no-feasibility", "--quiet"],
                                  stdout=subprocess.PIPE, text=True, **popen)
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            server.kill()
            sys.exit(f"ger serve did not start: {line!r}")
        # NOTE: the rest of its output is read and dropped: a full pipe would block the server at its next log
        # line (a database that is down logs one per request).
        threading.Thread(target=lambda: server.stdout.read(), daemon=True).start()
        return server, int(match.group(1))


def request(port, method, path, token=None, body=None, headers=None, content_type="application/json", timeout=30):
    """One request; returns (status, headers, body bytes), whatever the status."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if body is not None:
        req.add_header("Content-Type", content_type)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
