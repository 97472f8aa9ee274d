"""A period's report: its figures, per group if asked, and the same for the period before and the year before.

A report covers the period from the shop's first completed service (the start of its history) up to today, and says
which dates it covered. A comparison is made only where the history reaches the whole compared period; otherwise it is
None ("no comparison"), never zeros.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from .days import Days
from .figures import FIGURES, GROUPINGS, Grouping, Value
from .measures import Key, Source
from .periods import Period


@dataclass(frozen=True, slots=True)
class Row:
    key: Key | date  # a barber or service name (None: not named), a weekday (0 Monday), an hour, or a date
    figures: dict[str, Value]  # the figures this grouping has (FIGURES[name].groupings)


@dataclass(frozen=True)
class Report:
    period: Period  # as asked
    covered: Period | None  # the dates covered: within the shop's history and up to today; None: none of them
    by: Grouping | None
    figures: dict[str, Value]  # every figure of FIGURES, by name
    rows: tuple[Row, ...] = ()
    previous: Report | None = None  # the period before (Period.previous); None: the history does not reach it
    year_before: Report | None = None  # the same period a year before (Period.year_before); None: likewise

    def change(self, figure: str, against: Literal['previous', 'year_before'] = 'previous') -> float | None:
        """The relative change (0.12: up 12%) against a compared period; None when there is nothing to compare."""
        other = getattr(self, against)
        now, before = self.figures.get(figure), other.figures.get(figure) if other is not None else None
        return None if now is None or not before else (now - before) / before


def build(book: Source, period: Period, by: Grouping | None, now: float) -> Report:
    if by is not None and by not in GROUPINGS:
        raise ValueError(f'Group by one of {", ".join(GROUPINGS)} (not {by!r}).')
    today = book.local(now)[0]
    first = book.first_day or today
    covered = period.within(first, today)
    if covered is None:
        return Report(period, None, by, {name: _nothing(name) for name in FIGURES})
    previous, year_before = (_report(book, other, other, by, now, today) if other and other.start >= first else None
                             for other in (period.previous(covered), period.year_before(covered)))
    return _report(book, period, covered, by, now, today, previous, year_before)


def _nothing(name: str) -> Value:
    return 0 if FIGURES[name].kind == 'count' else None


def _report(book: Source, period: Period, covered: Period, by: Grouping | None, now: float, today: date,
            previous: Report | None = None, year_before: Report | None = None) -> Report:
    days = Days(book, covered, now, today)
    figures = {name: value[0] for name, value in days.figures(None).items()}
    rows: tuple[Row, ...] = ()
    if by is not None:
        keys, grouped = days.groups(by)
        rows = tuple(Row(key, {name: column[i] for name, column in grouped.items()}) for i, key in enumerate(keys))
    return Report(period, covered, by, figures, rows, previous, year_before)
