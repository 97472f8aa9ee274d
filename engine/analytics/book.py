"""The shop's days as events arrive: O(1) per event, each event on the local day (and hour) it belongs to.

The attribution follows the live dashboard (engine/metrics.py, kpis.py, client_figures.py), so a day reads the same
here as there: a completed service on the day it completed; a booking, cancellation, no-show or kept appointment on
the day of the appointment; a review on the day it was posted; a wait on the day its service started. A late event (a
review hours later, a batch posted with earlier times) lands on its own day, whatever arrived before it.
"""
from bisect import bisect_right, insort
from datetime import date
from sys import intern

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
from ..profile import ShopProfile
from .clients import FIRST, ClientBook, client_key, visit_hash
from .figures import Grouping
from .hours import by_hour
from .measures import LEADS, MEASURES, WIDTH, DayRow, Key, Slots
from .periods import Period
from .report import Report, build

LATE_CANCEL_SECONDS = 24 * 3600  # as engine/kpis.py
GRACE = 15 * 60.0  # as engine/client_figures.py: a booking this soon after checkout is a rebooking

COUNTS, AMOUNTS = WIDTH['count'], WIDTH['amount']
LEAD_MEASURES = [f'booked_lead_{lead}' for lead in LEADS]
PLACES = {name: (m.kind == 'count', m.offset) for name, m in MEASURES.items()}  # where a measure is in a slot


class Analytics:
    """Per-day aggregates of one shop (see the package's docstring for what to ask them)."""

    def __init__(self, profile: ShopProfile) -> None:
        self.profile = profile
        self.slots = Slots()
        self.days: dict[date, DayRow] = {}
        self.clients = ClientBook()
        self.first_day: date | None = None  # of the shop's history: its first completed service
        self.changed: set[date] = set()  # days changed since take_changed()
        self.events_applied = 0
        # visits under way: what a later event of the same visit needs
        self.bookings: dict[str, tuple[float, str | None, str]] = {}  # open booking: appointment, barber, service
        self.arrived: dict[str, float] = {}  # checked in, not yet in the chair
        self.started: dict[str, float] = {}  # in the chair since
        self.client_of: dict[str, int] = {}  # visit -> its client's key (clients.client_key)
        self.in_shop: dict[int, str] = {}  # client's key -> their visit checked in and not done
        self.rebooked_in_shop: set[str] = set()  # visits whose client booked again before the service was done
        self._local_cache: dict[int, tuple[date, int]] = {}
        self._span: tuple[date, tuple[float, float] | None] = (date.min, None)
        self._handlers = {Booked: self._booked, Cancelled: self._cancelled, NoShow: self._no_show,
                          CheckedIn: self._checked_in, WalkedOut: self._walked_out, LeftUnserved: self._walked_out,
                          ServiceStarted: self._started,
                          ServiceCompleted: self._completed, Reviewed: self._reviewed}

    def apply(self, event: Event) -> None:
        self._handlers[type(event)](event)
        self.events_applied += 1

    def report(self, period: Period, by: Grouping | None = None, *, now: float) -> Report:
        """The period's figures (by a grouping, if given), with the period before and the year before; `now` is the
        shop's clock (it says what today is, and how far today's open hours have gone)."""
        return build(self, period, by, now)

    def take_changed(self) -> set[date]:
        """The days changed since the last call: the ones to save."""
        changed, self.changed = self.changed, set()
        return changed

    # --- where events land

    def local(self, at: float) -> tuple[date, int]:
        """The shop's local date and hour of an instant; zones move in steps of 15 minutes, so the last few of those
        are kept."""
        bucket = int(at // 900)
        found = self._local_cache.get(bucket)
        if found is None:
            if len(self._local_cache) >= 64:
                self._local_cache.clear()
            moment = self.profile.local(at)
            found = self._local_cache[bucket] = (moment.date(), moment.hour)
        return found

    def span(self, day: date) -> tuple[float, float] | None:
        """Opening and closing instants of a day (None: closed), as the profile says now."""
        if self._span[0] != day:
            self._span = (day, self.profile.open_span(day))
        return self._span[1]

    def _where(self, at: float, barber: Key = None, service: Key = None, *axes: str) -> tuple[date, tuple[int, ...]]:
        """The local day of an instant, and the slots an event there counts in: the total, and the barber, service
        and hour (those of `axes`; all three by default)."""
        day, hour = self.local(at)
        number = self.slots.number
        if not axes:
            return day, (0, number('barber', barber), number('service', service), number('hour', hour))
        keys = {'barber': barber, 'service': service, 'hour': hour}
        return day, (0, *(number(axis, keys[axis]) for axis in axes))

    def _add(self, where: tuple[date, tuple[int, ...]], *items: tuple[str, float]) -> None:
        """Add each (measure, value) to the day, in each of the slots."""
        day, slots = where
        row = self.days.get(day)
        if row is None:
            row = self.days[day] = DayRow()
        self.changed.add(day)
        top = max(slots) + 1
        for name, value in items:
            if value:
                is_count, offset = PLACES[name]
                if is_count:
                    if len(row.counts) < top * COUNTS:
                        DayRow.widen(row.counts, COUNTS, top)
                    for slot in slots:
                        try:
                            row.counts[slot * COUNTS + offset] += value  # type: ignore[assignment]
                        except OverflowError:
                            row.add_count(slot * COUNTS + offset, value)  # type: ignore[arg-type]
                else:
                    amounts = row.amounts
                    if len(amounts) < top * AMOUNTS:
                        DayRow.widen(amounts, AMOUNTS, top)
                    for slot in slots:
                        amounts[slot * AMOUNTS + offset] += value

    # --- the events

    def _booked(self, e: Booked) -> None:
        where = self._where(e.appointment_at, e.barber, e.service)
        self._add(where, ('booked', 1))
        lead = (where[0] - self.local(e.at)[0]).days
        self._add((where[0], (0,)), (LEAD_MEASURES[bisect_right(LEADS, lead) - 1 if lead > 0 else 0], 1))
        self._add(self._where(e.at, e.barber, e.service, 'barber', 'service'), ('bookings_made', 1))
        self.bookings[e.customer] = (e.appointment_at, e.barber and intern(e.barber), intern(e.service))
        if e.client is not None:
            self.client_of[e.customer] = key = client_key(e.client)
            self._rebooking(key, e.customer, e.at)

    def _rebooking(self, key: int, visit: str, at: float) -> None:
        """Another visit booked while in the shop, or just after checkout, is a rebooking of the visit."""
        current = self.in_shop.get(key)
        if current is not None and current != visit:
            self.rebooked_in_shop.add(current)
            return
        latest = self.clients.get(key)
        if latest is not None and not latest[4] and latest[3] != visit_hash(visit) and 0 <= at - latest[0] <= GRACE:
            latest[4] = True
            self.clients.put(key, latest)
            names = self.slots.names
            self._add(self._where(latest[0], names[latest[1]][1], names[latest[2]][1]), ('rebooked', 1))

    def _cancelled(self, e: Cancelled) -> None:
        booking = self.bookings.pop(e.customer, None)
        if booking is not None:
            appointment, barber, service = booking
            late = appointment - e.at < LATE_CANCEL_SECONDS
            self._add(self._where(appointment, barber, service), ('cancellations', 1), ('late_cancellations', late))
        self._gone(e.customer)

    def _no_show(self, e: NoShow) -> None:
        appointment, barber, service = self.bookings.pop(e.customer, None) or (e.at, None, None)
        self._add(self._where(appointment, barber, service), ('due', 1), ('no_shows', 1))
        self._gone(e.customer)

    def _checked_in(self, e: CheckedIn) -> None:
        self._add(self._where(e.at, None, None, 'hour'), ('check_ins', 1), ('walk_ins', e.walk_in))
        booking = self.bookings.pop(e.customer, None)
        if booking is not None:
            self._add(self._where(*booking), ('due', 1))
        self.arrived[e.customer] = e.at
        if e.client is not None:
            self.client_of[e.customer] = client_key(e.client)
        key = self.client_of.get(e.customer)
        if key is not None:
            self.in_shop[key] = e.customer

    def _walked_out(self, e: WalkedOut) -> None:
        self._add(self._where(e.at, None, None, 'hour'), ('walk_outs', 1))
        self.arrived.pop(e.customer, None)
        self._gone(e.customer)

    def _gone(self, visit: str) -> None:
        """The visit ends without a service: its client is no longer in the shop."""
        key = self.client_of.pop(visit, None)
        if key is not None and self.in_shop.get(key) == visit:
            del self.in_shop[key]
            self.rebooked_in_shop.discard(visit)

    def _started(self, e: ServiceStarted) -> None:
        arrived = self.arrived.pop(e.customer, None)
        if arrived is not None:
            self._add(self._where(e.at, e.barber, e.service), ('waits', 1), ('wait_seconds', e.at - arrived))
        self.started[e.customer] = e.at

    def _completed(self, e: ServiceCompleted) -> None:
        """The visit's figures in its barber's, service's and hour's slots (service_seconds is read by barber)."""
        where = self._where(e.at, e.barber, e.service)
        start = self.started.pop(e.customer, None)
        key = self.client_of.pop(e.customer, None)
        client = self._client_visit(key, e, where) if key is not None else ()
        self._add(where, ('visits', 1), ('price', e.price), ('retail', e.retail), ('tips', e.tip),
                  ('retail_visits', e.retail > 0), ('service_seconds', 0 if start is None else e.at - start), *client)
        if start is not None:
            start_day = self.local(start)[0]
            for hour, seconds in self.chair_time(start, e.at):
                self._add((start_day, (0, self.slots.number('hour', hour))), ('chair_seconds', seconds))
        if self.first_day is None or where[0] < self.first_day:
            self.first_day = where[0]

    def _client_visit(self, key: int, e: ServiceCompleted, where: tuple[date, tuple[int, ...]]) -> tuple:
        """The client's side of a completed visit: its measures, and the gap since their visit before."""
        rebooked = e.customer in self.rebooked_in_shop
        self.rebooked_in_shop.discard(e.customer)
        if self.in_shop.get(key) == e.customer:
            del self.in_shop[key]
        previous = self.clients.get(key)
        day = where[0]
        gap = FIRST if previous is None else min(max(0, (day - self.local(previous[0])[0]).days), FIRST - 1)
        row = self.days.get(day)
        if row is None:
            row = self.days[day] = DayRow()
        insort(row.gaps, gap)
        self.clients.put(key, [e.at, where[1][1], where[1][2], visit_hash(e.customer), rebooked])
        return ('client_visits', 1), ('rebooked', rebooked), ('first_visits', gap == FIRST)

    def _reviewed(self, e: Reviewed) -> None:
        self._add(self._where(e.at, e.barber, None, 'barber'), ('reviews', 1), ('stars', e.stars))

    def chair_time(self, start: float, end: float) -> list[tuple[int, float]]:
        """A service's chair time that counts towards utilization, by local hour: from its start to its end or the
        closing of the day it started, whichever is first (as the dashboard); none on a day the shop is closed."""
        span = self.span(self.local(start)[0])
        return [] if span is None else by_hour(self.profile, start, min(end, span[1]))

