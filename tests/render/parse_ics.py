#!/usr/bin/python3
"""Parses an iCalendar file with python3-icalendar, as a calendar program would, and prints its events as JSON:
[{"uid", "summary", "location", "description", "url", "dtstart", "dtend"}]. Usage: parse_ics.py FILE"""
import json
import sys

from icalendar import Calendar

with open(sys.argv[1], "rb") as f:
    calendar = Calendar.from_ical(f.read())
events = []
for event in calendar.walk("VEVENT"):
    events.append({key: str(event.get(key.upper())) for key in ("uid", "summary", "location", "description", "url")}
                  | {"dtstart": event.decoded("DTSTART").isoformat(), "dtend": event.decoded("DTEND").isoformat()})
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME")), "events": events}))
