#!/usr/bin/env python3
"""Writes data/editions.json: the snapshots of the bundled 2011 and 2013 editions, derived from roadmap.json.

Not part of the build (like make_roadmap.py): the committed JSON is the artefact. Rules: data/SOURCES.md,
section "Edition snapshots". Run from the repository root: python3 data/make_editions.py
"""
import copy
import json
import re

PLAN = re.compile(r"Earlier planned launch: (\d{4}) \(per (\d{4}) plan\)\.")


def snapshot(data, edition):
    published = edition["published"]
    edition_year = int(published[:4])
    missions = []
    for m in data["missions"]:
        launch = m["launch"]
        flown_by_then = launch is not None and len(launch) == 10 and launch <= published
        plan = PLAN.search(m["description"])
        planned_then = plan is not None and int(plan.group(2)) <= edition_year + 1 and not flown_by_then
        if not (flown_by_then or planned_then):
            continue
        kept = copy.deepcopy(m)
        if planned_then:
            kept["launch"] = plan.group(1)
            kept["status"] = "planned"
            kept["commitment"] = "planned"
        # NOTE: capability plans of 2011/2013 are not in the facts; today's readiness dates would be anachronistic.
        kept["capabilities_required"] = []
        kept["capabilities_provided"] = []
        missions.append(kept)
    ids = {m["id"] for m in missions}
    for m in missions:
        m["precursors"] = [p for p in m["precursors"] if p in ids]
    frozen = dict(edition, frozen=True)
    return {
        "agencies": data["agencies"],
        "goals": data["goals"],
        "objectives": data["objectives"],
        "destinations": data["destinations"],
        "capabilities": [],
        "missions": missions,
        "editions": [frozen],
    }


def main():
    with open("data/roadmap.json", encoding="utf-8") as f:
        data = json.load(f)
    out = {"snapshots": [snapshot(data, e) for e in data["editions"] if e["name"] in ("2011", "2013")]}
    with open("data/editions.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
        f.write("\n")
    for s in out["snapshots"]:
        print(s["editions"][0]["name"], len(s["missions"]), "missions")


if __name__ == "__main__":
    main()
