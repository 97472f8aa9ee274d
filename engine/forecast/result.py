"""What a forecast answers: each day's expected revenue and visits with an 80% interval, and a period's total."""
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..analytics import Period


@dataclass(frozen=True, slots=True)
class Range:
    """Expected, and the interval the figure falls in 8 times out of 10 (10% below `low`, 10% above `high`)."""
    expected: float
    low: float
    high: float

    def __post_init__(self) -> None:
        for name in ('expected', 'low', 'high'):  # plain floats (JSON, equality), whatever numpy made them
            object.__setattr__(self, name, float(getattr(self, name)))

    @staticmethod
    def total(ranges: Sequence['Range'], taken: float = 0.0) -> 'Range':
        """A sum of days: expected adds up; the interval's sides add as independent errors do (root of squares)."""
        expected = sum(r.expected for r in ranges)
        below = math.sqrt(sum((r.expected - r.low) ** 2 for r in ranges))
        above = math.sqrt(sum((r.high - r.expected) ** 2 for r in ranges))
        return Range(taken + expected, taken + max(0.0, expected - below), taken + expected + above)


@dataclass(frozen=True, slots=True)
class DayForecast:
    day: date
    revenue: Range  # the whole day's (service prices and retail, tips apart); today: taken so far plus the rest
    visits: Range  # completed services
    taken_revenue: float  # today: taken so far; 0 for the days ahead
    taken_visits: int
    booked: int  # appointments on the book now (booked less cancelled)
    is_open: bool  # the shop's hours open that day
    holiday: str | None  # the public holiday's name, where the shop's country is known


@dataclass(frozen=True)
class Forecast:
    shop_id: str
    made_at: float  # the shop's clock when it was made
    days: tuple[DayForecast, ...]  # today first, then each day ahead
    hours: tuple[tuple[int, float], ...]  # today's revenue by local hour: taken in the hours gone, expected after
    learned_from: dict[str, date | None]  # per figure: the first day its level is learned from (after a step)
    notes: tuple[str, ...]  # what the owner should know about how it was made

    @property
    def today(self) -> DayForecast:
        return self.days[0]

    def total(self, start: date | None = None, end: date | None = None) -> tuple[Range, Range]:
        """Revenue and visits of the days from `start` to `end` (both included; default all)."""
        days = [d for d in self.days if (start is None or d.day >= start) and (end is None or d.day <= end)]
        return Range.total([d.revenue for d in days]), Range.total([d.visits for d in days])


@dataclass(frozen=True)
class PeriodForecast:
    """Where a period will land: what its days before today took, plus the forecast of today and the days after."""
    period: Period
    taken_revenue: float  # the period's days before today, and today so far
    taken_visits: int
    revenue: Range  # the whole period
    visits: Range
    forecast: Forecast  # today and the days ahead within the period (its `days`)


def forecast_json(result: Forecast) -> dict[str, Any]:
    """The forecast as plain JSON (the API's answer; a coach tool's too): money to the cent, visits to a tenth."""
    revenue, visits = result.total()
    return {
        'shop_id': result.shop_id,
        'made_at': result.made_at,
        'days': [{**asdict(day), 'day': day.day.isoformat(), 'revenue': _range(day.revenue, 2),
                  'visits': _range(day.visits, 1), 'taken_revenue': round(day.taken_revenue, 2)}
                 for day in result.days],
        'total': {'revenue': _range(revenue, 2), 'visits': _range(visits, 1)},
        'hours': [list(hour) for hour in result.hours],
        'learned_from': {name: day and day.isoformat() for name, day in result.learned_from.items()},
        'notes': list(result.notes),
    }


def period_json(result: PeriodForecast) -> dict[str, Any]:
    """Where a period will land, as plain JSON: its dates, taken so far, the whole period's ranges, and its days."""
    return {'period': {'start': result.period.start.isoformat(), 'end': result.period.end.isoformat(),
                       'label': result.period.label},
            'taken_revenue': round(result.taken_revenue, 2), 'taken_visits': result.taken_visits,
            'revenue': _range(result.revenue, 2), 'visits': _range(result.visits, 1),
            'forecast': forecast_json(result.forecast)}


def _range(value: Range, digits: int) -> dict[str, float]:
    return {'expected': round(value.expected, digits), 'low': round(value.low, digits),
            'high': round(value.high, digits)}
