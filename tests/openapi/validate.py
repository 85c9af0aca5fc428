#!/usr/bin/python3
"""The API contract, proven on real answers.

Every operation of /api/v1/openapi.json is called against `ger serve` (a fresh `ger init` database, planners of NASA
and ESA and a secretariat account with a token each, a free port) until each status it documents has been seen.
Every answer is checked against what the document declares for that status: the media type, the body against its
JSON Schema (2020-12), the headers. Bodies the server accepts are checked against the request schema too. The test
fails on an operation or a documented status it never provokes (so a new route or status cannot escape), on an
answer whose status the operation does not document, and on an answer its schema refuses.

Operations are found by operationId; each is exercised by a scenario below. List answers are followed through their
`next` links, whatever page shape the document declares for them.

Usage: validate.py GER_BINARY [OUTPUT_DIR]      (Debian: python3, python3-jsonschema)
"""
import collections
import datetime
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import traceback
import urllib.parse

from jsonschema import Draft202012Validator

PROBLEM_PREFIX = "urn:ger:problem:"
# Far over any body limit the server may be configured with; only the header is sent.
OVERSIZED_BODY = 1 << 30
# Statuses an operation documents that no black-box request can provoke, with the reason. Empty today: keep it so.
NOT_PROVOKED = {}


class Failure(Exception):
    pass


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body


class Server:
    """`ger serve` over a fresh database; `tokens` maps nasa, esa and sec to their bearer tokens."""

    def __init__(self, ger, out_dir):
        self.work = tempfile.mkdtemp(prefix="ger-openapi-")
        db = os.path.join(self.work, "ger.db")
        self._run([ger, "init", "--db", db])
        self.tokens = {}
        for name, role in (("nasa", ["--agency", "NASA"]), ("esa", ["--agency", "ESA"]),
                           ("sec", ["--role", "secretariat"])):
            user = name + "-contract"
            self._run([ger, "user", "add", "--db", db, *role, "--name", user])
            self.tokens[name] = self._run([ger, "token", "create", "--db", db, "--user", user]).split()[-1]
        self.tokens["bogus"] = "not-a-token-the-server-issued"
        # One stored survey run, so that the asteroid operations answer with rows (two objects: about 2 s).
        self._run([ger, "survey", "--store", "--db", db, "--targets", "2000 SG344,2006 RH120", "--threads", "2"])
        self.log = open(os.path.join(out_dir, "server.log"), "w")
        self.process = subprocess.Popen([ger, "serve", "--db", db, "--port", "0", "--quiet"],
                                        stdout=subprocess.PIPE, stderr=self.log, text=True)
        first = self.process.stdout.readline()
        found = re.search(r"http://([^/ :]+):(\d+)", first)
        if not found:
            self.stop()
            raise SystemExit("validate.py: the server did not start: " + first)
        self.host, self.port = found.group(1), int(found.group(2))

    @staticmethod
    def _run(command):
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)


class Contract:
    """The document's operations by operationId, and the validation of answers against them."""

    def __init__(self, doc):
        self.doc = doc
        self.ops = {}
        for path, item in doc["paths"].items():
            for method, op in item.items():
                self.ops[op["operationId"]] = (method.upper(), path, op)
        # Refs are "#/components/schemas/X": each schema is checked inside a root that carries the components.
        for name, schema in doc["components"]["schemas"].items():
            Draft202012Validator.check_schema(schema)
        self.validators = {}

    def errors(self, schema, value):
        key = json.dumps(schema, sort_keys=True)
        if key not in self.validators:
            root = {"allOf": [schema], "components": self.doc["components"]}
            Draft202012Validator.check_schema(root)
            self.validators[key] = Draft202012Validator(root)
        return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(body)", e.message)
                for e in self.validators[key].iter_errors(value)]


class ContractTest:
    def __init__(self, server, contract):
        self.server = server
        self.contract = contract
        self.seen = collections.defaultdict(set)  # operationId -> statuses answered
        self.failures = []
        self.answers = 0

    # ---- requests ----------------------------------------------------------------------------------------------

    def target(self, op_id, path=None, query=None):
        _, template, _ = self.contract.ops[op_id]
        target = template
        for name in re.findall(r"\{(\w+)\}", template):
            target = target.replace("{%s}" % name, urllib.parse.quote((path or {})[name], safe=""))
        if query:
            target += "?" + urllib.parse.urlencode(query)
        return target

    def call(self, op_id, expect, *, path=None, query=None, target=None, token=None, body=None, raw=None,
             content_type=None, if_match=None, problem=None):
        """Sends one request to `op_id` and checks the answer: `expect`ed status (and problem slug), then the
        document's declaration for it. `body` is sent as JSON (`content_type` or application/json); `raw` as is."""
        method, _, op = self.contract.ops[op_id]
        target = target or self.target(op_id, path, query)
        headers = {}
        if token:
            headers["Authorization"] = "Bearer " + self.server.tokens[token]
        if if_match is not None:
            headers["If-Match"] = if_match
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = content_type or "application/json"
        elif raw is not None:
            data = raw
            if content_type:
                headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
        try:
            connection.request(method, target, body=data, headers=headers)
            response = connection.getresponse()
            answer = self.check(op_id, expect, problem, response, "%s %s" % (method, target))
        finally:
            connection.close()
        if 200 <= answer.status < 300 and body is not None:
            media = headers["Content-Type"]
            declared = op.get("requestBody", {}).get("content", {}).get(media)
            if declared is None:
                self.fail("%s %s: accepted a %s body the document does not declare" % (method, target, media))
            else:
                for error in self.contract.errors(declared["schema"], body):
                    self.fail("%s %s: the request schema refuses a body the server accepted: %s"
                              % (method, target, error))
        return answer

    def oversized(self, op_id, path, token):
        """A head announcing a body over the limit: the server answers before the body would be read."""
        method, _, _ = self.contract.ops[op_id]
        target = self.target(op_id, path)
        sock = socket.create_connection((self.server.host, self.server.port), timeout=60)
        try:
            sock.sendall(("%s %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json"
                          "\r\nContent-Length: %d\r\n\r\n" % (method, target, self.server.host,
                                                              self.server.tokens[token], OVERSIZED_BODY)).encode())
            response = http.client.HTTPResponse(sock, method=method)
            response.begin()
            return self.check(op_id, 413, "body-too-large", response, "%s %s (oversized)" % (method, target))
        finally:
            sock.close()

    def check(self, op_id, expect, problem, response, what):
        data = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        if response.status != expect:
            raise Failure("%s: expected %d, got %d: %s" % (what, expect, response.status, data[:400]))
        self.answers += 1
        self.seen[op_id].add(response.status)
        media = headers.get("content-type", "").split(";")[0].strip()
        body = None
        if data and media.endswith("json"):
            try:
                body = json.loads(data)
            except ValueError as e:
                self.fail("%s: the body is not JSON: %s" % (what, e))
        if problem is not None and (body or {}).get("type") != PROBLEM_PREFIX + problem:
            raise Failure("%s: expected problem %s, got %s" % (what, problem, data[:400]))
        declared = self.contract.ops[op_id][2]["responses"].get(str(response.status))
        if declared is None:
            self.fail("%s: %d is not documented for %s" % (what, response.status, op_id))
            return Answer(response.status, headers, body)
        content = declared.get("content")
        if content:
            if media not in content:
                self.fail("%s: answered %s where the document declares %s" % (what, media, sorted(content)))
            else:
                for error in self.contract.errors(content[media]["schema"], body):
                    self.fail("%s: %s" % (what, error))
        elif data:
            self.fail("%s: a body where the document declares none" % what)
        for name in declared.get("headers", {}):
            if name.lower() not in headers:
                self.fail("%s: no %s header, which the document declares" % (what, name))
        return Answer(response.status, headers, body)

    def fail(self, message):
        self.failures.append(message)

    # ---- helpers -----------------------------------------------------------------------------------------------

    def param_names(self, op_id):
        return {p["name"] for p in self.contract.ops[op_id][2].get("parameters", [])}

    def walk(self, op_id, token=None, query=None, pages=3):
        """The items of a list, following `next` (offset or keyset, as the answer says) for a few small pages."""
        query = dict(query or {})
        if "limit" in self.param_names(op_id):
            query.setdefault("limit", "2")
        answer = self.call(op_id, 200, query=query, token=token)
        items = list(answer.body["items"])
        for _ in range(pages - 1):
            if not answer.body.get("next"):
                break
            answer = self.call(op_id, 200, target=answer.body["next"], token=token)
            items += answer.body["items"]
        return items

    def path_of(self, op_id, value):
        """The path parameters of `op_id` (which has one), set to `value`."""
        names = re.findall(r"\{(\w+)\}", self.contract.ops[op_id][1])
        return {names[0]: value}

    # ---- scenarios ---------------------------------------------------------------------------------------------

    def generic(self):
        """What every operation answers alike: the router's checks and the transport's body limit."""
        for op_id, (_, template, op) in sorted(self.contract.ops.items()):
            path = {name: "contract-probe" for name in re.findall(r"\{(\w+)\}", template)}
            self.call(op_id, 400, path=path, query={"contract-probe": "1"}, token="nasa",
                      problem="unknown-parameter")
            self.call(op_id, 401, path=path, token="bogus", problem="invalid-token")
            if {} not in op.get("security", [{}]):
                self.call(op_id, 401, path=path, problem="unauthorized")
            if "requestBody" in op:
                self.oversized(op_id, path, "nasa")

    def reference(self):
        """Agencies, destinations and editions: public lists and records."""
        for plural, singular, key in (("Agencies", "Agency", "code"), ("Destinations", "Destination", "code"),
                                      ("Editions", "Edition", "name")):
            items = self.walk("list" + plural)
            self.walk("list" + plural, token="esa")
            if not items:
                raise Failure("list%s: the bundled data has none" % plural)
            self.call("get" + singular, 200, path=self.path_of("get" + singular, items[0][key]))
            self.call("get" + singular, 404, path=self.path_of("get" + singular, "no-such-" + singular.lower()),
                      problem="not-found")
            self.call("list" + plural, 400, query={"limit": "many"}, problem="invalid-parameter")

    def owned(self, singular, plural, make, referrer):
        """Missions or capabilities: an agency's records through their whole life. `make(id)` is a new NASA record;
        `referrer(id)` is (operationId, body, delete operationId) of a record that refers to it."""
        list_op, create, get = "list" + plural, "create" + singular, "get" + singular
        replace, update, delete = "replace" + singular, "update" + singular, "delete" + singular
        self.walk(list_op)
        self.walk(list_op, token="nasa", query={"scope": "public"})
        self.call(list_op, 400, query={"limit": "many"}, problem="invalid-parameter")
        self.call(list_op, 400, query={"status": "no-such-status"}, problem="invalid-parameter")

        record = make("nasa-contract-" + singular.lower())
        rid = record["id"]
        one = {"id": rid}
        etag = self.call(create, 201, token="nasa", body=record).headers["etag"]
        self.call(create, 409, token="nasa", body=record, problem="already-exists")
        self.call(create, 403, token="sec", body=make("nasa-contract-by-secretariat"), problem="forbidden")
        self.call(create, 403, token="esa", body=make("nasa-contract-by-esa"), problem="forbidden")
        self.call(create, 415, token="nasa", raw=json.dumps(make("nasa-contract-text")).encode(),
                  content_type="text/plain", problem="unsupported-media-type")
        self.call(create, 400, token="nasa", raw=b'{"id": ', content_type="application/json",
                  problem="malformed-json")
        nameless = make("nasa-contract-nameless")
        del nameless["name"]
        self.call(create, 422, token="nasa", body=nameless, problem="validation")

        self.call(get, 200, path=one, token="nasa")
        self.call(get, 200, path=one, token="esa")
        self.call(get, 404, path={"id": "nasa-contract-none"}, problem="not-found")

        replaced = dict(record, name=record["name"] + " (replaced)")
        self.call(replace, 428, path=one, token="nasa", body=replaced, problem="precondition-required")
        self.call(replace, 400, path=one, token="nasa", body=replaced, if_match="not-an-etag",
                  problem="invalid-if-match")
        self.call(replace, 412, path=one, token="nasa", body=replaced, if_match='"999"', problem="stale-etag")
        self.call(replace, 403, path=one, token="esa", body=replaced, if_match=etag, problem="forbidden")
        self.call(replace, 404, path={"id": "nasa-contract-none"}, token="nasa", body=replaced, if_match=etag,
                  problem="not-found")
        self.call(replace, 415, path=one, token="nasa", raw=json.dumps(replaced).encode(), content_type="text/plain",
                  if_match=etag, problem="unsupported-media-type")
        self.call(replace, 422, path=one, token="nasa", body=dict(replaced, id="nasa-contract-other"), if_match=etag,
                  problem="validation")
        etag = self.call(replace, 200, path=one, token="nasa", body=replaced, if_match=etag).headers["etag"]

        patch = {"description": "changed by a merge patch"}
        merge = "application/merge-patch+json"
        self.call(update, 428, path=one, token="nasa", body=patch, content_type=merge, problem="precondition-required")
        self.call(update, 400, path=one, token="nasa", body=patch, content_type=merge, if_match="W/",
                  problem="invalid-if-match")
        self.call(update, 400, path=one, token="nasa", raw=b"{", content_type=merge, if_match=etag,
                  problem="malformed-json")
        self.call(update, 412, path=one, token="nasa", body=patch, content_type=merge, if_match='"999"',
                  problem="stale-etag")
        self.call(update, 403, path=one, token="esa", body=patch, content_type=merge, if_match=etag,
                  problem="forbidden")
        self.call(update, 404, path={"id": "nasa-contract-none"}, token="nasa", body=patch, content_type=merge,
                  if_match=etag, problem="not-found")
        self.call(update, 415, path=one, token="nasa", raw=json.dumps(patch).encode(), content_type="text/plain",
                  if_match=etag, problem="unsupported-media-type")
        self.call(update, 422, path=one, token="nasa", body={"name": None}, content_type=merge, if_match=etag,
                  problem="validation")
        self.call(update, 422, path=one, token="nasa", body={"version": 7}, content_type=merge, if_match=etag,
                  problem="validation")
        etag = self.call(update, 200, path=one, token="nasa", body=patch, content_type=merge,
                         if_match=etag).headers["etag"]
        etag = self.call(update, 200, path=one, token="nasa", body={"status": record["status"]},
                         if_match=etag).headers["etag"]

        referrer_create, referrer_body, referrer_delete = referrer(rid)
        referrer_etag = self.call(referrer_create, 201, token="nasa", body=referrer_body).headers["etag"]
        self.call(delete, 409, path=one, token="nasa", if_match=etag, problem="in-use")
        self.call(referrer_delete, 204, path={"id": referrer_body["id"]}, token="nasa", if_match=referrer_etag)
        self.call(delete, 428, path=one, token="nasa", problem="precondition-required")
        self.call(delete, 400, path=one, token="nasa", if_match='"one"', problem="invalid-if-match")
        self.call(delete, 412, path=one, token="nasa", if_match='"999"', problem="stale-etag")
        self.call(delete, 403, path=one, token="esa", if_match=etag, problem="forbidden")
        self.call(delete, 404, path={"id": "nasa-contract-none"}, token="nasa", if_match=etag, problem="not-found")
        self.call(delete, 204, path=one, token="nasa", if_match=etag)
        self.call(get, 404, path=one, token="nasa", problem="not-found")

    def roadmap(self, singular, plural, make, referrer):
        """Goals or objectives: the secretariat's, with content ETags. Same shape as owned()."""
        list_op, create, get = "list" + plural, "create" + singular, "get" + singular
        update, delete = "update" + singular, "delete" + singular
        self.walk(list_op)
        self.call(list_op, 400, query={"offset": "-1"}, problem="invalid-parameter")

        record = make("contract-" + singular.lower())
        one = {"id": record["id"]}
        etag = self.call(create, 201, token="sec", body=record).headers["etag"]
        self.call(create, 409, token="sec", body=record, problem="already-exists")
        self.call(create, 403, token="nasa", body=make("contract-by-a-planner"), problem="forbidden")
        self.call(create, 415, token="sec", raw=json.dumps(make("contract-text")).encode(), content_type="text/plain",
                  problem="unsupported-media-type")
        self.call(create, 400, token="sec", raw=b"[", content_type="application/json", problem="malformed-json")
        untitled = make("contract-untitled")
        del untitled["title"]
        self.call(create, 422, token="sec", body=untitled, problem="validation")

        self.call(get, 200, path=one)
        self.call(get, 404, path={"id": "contract-none"}, problem="not-found")

        patch = {"description": "changed by a merge patch"}
        merge = "application/merge-patch+json"
        self.call(update, 428, path=one, token="sec", body=patch, content_type=merge, problem="precondition-required")
        self.call(update, 412, path=one, token="sec", body=patch, content_type=merge, if_match='"stale"',
                  problem="stale-etag")
        self.call(update, 403, path=one, token="nasa", body=patch, content_type=merge, if_match=etag,
                  problem="forbidden")
        self.call(update, 404, path={"id": "contract-none"}, token="sec", body=patch, content_type=merge,
                  if_match=etag, problem="not-found")
        self.call(update, 415, path=one, token="sec", raw=json.dumps(patch).encode(), content_type="text/plain",
                  if_match=etag, problem="unsupported-media-type")
        self.call(update, 400, path=one, token="sec", raw=b"{", content_type=merge, if_match=etag,
                  problem="malformed-json")
        self.call(update, 422, path=one, token="sec", body={"title": None}, content_type=merge, if_match=etag,
                  problem="validation")
        etag = self.call(update, 200, path=one, token="sec", body=patch, content_type=merge,
                         if_match=etag).headers["etag"]

        referrer_create, referrer_body, referrer_token, referrer_delete = referrer(record["id"])
        referrer_etag = self.call(referrer_create, 201, token=referrer_token, body=referrer_body).headers["etag"]
        self.call(delete, 409, path=one, token="sec", if_match=etag, problem="in-use")
        self.call(referrer_delete, 204, path={"id": referrer_body["id"]}, token=referrer_token,
                  if_match=referrer_etag)
        self.call(delete, 428, path=one, token="sec", problem="precondition-required")
        self.call(delete, 412, path=one, token="sec", if_match='"stale"', problem="stale-etag")
        self.call(delete, 403, path=one, token="nasa", if_match=etag, problem="forbidden")
        self.call(delete, 404, path={"id": "contract-none"}, token="sec", if_match=etag, problem="not-found")
        self.call(delete, 204, path=one, token="sec", if_match=etag)

    def editions(self):
        """Freezing an edition (the secretariat's) and following its files."""
        name = "2099-contract"
        self.call("freezeEdition", 403, token="nasa", body={"name": name}, problem="forbidden")
        self.call("freezeEdition", 415, token="sec", raw=b'{"name": "2099-contract"}', content_type="text/plain",
                  problem="unsupported-media-type")
        self.call("freezeEdition", 400, token="sec", raw=b'{"name": ', content_type="application/json",
                  problem="malformed-json")
        self.call("freezeEdition", 422, token="sec", body={"name": "Not A Name"}, problem="validation")
        self.call("freezeEdition", 422, token="sec", body={"name": name, "colour": "red"}, problem="validation")
        self.call("freezeEdition", 202, token="sec",
                  body={"name": name, "title": "Contract probe", "published": "2099-01-31", "signatories": ["ESA"]})
        self.call("freezeEdition", 409, token="sec", body={"name": name}, problem="already-frozen")
        self.call("freezeEdition", 409, token="sec", body={"name": "2013"}, problem="already-frozen")
        self.call("getEditionStatus", 200, path={"name": name})
        self.call("getEditionStatus", 200, path={"name": "2013"}, token="esa")
        self.call("getEditionStatus", 404, path={"name": "1999"}, problem="not-found")

    def comments(self):
        """A public comment: submitted anonymously, followed by its receipt, moderated by the secretariat."""
        edition = {"edition": "2013"}
        comment = {"name": "Contract probe", "email": "probe@example.org", "text": "Contract probe comment."}
        receipt = self.call("submitComment", 202, path=edition, body=comment).body
        self.call("submitComment", 404, path={"edition": "1999"}, body=comment, problem="not-found")
        self.call("submitComment", 422, path=edition, body=dict(comment, email="nope"), problem="validation")
        self.call("submitComment", 415, path=edition, raw=b"name=x", content_type="text/plain",
                  problem="unsupported-media-type")
        self.call("submitComment", 400, path=edition, raw=b"{", content_type="application/json",
                  problem="malformed-json")
        self.call("submitComment", 202, path=edition, body=dict(comment, text="A second contract probe."))
        self.call("submitComment", 202, path=edition, body=dict(comment, text="A third contract probe here."))
        self.call("submitComment", 429, path=edition, body=dict(comment, text="One too many."),
                  problem="too-many-requests")
        self.call("getCommentReceipt", 200, path={"receipt": receipt["receipt"]})
        self.call("getCommentReceipt", 404, path={"receipt": "no-such-receipt"}, problem="not-found")
        one = {"id": str(receipt["id"])}
        self.walk("listModerationQueue", token="sec", query={"status": "pending"})
        self.call("listModerationQueue", 403, token="nasa", problem="forbidden")
        self.call("listModerationQueue", 400, token="sec", query={"status": "maybe"}, problem="invalid-parameter")
        etag = self.call("getComment", 200, path=one, token="sec").headers["etag"]
        self.call("getComment", 403, path=one, token="nasa", problem="forbidden")
        self.call("getComment", 404, path={"id": "999999"}, token="sec", problem="not-found")
        merge = "application/merge-patch+json"
        accept = {"status": "accepted", "response": "Thank you for the probe."}
        self.call("moderateComment", 428, path=one, token="sec", body=accept, content_type=merge,
                  problem="precondition-required")
        self.call("moderateComment", 412, path=one, token="sec", body=accept, content_type=merge, if_match='"99"',
                  problem="stale-etag")
        self.call("moderateComment", 403, path=one, token="nasa", body=accept, content_type=merge, if_match=etag,
                  problem="forbidden")
        self.call("moderateComment", 404, path={"id": "999999"}, token="sec", body=accept, content_type=merge,
                  if_match=etag, problem="not-found")
        self.call("moderateComment", 415, path=one, token="sec", raw=b"{}", content_type="text/plain",
                  if_match=etag, problem="unsupported-media-type")
        self.call("moderateComment", 400, path=one, token="sec", raw=b"{", content_type=merge, if_match=etag,
                  problem="malformed-json")
        self.call("moderateComment", 422, path=one, token="sec", body={"status": "pending"}, content_type=merge,
                  if_match=etag, problem="validation")
        self.call("moderateComment", 200, path=one, token="sec", body=accept, content_type=merge, if_match=etag)
        self.call("listEditionComments", 200, path=edition, query={"limit": "1"})
        self.call("listEditionComments", 404, path={"edition": "1999"}, problem="not-found")
        self.call("listEditionComments", 400, path=edition, query={"limit": "many"}, problem="invalid-parameter")
        self.call("eraseOwnComment", 200, path={"receipt": receipt["receipt"]})
        self.call("eraseOwnComment", 404, path={"receipt": "no-such-receipt"}, problem="not-found")
        etag = self.call("getComment", 200, path=one, token="sec").headers["etag"]
        self.call("moderateComment", 200, path=one, token="sec", body={"erase_personal_data": True},
                  content_type=merge, if_match=etag)

    def asteroids(self):
        """The newest stored survey run: its table, one object, and the run status."""
        items = self.walk("listAsteroids", query={"limit": "1"})
        if len(items) != 2:
            raise Failure("listAsteroids: expected the two surveyed objects, got %d" % len(items))
        self.walk("listAsteroids", token="esa", query={"viable": "all", "sort": "h", "order": "desc"})
        self.call("listAsteroids", 400, query={"max_dv": "fast"}, problem="invalid-parameter")
        self.call("getAsteroid", 200, path={"designation": items[0]["designation"]})
        self.call("getAsteroid", 404, path={"designation": "no such rock"}, problem="not-found")
        self.call("getSurveyStatus", 200)
        self.call("getFeasibilityStatus", 200)

    def workshops(self):
        """A workshop hosted by NASA: created by its planner, registered for without an account (confirmed, then
        waitlisted, a duplicate, the window, the rate limit), its attendees for the host, a cancellation."""
        today = datetime.date.today()
        def day(n):
            return (today + datetime.timedelta(days=n)).isoformat()
        body = {"id": "contract-workshop", "title": "Contract probe workshop", "host_agency": "NASA",
                "starts": day(20), "ends": day(21), "place": "Laurel", "capacity": 1,
                "registration_opens": day(-1), "registration_closes": day(10),
                "agenda": [{"starts": day(20) + "T13:00:00Z", "ends": day(20) + "T14:00:00Z", "title": "Opening",
                            "speakers": ["A. Speaker (NASA)"], "description": ""}]}
        self.call("createWorkshop", 403, token="esa", body=body, problem="forbidden")
        self.call("createWorkshop", 415, token="nasa", raw=b"{}", content_type="text/plain",
                  problem="unsupported-media-type")
        self.call("createWorkshop", 400, token="nasa", raw=b'{"id": ', content_type="application/json",
                  problem="malformed-json")
        self.call("createWorkshop", 422, token="nasa", body=dict(body, capacity=0), problem="validation")
        self.call("createWorkshop", 201, token="nasa", body=body)
        self.call("createWorkshop", 409, token="nasa", body=body, problem="already-exists")
        self.call("createWorkshop", 201, token="sec",
                  body=dict(body, id="contract-later", registration_opens=day(5), agenda=[]))
        self.walk("listWorkshops")
        self.call("listWorkshops", 400, query={"limit": "many"}, problem="invalid-parameter")
        wid = {"id": "contract-workshop"}
        self.call("getWorkshop", 200, path=wid)
        self.call("getWorkshop", 404, path={"id": "no-such-workshop"}, problem="not-found")
        reg = "createWorkshopRegistrations"
        person = {"name": "Ada", "email": "ada@example.org", "affiliation": "Lab", "publish_name": True}
        first = self.call(reg, 201, path=wid, body=person)
        self.call(reg, 201, path=wid, body=dict(person, email="bob@example.org", affiliation=None))
        self.call(reg, 200, path=wid, body=person)
        self.call(reg, 404, path={"id": "no-such-workshop"}, body=person, problem="not-found")
        self.call(reg, 409, path={"id": "contract-later"}, body=person, problem="registration-closed")
        self.call(reg, 422, path=wid, body=dict(person, email="nope"), problem="validation")
        self.call(reg, 415, path=wid, raw=b"{}", content_type="text/plain", problem="unsupported-media-type")
        self.call(reg, 400, path=wid, raw=b'{"name": ', content_type="application/json", problem="malformed-json")
        # The address's short-window limit (5 by default): the next new registrations trip it.
        for n in range(3):
            self.call(reg, 201, path=wid, body=dict(person, email="p%d@example.org" % n))
        self.call(reg, 429, path=wid, body=dict(person, email="late@example.org"), problem="too-many-requests")
        att = "listWorkshopAttendees"
        self.call(att, 200, path=wid, token="nasa", query={"limit": "2"})
        self.call(att, 200, path=wid, token="sec")
        self.call(att, 403, path=wid, token="esa", problem="forbidden")
        self.call(att, 404, path={"id": "no-such-workshop"}, token="nasa", problem="not-found")
        self.call(att, 400, path=wid, token="nasa", query={"limit": "many"}, problem="invalid-parameter")
        token = {"token": first.body["manage_token"]}
        self.call("getRegistration", 200, path=token)
        self.call("getRegistration", 404, path={"token": "not-a-token"}, problem="not-found")
        self.call("deleteRegistration", 200, path=token)
        self.call("deleteRegistration", 404, path={"token": "not-a-token"}, problem="not-found")

    def action_items(self):
        """Action items of the NASA-hosted contract workshop: added by its host, listed and read by anyone, moved on
        with If-Match; ESA (no host) refused, a stale version refused."""
        wid = {"id": "contract-workshop"}
        body = {"title": "Probe an action item", "owner_agency": "ESA", "records": ["t-public-probe"]}
        create = "createActionItem"
        self.call(create, 422, path=wid, token="nasa", body=body, problem="validation")
        body["records"] = []
        self.call(create, 403, path=wid, token="esa", body=body, problem="forbidden")
        self.call(create, 404, path={"id": "no-such-workshop"}, token="nasa", body=body, problem="not-found")
        self.call(create, 415, path=wid, token="nasa", raw=b"{}", content_type="text/plain",
                  problem="unsupported-media-type")
        self.call(create, 400, path=wid, token="nasa", raw=b'{"title": ', content_type="application/json",
                  problem="malformed-json")
        created = self.call(create, 201, path=wid, token="nasa", body=body)
        one = {"id": str(created.body["id"])}
        self.call("listWorkshopActionItems", 200, path=wid, query={"limit": "1"})
        self.call("listWorkshopActionItems", 404, path={"id": "no-such-workshop"}, problem="not-found")
        self.call("listWorkshopActionItems", 400, path=wid, query={"limit": "many"}, problem="invalid-parameter")
        etag = self.call("getActionItem", 200, path=one).headers["etag"]
        self.call("getActionItem", 404, path={"id": "999999"}, problem="not-found")
        update, merge = "updateActionItem", "application/merge-patch+json"
        done = {"status": "done"}
        self.call(update, 428, path=one, token="nasa", body=done, content_type=merge,
                  problem="precondition-required")
        self.call(update, 412, path=one, token="nasa", body=done, content_type=merge, if_match='"99"',
                  problem="stale-etag")
        self.call(update, 403, path=one, token="esa", body=done, content_type=merge, if_match=etag,
                  problem="forbidden")
        self.call(update, 404, path={"id": "999999"}, token="nasa", body=done, content_type=merge, if_match=etag,
                  problem="not-found")
        self.call(update, 415, path=one, token="nasa", raw=b"{}", content_type="text/plain", if_match=etag,
                  problem="unsupported-media-type")
        self.call(update, 400, path=one, token="nasa", raw=b"{", content_type=merge, if_match=etag,
                  problem="malformed-json")
        self.call(update, 422, path=one, token="nasa", body={"status": "finished"}, content_type=merge,
                  if_match=etag, problem="validation")
        self.call(update, 200, path=one, token="nasa", body=done, content_type=merge, if_match=etag)

    def content(self):
        """The portal's pages (listed, read, a revision saved by the secretariat with If-Match, a stale one refused)
        and the benefit categories."""
        pages = self.walk("listPages")
        if not any(p["slug"] == "about" for p in pages):
            pages = self.walk("listPages", pages=20)
        self.call("listPages", 400, query={"limit": "many"}, problem="invalid-parameter")
        about = {"slug": "about"}
        etag = self.call("getPage", 200, path=about).headers["etag"]
        self.call("getPage", 404, path={"slug": "no-such-page"}, problem="not-found")
        self.call("listPageRevisions", 200, path=about, query={"limit": "1"})
        self.call("listPageRevisions", 404, path={"slug": "no-such-page"}, problem="not-found")
        self.call("listPageRevisions", 400, path=about, query={"limit": "many"}, problem="invalid-parameter")
        body = {"title": "About the forum", "markdown": "A *probe* revision.", "editor": "Contract probe",
                "summary": "probe"}
        save = "savePage"
        self.call(save, 428, path=about, token="sec", body=body, problem="precondition-required")
        self.call(save, 403, path=about, token="nasa", body=body, if_match=etag, problem="forbidden")
        self.call(save, 404, path={"slug": "no-such-page"}, token="sec", body=body, if_match=etag,
                  problem="not-found")
        self.call(save, 415, path=about, token="sec", raw=b"{}", content_type="text/plain", if_match=etag,
                  problem="unsupported-media-type")
        self.call(save, 400, path=about, token="sec", raw=b"{", content_type="application/json", if_match=etag,
                  problem="malformed-json")
        self.call(save, 422, path=about, token="sec", body=dict(body, title=""), if_match=etag,
                  problem="validation")
        self.call(save, 200, path=about, token="sec", body=body, if_match=etag)
        self.call(save, 412, path=about, token="sec", body=body, if_match=etag, problem="stale-etag")
        categories = self.walk("listBenefitCategories")
        self.walk("listBenefitCategories", token="esa")
        self.call("listBenefitCategories", 400, query={"limit": "many"}, problem="invalid-parameter")
        if len(categories) != 4:
            raise Failure("listBenefitCategories: expected the paper's four categories, got %d" % len(categories))
        self.call("getBenefitCategory", 200, path={"code": categories[0]["code"]}, token="nasa")
        self.call("getBenefitCategory", 404, path={"code": "no-such-category"}, problem="not-found")

    def accounts(self):
        self.call("getHealth", 200)
        self.call("getOpenApiDocument", 200)
        self.call("getMe", 200, token="nasa")
        self.call("getMe", 200, token="sec")

    def feeds(self):
        """The audit log and the change feed, after the scenarios above wrote to them."""
        for token in ("nasa", "esa", "sec"):
            self.walk("listAuditEntries", token=token)
        if not self.walk("listAuditEntries", token="nasa", pages=1):
            raise Failure("listAuditEntries: NASA's planner sees no entries after its writes")
        self.call("listAuditEntries", 400, token="nasa", query={"limit": "many"}, problem="invalid-parameter")
        # A public record that stays, so that the anonymous feed has an entry to show.
        self.call("createMission", 201, token="nasa", body=mission("nasa-contract-kept"))
        if not self.walk("listChanges"):
            raise Failure("listChanges: no public changes after the scenarios' writes")
        self.walk("listChanges", token="esa")
        self.call("listChanges", 400, query={"limit": "many"}, problem="invalid-parameter")


def mission(mid, **fields):
    record = {"id": mid, "name": "Contract probe " + mid, "lead_agency": "NASA", "destination": "Moon",
              "kind": "robotic", "type": "orbiter", "status": "planned", "commitment": "study",
              "launch": "2031-03/2031-06", "visibility": {"scope": "public"}}
    record.update(fields)
    return record


def capability(cid):
    return {"id": cid, "name": "Contract probe " + cid, "provider": "NASA", "kind": "lander", "status": "development",
            "readiness": "2032", "visibility": {"scope": "partners"}}


def goal(gid):
    return {"id": gid, "number": 90, "title": "Contract probe " + gid}


def objective(oid, goal_id="search-for-life"):
    return {"id": oid, "goal_id": goal_id, "title": "Contract probe " + oid}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    ger = os.path.realpath(sys.argv[1])
    out_dir = os.path.realpath(sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="ger-openapi-out-"))
    os.makedirs(out_dir, exist_ok=True)
    server = Server(ger, out_dir)
    try:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
        connection.request("GET", "/api/v1/openapi.json")
        doc = json.loads(connection.getresponse().read())
        connection.close()
        test = ContractTest(server, Contract(doc))
        scenarios = [
            ("generic", test.generic),
            ("reference", test.reference),
            ("accounts", test.accounts),
            ("missions", lambda: test.owned(
                "Mission", "Missions", mission,
                lambda rid: ("createMission", mission(rid + "-next", precursors=[rid],
                                                      visibility={"scope": "agencies", "agencies": ["ESA"]}),
                             "deleteMission"))),
            ("capabilities", lambda: test.owned(
                "Capability", "Capabilities", capability,
                lambda rid: ("createMission", mission("nasa-contract-user", capabilities_required=[rid]),
                             "deleteMission"))),
            ("goals", lambda: test.roadmap(
                "Goal", "Goals", goal,
                lambda gid: ("createObjective", objective(gid + "-objective", gid), "sec", "deleteObjective"))),
            ("objectives", lambda: test.roadmap(
                "Objective", "Objectives", objective,
                lambda oid: ("createMission", mission("nasa-contract-addressing", objectives=[oid]), "nasa",
                             "deleteMission"))),
            ("editions", test.editions),
            ("comments", test.comments),
            ("asteroids", test.asteroids),
            ("workshops", test.workshops),
            ("action_items", test.action_items),
            ("content", test.content),
            ("feeds", test.feeds),
        ]
        for name, run in scenarios:
            try:
                run()
            except Failure as e:
                test.fail("scenario %s stopped: %s" % (name, e))
            except Exception:
                test.fail("scenario %s crashed:\n%s" % (name, traceback.format_exc()))
    finally:
        server.stop()

    rows = []
    for op_id, (method, path, op) in sorted(test.contract.ops.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        documented = sorted(int(s) for s in op["responses"] if s != "default")
        missing = [s for s in documented if s not in test.seen[op_id] and (op_id, s) not in NOT_PROVOKED]
        for status in missing:
            test.fail("%s (%s %s): documented status %d was never provoked" % (op_id, method, path, status))
        rows.append("%-22s %-6s %-34s %s%s" % (op_id, method, path, " ".join(str(s) for s in sorted(test.seen[op_id])),
                                               "  MISSING " + " ".join(map(str, missing)) if missing else ""))
    pairs = sum(len(v) for v in test.seen.values())
    summary = "%d operations, %d (operation, status) pairs, %d answers validated, %d failures" % (
        len(test.contract.ops), pairs, test.answers, len(test.failures))
    with open(os.path.join(out_dir, "coverage.txt"), "w") as f:
        f.write("\n".join(rows + ["", summary, ""]))
    print("\n".join(rows))
    for failure in test.failures:
        print("FAIL: " + failure)
    print(summary)
    return 1 if test.failures else 0


if __name__ == "__main__":
    sys.exit(main())
