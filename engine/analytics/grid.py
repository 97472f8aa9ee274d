"""Visits by weekday and hour of day at once: where the week is busy, for a heatmap."""
from __future__ import annotations

from .days import Days
from .measures import MEASURES, Source
from .periods import Period


def weekday_hours(book: Source, period: Period, now: float) -> dict[tuple[int, int], int]:
    """{(weekday, hour): visits completed} over the covered part of the period (0 Monday; local hours); empty when
    the period holds none of the shop's history."""
    today = book.local(now)[0]
    covered = period.within(book.first_day or today, today)
    if covered is None:
        return {}
    days = Days(book, covered, now, today)
    counts = days.kinds['count'][:, :, MEASURES['visits'].offset]  # [day, slot]
    cells: dict[tuple[int, int], int] = {}
    for hour in book.slots.keys('hour'):
        slot = book.slots.find('hour', hour)
        for day, visits in zip(days.dates, counts[:, slot].tolist(), strict=True):
            if visits:
                cell = (day.weekday(), int(hour))  # type: ignore[arg-type]
                cells[cell] = cells.get(cell, 0) + int(visits)
    return cells
