"""The alert engine: fed every event after Metrics applied it and ticked by the loop, it keeps what the rules
need (open bookings, learned walk-ins, names, idle stretches) and asks each rule whether it has something to say."""
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from ..events import (
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
from ..metrics import Metrics
from ..profile import ShopProfile
from ..snapshot import Notification
from . import clock_rules, event_rules
from .demand import DemandBook
from .gate import Gate
from .idle import IdleWatch, Stretch
from .model import AlertSettings

NAME_MEMORY = 86400.0  # names are kept this long after check-in: reviews come in a few hours after the visit
INSIGHT_LATE = 6 * 3600.0  # a day's closing insights are still raised this long after closing, not later


class AlertEngine:
    """O(1) or O(log n) per event; a tick reads a few figures (see bench figures in tests/unit/test_alerts.py)."""

    def __init__(self, profile: ShopProfile, metrics: Metrics, settings: AlertSettings | None = None) -> None:
        self.profile = profile
        self.metrics = metrics
        self.gate = Gate(settings or AlertSettings())
        self.demand = DemandBook(profile)
        self.idle = IdleWatch(metrics)
        self._week_bookings: Counter[tuple[int, int]] = Counter()  # (ISO year, week) -> appointments, net
        self._no_shows: Counter[date] = Counter()
        self._walk_outs: Counter[date] = Counter()
        self._names: dict[str, tuple[str, float]] = {}  # customer -> name and check-in, in check-in order
        self._spans: dict[date, tuple[float, float] | None] = {}
        self._handlers: dict[type, Callable[[Event], list[Notification]]] = {
            Booked: self._booked, Cancelled: self._cancelled, NoShow: self._no_show, CheckedIn: self._checked_in,
            WalkedOut: self._walked_out, ServiceStarted: self._started, ServiceCompleted: self._completed,
            Reviewed: self._reviewed, LeftUnserved: lambda e: []}  # closed at midnight: not news for the owner

    @property
    def settings(self) -> AlertSettings:
        return self.gate.settings

    @settings.setter
    def settings(self, settings: AlertSettings) -> None:
        self.gate.settings = settings

    def on_event(self, event: Event) -> list[Notification]:
        return self._handlers[type(event)](event)

    def warmed_up(self) -> None:
        """Call after replaying history, whose notes the caller drops: what is true now is then told once.

        Occurrences seen in the replay stay spent (a past review is never news); only the throttles start afresh.
        """
        self.gate.last_fired.clear()

    def restore(self, raised: Iterable[tuple[str, str, float]]) -> None:
        """Notes raised before a restart, as (id, kind, at): never raised again, and their kinds' windows hold."""
        for nid, kind, at in raised:
            self.gate.fired.add(nid)
            self.gate.last_fired[kind] = max(at, self.gate.last_fired.get(kind, at))

    def on_tick(self, now: float) -> list[Notification]:
        settings, metrics = self.settings, self.metrics
        self.idle.update(now)
        self.demand.roll(self.metrics.day_of(now))
        return [*clock_rules.rush(self.gate, metrics, self.demand, now, settings.rush_horizon_minutes),
                *clock_rules.long_wait(self.gate, metrics, now),
                *clock_rules.quiet(self.gate, metrics, self._stretch(now), now),
                *self._insights(now)]

    def _span(self, day: date) -> tuple[float, float] | None:
        if day not in self._spans:
            if len(self._spans) > 64:
                self._spans.clear()
            self._spans[day] = self.profile.open_span(day)
        return self._spans[day]

    def _booked(self, e: Booked) -> list[Notification]:
        self.demand.booked(e)
        day = self.metrics.day_of(e.appointment_at)
        week = day.isocalendar()[:2]
        self._week_bookings[week] += 1
        count = int(self.metrics.tally(day).bookings.at(e.at))
        return (event_rules.day_milestone(self.gate, self.metrics, e, day, count)
                + event_rules.week_milestone(self.gate, e, day, self._week_bookings[week]))

    def _cancelled(self, e: Cancelled) -> list[Notification]:
        booking = self.demand.close(e.customer)
        if booking is not None:
            self._week_bookings[self.metrics.day_of(booking.appointment_at).isocalendar()[:2]] -= 1
        return []

    def _no_show(self, e: NoShow) -> list[Notification]:
        booking = self.demand.close(e.customer)
        day = self.metrics.day_of(e.at if booking is None else booking.appointment_at)
        self._no_shows[day] += 1
        return event_rules.no_show(self.gate, self.metrics, e, booking, self._no_shows[day])

    def _checked_in(self, e: CheckedIn) -> list[Notification]:
        self.demand.close(e.customer)
        self.demand.checked_in(self.metrics.day_of(e.at), e.at, e.walk_in)
        self._remember(e.customer, e.name, e.at)
        return self._quiet_event(e.at)

    def _walked_out(self, e: WalkedOut) -> list[Notification]:
        day = self.metrics.day_of(e.at)
        self._walk_outs[day] += 1
        name, arrived = self._names.get(e.customer, ('A walk-in', e.at))
        return event_rules.walk_out(self.gate, self.metrics, e, name, e.at - arrived, self._walk_outs[day])

    def _remember(self, customer: str, name: str, at: float) -> None:
        """Keep the name for the review to come; forget the oldest one once it is a day old."""
        names = self._names
        names.pop(customer, None)
        names[customer] = (name, at)
        oldest = next(iter(names))
        if names[oldest][1] < at - NAME_MEMORY:
            del names[oldest]

    def _started(self, e: ServiceStarted) -> list[Notification]:
        self.demand.started(e.customer, e.at)
        return clock_rules.long_wait(self.gate, self.metrics, e.at) + self._quiet_event(e.at)

    def _completed(self, e: ServiceCompleted) -> list[Notification]:
        self.demand.completed(e.customer, e.at)
        return event_rules.revenue_goal(self.gate, self.metrics, e) + self._quiet_event(e.at)

    def _reviewed(self, e: Reviewed) -> list[Notification]:
        return event_rules.review(self.gate, self.metrics, e, self._names.get(e.customer, ('a customer',))[0])

    def _quiet_event(self, at: float) -> list[Notification]:
        """Measure the stretch this event ends (the ticks may have jumped over it), then follow the new state."""
        stretch = self._stretch(at) if self.idle.ending(self.settings.quiet_idle_chairs) else None
        self.idle.update(at)
        return clock_rules.quiet(self.gate, self.metrics, stretch, at) if stretch is not None else []

    def _stretch(self, now: float) -> Stretch | None:
        return self.idle.stretch(now, self.settings.quiet_idle_chairs, self._span(self.metrics.day_of(now)))

    def _insights(self, now: float) -> list[Notification]:
        """Once a day has closed (and not long ago), what it says."""
        today = self.metrics.day_of(now)
        for day in (today, today - timedelta(days=1)):
            span = self._span(day)
            if span is not None and span[1] <= now < span[1] + INSIGHT_LATE:
                return clock_rules.closing_insights(self.gate, self.metrics, day, now)
        return []
