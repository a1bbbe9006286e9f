#!/usr/bin/env python3
"""Cross-check data/holidays/<year>.toml against the chinese_calendar package.

    pip install chinese_calendar && python3 scripts/check-holidays.py

For every date 2019-01-01 … 2026-12-31 it compares "is a working day" as our
files define it (a make-up working day works; a day inside a listed holiday is
off; otherwise Monday–Friday work) with chinese_calendar.is_workday, and prints
every disagreement. Exit status 1 on any disagreement or missing year.
"""
import datetime as dt
import pathlib
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib

import chinese_calendar

ROOT = pathlib.Path(__file__).resolve().parent.parent / "data" / "holidays"
FIRST, LAST = 2019, 2026

work, off = set(), set()
for year in range(FIRST, LAST + 1):
    path = ROOT / f"{year}.toml"
    if not path.exists():
        print(f"missing {path}")
        sys.exit(1)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["year"] == year, path
    work.update(dt.date.fromisoformat(d) for d in data.get("workdays", []))
    for h in data.get("holidays", []):
        a, b = dt.date.fromisoformat(h["from"]), dt.date.fromisoformat(h["to"])
        while a <= b:
            off.add(a)
            a += dt.timedelta(days=1)


def ours(d):
    if d in work:
        return True
    if d in off:
        return False
    return d.weekday() < 5


bad = 0
d, end = dt.date(FIRST, 1, 1), dt.date(LAST, 12, 31)
n = 0
while d <= end:
    n += 1
    try:
        theirs = chinese_calendar.is_workday(d)
    except NotImplementedError:
        print(f"{d}: chinese_calendar {getattr(chinese_calendar, '__version__', '?')} has no data")
        bad += 1
    else:
        if theirs != ours(d):
            print(f"{d}: ours {'workday' if ours(d) else 'off'}, chinese_calendar {'workday' if theirs else 'off'}")
            bad += 1
    d += dt.timedelta(days=1)

print(f"chinese_calendar {getattr(chinese_calendar, '__version__', '?')}: {n} dates {FIRST}-01-01..{LAST}-12-31 compared, {bad} disagreements")
sys.exit(1 if bad else 0)
