"""Busy hours learned from the shop's own history: arrivals per weekday and hour over the last few weeks."""
from collections import defaultdict
from datetime import date, timedelta

from .events import CheckedIn, Event
from .metrics import Metrics

WEEKS = 8  # same weekdays averaged for the expected curve
MIN_WEEKS = 2  # fewer than this and the profile's fixed peak hours stand
PEAK_FACTOR = 1.0  # an hour is a peak when it expects more customers than the day's average open hour


class PeakBook:
    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.arrivals: dict[date, list[int]] = defaultdict(lambda: [0] * 24)  # by local day and hour
        self._expected: tuple[date, int, list[float] | None] | None = None  # the last curve asked for, while it holds

    def apply(self, e: Event) -> None:
        if isinstance(e, CheckedIn):
            self.arrivals[self.metrics.day_of(e.at)][self.metrics.profile.local(e.at).hour] += 1

    def settle(self, today: date) -> None:
        """Forget the days no expected curve reads again (those of the day shown, at most a week back, WEEKS before)."""
        oldest = today - timedelta(weeks=WEEKS + 2)
        for day in [day for day in self.arrivals if day < oldest]:
            del self.arrivals[day]

    def expected(self, day: date) -> list[float] | None:
        """Mean arrivals per hour over the last WEEKS same weekdays the shop was open; None with too little history.
        Asked for every second by snapshots, and the same until the next event."""
        key = day, self.metrics.events_applied
        if self._expected is None or self._expected[:2] != key:
            self._expected = *key, self._average(day)
        return self._expected[2]

    def _average(self, day: date) -> list[float] | None:
        past = [self.arrivals[d] for d in (day - timedelta(weeks=n) for n in range(1, WEEKS + 1))
                if d in self.arrivals]
        if len(past) < MIN_WEEKS:
            return None
        return [sum(counts[hour] for counts in past) / len(past) for hour in range(24)]

    def peak_hours(self, day: date) -> set[int] | None:
        """The hours that expect clearly more customers than the day's average open hour."""
        expected = self.expected(day)
        hours = self.metrics.profile.hours.get(day.weekday())
        if expected is None or hours is None:
            return None
        open_hours = range(hours.opens.hour, hours.closes.hour)
        mean = sum(expected[h] for h in open_hours) / len(open_hours)
        return {h for h in open_hours if expected[h] >= PEAK_FACTOR * mean > 0}

    def today(self, day: date) -> list[int]:
        return self.arrivals[day] if day in self.arrivals else [0] * 24
