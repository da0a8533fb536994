#!/usr/bin/env python3
"""Validate a calendar written by `followup plan --ics` with the icalendar package.

Usage: scripts/check-ics.py FILE.ics [EXPECTED_EVENTS]

Checks that the file parses, that every event has UID, DTSTAMP, DTSTART,
DTEND, SUMMARY and URL, that the events are all-day (dates, no times, so no
time zone is implied) ending after they start, and that UIDs are unique.
"""
import datetime
import sys

import icalendar


def main() -> int:
    path = sys.argv[1]
    with open(path, "rb") as f:
        raw = f.read()
    cal = icalendar.Calendar.from_ical(raw)
    assert cal.get("VERSION") == "2.0", "VERSION must be 2.0"
    assert cal.get("PRODID"), "PRODID is required"
    events = list(cal.walk("VEVENT"))
    uids = set()
    for ev in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert ev.get(prop) is not None, f"{prop} missing in {ev.get('UID')}"
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        assert type(start) is datetime.date, f"{ev['UID']}: DTSTART is not a date"
        assert type(end) is datetime.date, f"{ev['UID']}: DTEND is not a date"
        assert end > start, f"{ev['UID']}: DTEND {end} is not after DTSTART {start}"
        stamp = ev.decoded("DTSTAMP")
        assert stamp.tzinfo is not None, "DTSTAMP must be UTC"
        uid = str(ev["UID"])
        assert uid not in uids, f"duplicate UID {uid}"
        uids.add(uid)
        assert str(ev["URL"]).startswith(("http://", "https://", "file://"))
    if len(sys.argv) > 2:
        want = int(sys.argv[2])
        assert len(events) == want, f"{len(events)} events, expected {want}"
    print(f"{path}: {len(events)} events, valid (icalendar {icalendar.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
