"""What the next hour will ask of the chairs: open appointments, walk-ins learned from history, service length."""
from bisect import bisect_left, insort
from collections import deque
from dataclasses import dataclass
from datetime import date

from ..events import Booked
from ..profile import ShopProfile

WALK_IN_WEEKS = 8  # the expected walk-ins of a weekday-hour are the mean over this many past same weekdays
LATE_GRACE = 900.0  # a booked customer not yet in is still expected this long after the slot (no-show after)


@dataclass(frozen=True, slots=True)
class Forecast:
    booked: int  # open appointments in the window
    waiting: int
    walk_ins: float  # expected, from history
    capacity: float  # customers the chairs can serve in the window
    service_minutes: float

    @property
    def expected(self) -> float:
        return self.booked + self.waiting + self.walk_ins


class DemandBook:
    """Kept event by event in O(log n): the open appointments in time order, walk-ins by weekday-hour."""

    def __init__(self, profile: ShopProfile) -> None:
        self.profile = profile
        self.open: dict[str, Booked] = {}  # customer -> their booking, until they come, cancel or miss it
        self._slots: list[float] = []  # appointment instants of self.open, sorted
        self._day: date | None = None  # the day whose walk-ins are being counted
        self._today = [0] * 24
        self._weeks: dict[int, deque[list[int]]] = {d: deque(maxlen=WALK_IN_WEEKS) for d in range(7)}
        self._sums: dict[int, list[int]] = {d: [0] * 24 for d in range(7)}
        self._starts: dict[str, float] = {}
        self._service_total = 0.0
        self._service_count = 0
        menu = profile.services
        self._menu_minutes = sum(s.minutes * s.weight for s in menu) / sum(s.weight for s in menu) if menu else 30.0

    def booked(self, e: Booked) -> None:
        self.close(e.customer)
        self.open[e.customer] = e
        insort(self._slots, e.appointment_at)

    def close(self, customer: str) -> Booked | None:
        """The booking is over (came, cancelled or missed): it no longer counts as demand to come."""
        booking = self.open.pop(customer, None)
        if booking is not None:
            i = bisect_left(self._slots, booking.appointment_at)
            del self._slots[i]
        return booking

    def checked_in(self, day: date, at: float, walk_in: bool) -> None:
        self.roll(day)
        if walk_in and day == self._day:  # a late event of a day already in the history is left out
            self._today[self.profile.local(at).hour] += 1

    def roll(self, day: date) -> None:
        """On a new day, the last day's walk-ins join the history of their weekday."""
        if self._day is not None and day <= self._day:
            return
        if self._day is not None:
            weeks, sums = self._weeks[self._day.weekday()], self._sums[self._day.weekday()]
            if len(weeks) == weeks.maxlen:
                for hour, count in enumerate(weeks[0]):
                    sums[hour] -= count
            weeks.append(self._today)
            for hour, count in enumerate(self._today):
                sums[hour] += count
        self._day, self._today = day, [0] * 24

    def started(self, customer: str, at: float) -> None:
        self._starts[customer] = at

    def completed(self, customer: str, at: float) -> None:
        start = self._starts.pop(customer, None)
        if start is not None:
            self._service_total += at - start
            self._service_count += 1

    @property
    def service_minutes(self) -> float:
        """Mean observed service length, or the menu's weighted mean before any was seen."""
        return self._service_total / self._service_count / 60 if self._service_count else self._menu_minutes

    def walk_ins_per_hour(self, weekday: int, hour: int) -> float:
        weeks = len(self._weeks[weekday])
        return self._sums[weekday][hour] / weeks if weeks else 0.0

    def expected_walk_ins(self, start: float, end: float) -> float:
        """Walk-ins expected in [start, end), each hour's mean weighted by how much of it the window covers."""
        total, t = 0.0, start
        while t < end:
            local = self.profile.local(t)
            hour_end = t + 3600 - (local.minute * 60 + local.second + local.microsecond / 1e6)
            total += self.walk_ins_per_hour(local.weekday(), local.hour) * (min(hour_end, end) - t) / 3600
            t = hour_end
        return total

    def forecast(self, now: float, horizon_minutes: float, waiting: int) -> Forecast:
        end = now + horizon_minutes * 60
        booked = bisect_left(self._slots, end) - bisect_left(self._slots, now - LATE_GRACE)
        minutes = self.service_minutes
        return Forecast(booked, waiting, self.expected_walk_ins(now, end),
                        self.profile.chairs * horizon_minutes / minutes, minutes)
