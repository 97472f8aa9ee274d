"""A custom range as a person or a program gives it (two dates as text), checked with a sentence saying what to do.

The Reports page and the report API take ranges through here, so both say the same thing about the same mistake.
"""
from datetime import date

from .periods import Period

MAX_DAYS = 3 * 366 + 1  # a report covers at most about three years: enough to compare a year with the one before


class RangeError(ValueError):
    """A range that cannot be reported on; `field` names the end that is wrong ('from' or 'to')."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def parse_range(start: str | date | None, end: str | date | None) -> Period:
    """The period from `start` to `end` (both included), or RangeError naming the field and what to do."""
    first, last = _date('from', start, 'start'), _date('to', end, 'end')
    if last < first:
        raise RangeError('to', f'The end date ({last}) is before the start date ({first}): pick an end date on or '
                               'after the start.')
    if (last - first).days + 1 > MAX_DAYS:
        raise RangeError('from', f'A report covers at most {MAX_DAYS:,} days: pick a shorter range.')
    return Period(first, last)


def _date(field: str, value: str | date | None, which: str) -> date:
    if isinstance(value, date):
        return value
    if not value or not value.strip():
        raise RangeError(field, f'Pick a {which} date.')
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise RangeError(field, f'"{value.strip()}" is not a date: give the {which} date as YYYY-MM-DD, '
                                'e.g. 2026-10-01.') from None
