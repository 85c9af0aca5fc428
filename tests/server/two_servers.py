#!/usr/bin/env python3
"""Issue 11: two `ger serve` processes on one PostgreSQL database act as one server.

- A mission created, then changed, through server A is read through server B within 1 s: by its planner (API), by
  the public (API and the public page, whose cached copy B must drop), as the write left it.
- The same mission made private through A (visible to ESA only) is refused to the public through B within 1 s, API
  and page, while its planner still reads it: B keeps its records in memory until told of a change.
- A session opened by logging in through A is a session on B; after logging out through B it is gone on A.
- A token revoked (ger token revoke, a third process) is refused by both within 1 s.
- Login throttling counts failures through either: four wrong passwords through A and the fifth through B start the
  account's wait, so the next attempt is refused (429) through A and through B.

Usage: two_servers.py PATH_TO_GER CLUSTER_SCRIPT
"""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from serve_process import Checks, Ger, request

check = Checks()
ger = Ger(sys.argv[1])
script = sys.argv[2]


def mission(mission_id, description):
    return {"id": mission_id, "name": f"Two servers {mission_id}", "destination": "Moon", "kind": "robotic",
            "type": "lander", "status": "planned", "commitment": "study", "visibility": {"scope": "public"},
            "description": description}


def within_one_second(what, condition):
    """Polls `condition` for 1 s; returns the seconds it took, or fails the check."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start > 1.0:
            check(False, f"{what}: not within 1 s")
            return None
        time.sleep(0.02)


class Browser:
    """Cookies and forms, as a person's browser would keep them for one server."""

    def __init__(self, port):
        self.port = port
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect())

    def get(self, path):
        return self.send(urllib.request.Request(self.url(path)))

    def post(self, path, fields):
        req = urllib.request.Request(self.url(path), data=urllib.parse.urlencode(fields).encode(), method="POST")
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        req.add_header("Origin", f"http://127.0.0.1:{self.port}")
        return self.send(req)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def send(self, req):
        try:
            with self.opener.open(req, timeout=30) as res:
                return res.status, res.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def login(self, name, password):
        status, form = self.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', form)
        check(status == 200 and token, f"the login form on :{self.port}")
        return self.post("/login", {"csrf": token.group(1) if token else "", "name": name, "password": password})

    def move_cookies_to(self, other):
        for cookie in self.jar:
            other.jar.set_cookie(cookie)  # 127.0.0.1 for both: a cookie carries no port


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


with tempfile.TemporaryDirectory() as tmp:
    os.chmod(tmp, 0o755)  # the cluster's unprivileged owner reaches its directory through it
    cluster = os.path.join(tmp, "postgresql")
    subprocess.run(["bash", script, "start", cluster], check=True)
    servers = []
    try:
        with open(os.path.join(cluster, "url")) as f:
            db = f.read().strip().rsplit("/", 1)[0] + "/ger_two"
        ger.run("init", "--db", db)
        password = ger.run("user", "add", "--db", db, "--name", "nasa", "--agency", "NASA").strip().splitlines()[-1]
        ger.run("user", "add", "--db", db, "--name", "esa", "--agency", "ESA")
        token = ger.run("token", "create", "--db", db, "--user", "nasa").strip().splitlines()[-1]
        created = ger.run("token", "create", "--db", db, "--user", "nasa").strip().splitlines()
        spare, spare_id = created[-1], re.search(r"--id (\d+)", created[0]).group(1)
        servers = [ger.serve(db, stderr=subprocess.DEVNULL) for _ in range(2)]
        (a, port_a), (b, port_b) = servers

        # A write through A, read through B.
        status, _, _ = request(port_a, "POST", "/api/v1/missions", token, mission("nasa-two-1", "first"))
        check(status == 201, f"create through A: {status}")

        def b_reads(description, auth):
            status, _, body = request(port_b, "GET", "/api/v1/missions/nasa-two-1", auth)
            return status == 200 and json.loads(body)["description"] == description

        took = within_one_second("the planner reads A's create through B", lambda: b_reads("first", token))
        within_one_second("the public reads A's create through B", lambda: b_reads("first", None))
        status, body = Browser(port_b).get("/missions/nasa-two-1")
        check(status == 200 and "first" in body, f"B's public page of the mission: {status}")
        status, headers, _ = request(port_a, "GET", "/api/v1/missions/nasa-two-1", token)
        status, _, _ = request(port_a, "PATCH", "/api/v1/missions/nasa-two-1", token, {"description": "second"},
                               {"If-Match": headers.get("ETag", "")}, "application/merge-patch+json")
        check(status == 200, f"change through A: {status}")
        within_one_second("the planner reads A's change through B", lambda: b_reads("second", token))
        within_one_second("the public reads A's change through B", lambda: b_reads("second", None))
        within_one_second("B's public page shows A's change",
                          lambda: "second" in Browser(port_b).get("/missions/nasa-two-1")[1])

        # A record made private through A is hidden through B as soon as a change is (servers keep their records
        # in memory until told of a change: a missed notice would leak it), and still shown to its owner.
        status, headers, _ = request(port_a, "GET", "/api/v1/missions/nasa-two-1", token)
        status, _, _ = request(port_a, "PATCH", "/api/v1/missions/nasa-two-1", token,
                               {"visibility": {"scope": "agencies", "agencies": ["ESA"]}},
                               {"If-Match": headers.get("ETag", "")}, "application/merge-patch+json")
        check(status == 200, f"made private through A: {status}")
        within_one_second("the public is refused the private mission through B",
                          lambda: request(port_b, "GET", "/api/v1/missions/nasa-two-1", None)[0] == 404)
        within_one_second("B's public page of the private mission is gone",
                          lambda: Browser(port_b).get("/missions/nasa-two-1")[0] == 404)
        check(b_reads("second", token), "its owner still reads it through B")
        status, headers, _ = request(port_a, "GET", "/api/v1/missions/nasa-two-1", token)
        status, _, _ = request(port_a, "PATCH", "/api/v1/missions/nasa-two-1", token,
                               {"visibility": {"scope": "public", "agencies": None}},
                               {"If-Match": headers.get("ETag", "")}, "application/merge-patch+json")
        check(status == 200, f"made public again through A: {status}")

        # A session opened through A is one on B.
        browser_a = Browser(port_a)
        status, _ = browser_a.login("nasa", password)
        check(status == 303, f"login through A: {status}")
        browser_b = Browser(port_b)
        browser_a.move_cookies_to(browser_b)
        status, page = browser_b.get("/workspace")
        check(status == 200, f"A's session on B's workspace: {status}")
        token_field = re.search(r'name="csrf" value="([^"]+)"', page)
        status, _ = browser_b.post("/logout", {"csrf": token_field.group(1) if token_field else ""})
        check(status == 303, f"logout through B: {status}")
        status, _ = browser_a.get("/workspace")
        check(status in (302, 303), f"after the logout through B, A's workspace sends to the login: {status}")

        # A revoked token is refused by both.
        for port in (port_a, port_b):
            status, _, _ = request(port, "GET", "/api/v1/missions?agency=NASA", spare)
            check(status == 200, f"the spare token on :{port} before its revocation: {status}")
        revoked = subprocess.run([sys.argv[1], "token", "revoke", "--db", db, "--user", "nasa", "--id", spare_id],
                                 capture_output=True, text=True)
        check(revoked.returncode == 0, f"ger token revoke: {revoked.stderr.strip()}")
        for port in (port_a, port_b):
            within_one_second(f"the revoked token is refused on :{port}",
                              lambda: request(port, "GET", "/api/v1/missions?agency=NASA", spare)[0] == 401)

        # Failed logins count through either server.
        # NOTE: the policy's fifth failure of a pair starts its wait; four through A and the fifth through B count
        # as five only when the servers share them.
        for i in range(5):
            status, _ = Browser(port_a if i < 4 else port_b).login("esa", "wrong password")
            check(status == 401, f"wrong password {i + 1} through {'A' if i < 4 else 'B'}: {status}")
        for port in (port_a, port_b):
            status, _ = Browser(port).login("esa", "wrong password")
            check(status == 429, f"the sixth attempt through :{port} is throttled: {status}")
        status, _ = Browser(port_a).login("nasa", password)
        check(status == 303, f"another account from the same address still logs in: {status}")

        for server, _ in servers:
            check(server.poll() is None, "both servers still running")
        print(f"two servers: a write through one read through the other in {took or 0:.3f} s; sessions, token "
              "revocation and login throttling shared")
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(["bash", script, "stop", cluster], check=False)

if check.failures:
    sys.exit(f"{len(check.failures)} failure(s)")
