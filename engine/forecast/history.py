"""A shop's days as the forecast reads them, from its per-day aggregates (engine/analytics): each day's revenue and
visits, the same by hour, and what its book held days ahead."""
from array import array
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import numpy as np

from ..analytics import Analytics
from ..analytics.measures import LEADS, MEASURES, WIDTH

TARGETS = ('revenue', 'visits')
HOURLY = ('revenue', 'visits', 'booked', 'cancellations', 'no_shows', 'check_ins')


@dataclass(frozen=True)
class History:
    """Days from `dates[0]` to `dates[-1]` (the past and the days ahead), as arrays indexed like `dates`."""
    dates: list[date]
    totals: dict[str, np.ndarray]  # revenue (service prices and retail), visits: per day
    hourly: dict[str, np.ndarray]  # HOURLY: [day, local hour]; bookings, cancellations, no-shows by appointment hour
    leads: np.ndarray  # [day, bucket]: bookings for the day by how many days ahead they were made (LEADS)
    open: np.ndarray  # bool: the shop's hours say it opens that day
    holidays: dict[date, str]  # public holidays of the shop's country (none without a country)

    def index(self, day: date) -> int:
        return (day - self.dates[0]).days

    def on_book(self, ahead: int) -> np.ndarray:
        """Per day, the bookings made at least `ahead` days before it (counted at the bucket starting at or below)."""
        bucket = int(np.searchsorted(LEADS, ahead, side='right')) - 1
        return self.leads[:, bucket:].sum(1)


def read(analytics: Analytics, first: date, last: date) -> History:
    """The days from `first` to `last` (both included); a day without events reads as zeros."""
    profile = analytics.profile
    dates = [first + timedelta(n) for n in range((last - first).days + 1)]
    hours = [analytics.slots.find('hour', hour) for hour in range(24)]
    totals = {name: np.zeros(len(dates)) for name in TARGETS}
    hourly = {name: np.zeros((len(dates), 24)) for name in HOURLY}
    leads = np.zeros((len(dates), len(LEADS)))
    lead_offsets = [MEASURES[f'booked_lead_{lead}'].offset for lead in LEADS]
    for i, day in enumerate(dates):
        row = analytics.days.get(day)
        if row is None:
            continue
        width = max(len(row.counts) // WIDTH['count'], len(row.amounts) // WIDTH['amount'], 1)
        counts, amounts = _by_slot(row.counts, WIDTH['count'], width), _by_slot(row.amounts, WIDTH['amount'], width)
        slots = np.array([slot if slot is not None and slot < width else width for slot in hours])
        for name in HOURLY:
            values = _money(amounts) if name == 'revenue' else counts[:, MEASURES[name].offset]
            if name in totals:
                totals[name][i] = values[0]
            hourly[name][i] = np.append(values, 0)[slots]  # an hour without a slot of its own: 0
        leads[i] = counts[0, lead_offsets]
    is_open = np.array([day.weekday() in profile.hours for day in dates])
    return History(dates, totals, hourly, leads, is_open, holidays_of(profile.country, first.year, last.year))


def _by_slot(values: array, width: int, slots: int) -> np.ndarray:
    """[slot, measure] of a day's counts or amounts, zeros where the row is shorter (a day ahead has no amounts)."""
    table = np.zeros(slots * width)
    table[:len(values)] = np.frombuffer(values, values.typecode)
    return table.reshape(slots, width)


def _money(amounts: np.ndarray) -> np.ndarray:
    return amounts[:, MEASURES['price'].offset] + amounts[:, MEASURES['retail'].offset]


def holidays_of(country: str | None, first_year: int, last_year: int) -> dict[date, str]:
    """Public holidays by date (the `holidays` package); none for a shop whose country is not known."""
    return dict(_holidays(country, first_year, last_year)) if country else {}


@cache
def _holidays(country: str, first_year: int, last_year: int) -> tuple[tuple[date, str], ...]:
    import holidays  # only for shops whose country is known
    return tuple(holidays.country_holidays(country, years=range(first_year, last_year + 1)).items())
