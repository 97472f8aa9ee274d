"""Figures kept up to date event by event: O(1) per event, read at any instant of any day."""
import math
from collections import deque
from datetime import date, datetime, time, timedelta

from .events import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    LeftUnserved,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    WalkedOut,
)
from .profile import ShopProfile
from .series import Series, settled_totals
from .snapshot import ChairStatus, DayFigures

WAIT_WINDOW = 3600.0
DETAIL_DAYS = 15  # days before today that keep their running totals through the day: last week's same day (7 days
# before the day shown, which is at most 7 days back) and a day's margin; older days answer at closing and day's end


class DayTally:
    """Running totals of one day, each a Series so the day can be read at any instant; once settled (an old day),
    only at its closing and at its end, and without its hours (`hourly_revenue` None)."""
    __slots__ = ('revenue', 'tips', 'bookings', 'reviews', 'stars', 'starts', 'start_sum', 'ends', 'end_sum',
                 'hourly_revenue', 'services')

    def __init__(self) -> None:
        for name in self.__slots__[:-2]:
            setattr(self, name, Series())
        self.hourly_revenue: list[float] | None = [0.0] * 24
        self.services: dict[str, Series] = {}

    def settle(self, instants: tuple[float, ...]) -> None:
        for series in self._series():
            series.settle(instants)
        self.hourly_revenue = None
        self.share()

    def share(self) -> None:
        """A settled day's series share one tuple of times where theirs are alike, and their totals where those are
        counts (series.settled_totals); done again when a stored state is loaded, whose tuples come one each."""
        times: dict[tuple, tuple] = {}
        for series in self._series():
            if type(series.times) is tuple:  # not a series that a late event made detailed again
                series.times = times.setdefault(series.times, series.times)
                series.totals = settled_totals(series.totals)

    def _series(self) -> list[Series]:
        return [*(getattr(self, name) for name in self.__slots__[:-2]), *self.services.values()]


class Metrics:
    def __init__(self, profile: ShopProfile) -> None:
        self.profile = profile
        self.days: dict[date, DayTally] = {}
        self.appointment_day: dict[str, date] = {}  # open bookings, so a cancellation knows its day
        self.checked_in: dict[str, tuple[str, float]] = {}  # waiting customers: name, check-in time
        self.in_chair: dict[str, tuple[str, str, str, float]] = {}  # barber -> customer, name, service, start
        self.names: dict[str, str] = {}  # customers in the shop
        self.waits: deque[tuple[float, float]] = deque()  # (start, seconds waited), last hour
        self.wait_total = 0.0
        self.events_applied = 0  # the shop's own events, not those the engine made (LeftUnserved)
        self._day_span = (0.0, 0.0)
        self._day = date.min
        self.settles_at = -math.inf  # from this instant on, days settle again (settle())
        self._handlers = {Booked: self._booked, Cancelled: self._cancelled, NoShow: self._no_show,
                          CheckedIn: self._checked_in, WalkedOut: self._walked_out, ServiceStarted: self._started,
                          ServiceCompleted: self._completed, Reviewed: self._reviewed, LeftUnserved: self._walked_out}

    def apply(self, event: Event) -> None:
        self._handlers[type(event)](event)
        self.events_applied += type(event) is not LeftUnserved

    def day_of(self, at: float) -> date:
        """The shop's local date of an instant; cached, since events mostly arrive on the same day."""
        start, end = self._day_span
        if not start <= at < end:
            self._day = self.profile.local(at).date()
            start = datetime.combine(self._day, time(), self.profile.tz)
            self._day_span = (start.timestamp(), (start + timedelta(days=1)).timestamp())
        return self._day

    def settle(self, at: float) -> None:
        """Let go of the detail within the day of the days before the last DETAIL_DAYS (DayTally.settle): what their
        figures still need is the day at its closing (utilization, the closing insights) and at its end."""
        today = self.day_of(at)
        self.settles_at = self._day_span[1]
        cutoff = today - timedelta(days=DETAIL_DAYS)
        for day in [day for day, tally in self.days.items() if day < cutoff and tally.hourly_revenue is not None]:
            span = self.profile.open_span(day)
            end = self.profile.instant(day + timedelta(days=1), time()) - 0.001
            self.days[day].settle((span[1], end) if span is not None else (end,))

    def leave(self, customer: str) -> None:
        """A visit that ended without a word (started, never completed): out of the shop, and its chair free."""
        self.names.pop(customer, None)
        for barber, seat in list(self.in_chair.items()):
            if seat[0] == customer:
                del self.in_chair[barber]

    def tally(self, day: date) -> DayTally:
        tally = self.days.get(day)
        if tally is None:
            tally = self.days[day] = DayTally()
        return tally

    def _booked(self, e: Booked) -> None:
        day = self.day_of(e.appointment_at)
        self.appointment_day[e.customer] = day
        self.tally(day).bookings.add(e.at, 1)

    def _cancelled(self, e: Cancelled) -> None:
        day = self.appointment_day.pop(e.customer, None)
        if day is not None:
            self.tally(day).bookings.add(e.at, -1)

    def _no_show(self, e: NoShow) -> None:
        self.appointment_day.pop(e.customer, None)

    def _checked_in(self, e: CheckedIn) -> None:
        self.appointment_day.pop(e.customer, None)
        self.checked_in[e.customer] = (e.name, e.at)
        self.names[e.customer] = e.name

    def _walked_out(self, e: WalkedOut) -> None:
        self.checked_in.pop(e.customer, None)
        self.names.pop(e.customer, None)

    def _started(self, e: ServiceStarted) -> None:
        name, arrived = self.checked_in.pop(e.customer, (self.names.get(e.customer, ''), e.at))
        self.in_chair[e.barber] = (e.customer, name, e.service, e.at)
        self.waits.append((e.at, e.at - arrived))
        self.wait_total += e.at - arrived
        tally = self.tally(self.day_of(e.at))
        tally.starts.add(e.at, 1)
        tally.start_sum.add(e.at, e.at)

    def _completed(self, e: ServiceCompleted) -> None:
        if self.in_chair.get(e.barber, ('',))[0] == e.customer:
            del self.in_chair[e.barber]
        self.names.pop(e.customer, None)
        tally = self.tally(self.day_of(e.at))
        amount = e.price + e.retail
        tally.revenue.add(e.at, amount)
        tally.tips.add(e.at, e.tip)
        tally.ends.add(e.at, 1)
        tally.end_sum.add(e.at, e.at)
        if tally.hourly_revenue is not None:
            tally.hourly_revenue[self.profile.local(e.at).hour] += amount
        series = tally.services.get(e.service)
        if series is None:
            series = tally.services[e.service] = Series()
        series.add(e.at, 1)

    def _reviewed(self, e: Reviewed) -> None:
        tally = self.tally(self.day_of(e.at))
        tally.reviews.add(e.at, 1)
        tally.stars.add(e.at, e.stars)

    def figures(self, day: date, at: float) -> DayFigures:
        """A day's figures as they stood at `at` (clamped to the day's closing for utilization)."""
        tally = self.days.get(day) or DayTally()
        reviews = int(tally.reviews.at(at))
        return DayFigures(
            revenue=tally.revenue.at(at),
            tips=tally.tips.at(at),
            bookings=int(tally.bookings.at(at)),
            reviews=reviews,
            satisfaction=tally.stars.at(at) / reviews if reviews else None,
            utilization=self._utilization(day, tally, at),
            services={name: int(s.at(at)) for name, s in tally.services.items() if s.at(at)},
        )

    def _utilization(self, day: date, tally: DayTally, at: float) -> float | None:
        span = self.profile.open_span(day)
        if span is None or at <= span[0]:
            return None
        t = min(at, span[1])
        # busy seconds up to t = sum over started services of (t - start) - sum over ended ones of (t - end)
        busy = (tally.starts.at(t) * t - tally.start_sum.at(t)) - (tally.ends.at(t) * t - tally.end_sum.at(t))
        return busy / (self.profile.chairs * (t - span[0]))

    def hourly_revenue(self, day: date) -> list[float]:
        tally = self.days.get(day)
        if tally is not None and tally.hourly_revenue is None:
            raise LookupError(f'{day} is settled: only the last {DETAIL_DAYS} days keep their hours')
        return tally.hourly_revenue if tally else [0.0] * 24

    def average_wait(self, now: float) -> float | None:
        """Mean minutes from check-in to chair, over services started in the last hour."""
        while self.waits and self.waits[0][0] <= now - WAIT_WINDOW:
            self.wait_total -= self.waits.popleft()[1]
        return self.wait_total / len(self.waits) / 60 if self.waits else None

    def chairs(self, now: float) -> tuple[ChairStatus, ...]:
        chairs = []
        for barber in self.profile.barbers:
            seat = self.in_chair.get(barber)
            if seat is None:
                chairs.append(ChairStatus(barber))
                continue
            _, name, service, start = seat
            left = start + self.profile.service(service).minutes * 60 - now
            chairs.append(ChairStatus(barber, name, service, max(0, round(left / 60))))
        return tuple(chairs)
