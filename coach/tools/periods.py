"""A period as a tool argument: one string a model can write and a person can read, turned into engine Periods.

    today, yesterday, this_week, last_week, this_month, ... (engine.analytics.PRESETS), last_N_days
    2026-11-03            one day              2026-11                a month
    2026-Q3               a quarter            2026                   a year
    2026-11-02..2026-11-08  a range (both ends included; a whole week, month, quarter or year counts as one)

A range that is exactly a calendar unit gets that unit, so it is compared with the unit before (a week with the week
before, a month with the month before), as a preset would be.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from engine.analytics import PRESETS, Period, period_for
from engine.analytics.periods import _unit_end, _unit_start

FORMS = ('a preset (' + ', '.join(PRESETS) + ', or last_N_days), a day YYYY-MM-DD, a month YYYY-MM, '
         'a quarter YYYY-Qn, a year YYYY, or a range YYYY-MM-DD..YYYY-MM-DD')
_DAYS = re.compile(r'^last_(\d{1,3})_days$')
_MONTH = re.compile(r'^(\d{4})-(\d{2})$')
_QUARTER = re.compile(r'^(\d{4})-q([1-4])$')
_YEAR = re.compile(r'^(\d{4})$')
MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December')
WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')


def parse(text: str, today: date) -> Period:
    """The period a string names on the shop's `today`; ValueError with the forms it takes otherwise."""
    raw = ' '.join(str(text).split())
    key = raw.lower().replace(' ', '_').replace('-', '_') if not raw[:1].isdigit() else raw.lower()
    try:
        if key in PRESETS:
            return period_for(key, today)  # type: ignore[arg-type]
        if match := _DAYS.match(key):
            days = int(match[1])
            if not 1 <= days <= 800:
                raise ValueError
            return Period(today - timedelta(days - 1), today, label=f'Last {days} days')
        if '..' in key:
            start, end = (date.fromisoformat(part.strip()) for part in key.split('..', 1))
            return unit_of(Period(start, end))
        if match := _MONTH.match(key):
            start = date(int(match[1]), int(match[2]), 1)
            return Period(start, _unit_end('month', start), 'month')
        if match := _QUARTER.match(key):
            start = date(int(match[1]), 3 * int(match[2]) - 2, 1)
            return Period(start, _unit_end('quarter', start), 'quarter')
        if match := _YEAR.match(key):
            start = date(int(match[1]), 1, 1)
            return Period(start, _unit_end('year', start), 'year')
        day = date.fromisoformat(key)
        return Period(day, day, 'day')
    except ValueError as error:
        why = f' ({error})' if 'ends on or after' in str(error) else ''
        raise ValueError(f'{raw!r} is not a period I know{why}: give {FORMS}.') from None


def unit_of(period: Period) -> Period:
    """The period with its calendar unit when it is exactly one day, week (from Monday), month, quarter or year."""
    for unit in ('day', 'week', 'month', 'quarter', 'year'):
        if _unit_start(unit, period.start) == period.start and _unit_end(unit, period.start) == period.end:  # type: ignore[arg-type]
            return replace(period, unit=unit)  # type: ignore[arg-type]
    return period


def canonical(period: Period) -> str:
    """The string `parse` reads back as this period's dates (and unit)."""
    if period.unit == 'day':
        return period.start.isoformat()
    if period.unit == 'month':
        return f'{period.start:%Y-%m}'
    if period.unit == 'quarter':
        return f'{period.start.year}-Q{(period.start.month - 1) // 3 + 1}'
    if period.unit == 'year':
        return str(period.start.year)
    return f'{period.start.isoformat()}..{period.end.isoformat()}'


def dates_text(period: Period) -> str:
    """The dates in words: 'Monday 23 November 2026', '16-22 November 2026', 'October 2026', '26 October-24 November
    2026'."""
    start, end = period.start, period.end
    if start == end:
        return f'{WEEKDAYS[start.weekday()]} {start.day} {MONTHS[start.month - 1]} {start.year}'
    if start.day == 1 and end == _unit_end('month', start):
        return f'{MONTHS[start.month - 1]} {start.year}'
    if start.year != end.year:
        return f'{start.day} {MONTHS[start.month - 1]} {start.year} to {end.day} {MONTHS[end.month - 1]} {end.year}'
    if start.month != end.month:
        return f'{start.day} {MONTHS[start.month - 1]} to {end.day} {MONTHS[end.month - 1]} {end.year}'
    return f'{start.day} to {end.day} {MONTHS[end.month - 1]} {end.year}'


def as_dict(period: Period | None) -> dict | None:
    """A period as tool results give it: its dates, its length, and its name when it has one."""
    if period is None:
        return None
    out = {'from': period.start.isoformat(), 'to': period.end.isoformat(), 'days': period.days,
           'dates': dates_text(period)}
    if period.label:
        out['name'] = period.label
    return out
