"""Clients across visits: rebooking at checkout, new and returning clients, retention. O(1) per event.

- Rebooking rate: of the completed visits, the share whose client booked another visit before leaving, that is
  between checking in and REBOOK_GRACE after the service was completed. Per barber: the visit's barber.
- New clients: clients whose first completed visit was in the period. Returning: clients with a completed visit in
  the period and one before it.
- Retention N (N in RETENTION_DAYS): of the clients with a completed visit in the period's length of days ending N
  days before its last day, the share who completed another visit within N days of their latest visit in those days.
  Ending N days back gives every client of the cohort their full N days.

A visit's client comes from the `client` of its CheckedIn (or else its Booked); visits without one are left out of
these figures. A visit is counted on the day its service was completed. The shop's history is all the engine knows,
so "first visit" means the first it has seen. A client's visits are taken to arrive in time order, as live ones do.
"""
from array import array
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from .analytics.clients import ClientBook as KeyTable
from .analytics.clients import client_key
from .events import Booked, Cancelled, CheckedIn, Event, LeftUnserved, NoShow, ServiceCompleted, WalkedOut
from .metrics import Metrics

REBOOK_GRACE = 15 * 60.0  # seconds after checkout a booking still counts as made before leaving
RETENTION_DAYS = (30, 60, 90)
SINCE_CAP = 31  # days since the previous visit are told apart up to this (enough for a 30-day period)
UNTIL_CAP = max(RETENTION_DAYS) + 1  # days until the next visit are told apart up to this
LATEST_DAY = np.dtype([('key', '<u8'), ('day', '<i4')])  # ClientBook.latest
RECENT = 86400.0  # seconds a completed visit is kept whole, for a rebooking made within REBOOK_GRACE (or posted late)


class ClientDay:
    """The completed visits with a known client of one day; its counts by days as arrays (4 bytes a count, not a
    pointer each: a day's 126 of them are mostly zeros)."""
    __slots__ = ('visits', 'firsts', 'rebooked', 'returned', 'since', 'until', 'barbers')

    def __init__(self) -> None:
        self.visits = 0
        self.firsts = 0  # the client's first visit
        self.rebooked = 0  # the client booked their next visit before leaving
        self.returned = 0  # the client has come again since
        self.since = array('I', bytes(4 * (SINCE_CAP + 1)))  # by days since the previous visit; SINCE_CAP: more or none
        self.until = array('I', bytes(4 * (UNTIL_CAP + 1)))  # by days until the client's next visit; UNTIL_CAP: more
        self.barbers: dict[str, list[int]] = {}  # barber -> [visits, rebooked]


@dataclass(slots=True)
class _Latest:
    visit: str
    at: float  # when it was completed
    day: date
    barber: str
    rebooked: bool


@dataclass(frozen=True, slots=True)
class ClientFigures:
    rebooking_rate: float | None
    new_clients: int
    returning_clients: int
    retention: tuple[float | None, ...]  # for each of RETENTION_DAYS
    barbers: dict[str, tuple[int, int]]  # barber -> (visits, rebooked)


class ClientBook:
    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.days: dict[date, ClientDay] = {}
        self.client_of: dict[str, str] = {}  # open visit -> its client
        self.in_shop: dict[str, str] = {}  # client -> their visit checked in and not yet done
        self.rebooked_in_shop: set[str] = set()  # visits whose client booked again before the service was done
        self.latest = KeyTable(np.zeros(0, LATEST_DAY))  # client (client_key) -> the day (ordinal) of their latest
        # completed visit: 12 bytes a client, not an id string, a date and a dict entry
        self.recent: dict[str, _Latest] = {}  # client -> their latest visit, if completed in the last RECENT seconds
        self.version = 0  # changes whenever a figure may have: period sums are cached until then
        self._cache: dict[tuple[date, int], tuple[int, ClientFigures]] = {}
        self._handlers = {Booked: self._on_booked, CheckedIn: self._on_checked_in, ServiceCompleted: self._on_completed,
                          Cancelled: self._on_gone, NoShow: self._on_gone, WalkedOut: self._on_gone,
                          LeftUnserved: self._on_gone}

    def apply(self, e: Event) -> None:
        handler = self._handlers.get(type(e))
        if handler is not None:
            handler(e)

    def _on_booked(self, e: Booked) -> None:
        if e.client is not None:
            self.client_of[e.customer] = e.client
            self._booked(e.client, e.customer, e.at)

    def _on_checked_in(self, e: CheckedIn) -> None:
        if e.client is not None:
            self.client_of[e.customer] = e.client
        client = self.client_of.get(e.customer)
        if client is not None:
            self.in_shop[client] = e.customer

    def _on_completed(self, e: ServiceCompleted) -> None:
        client = self.client_of.pop(e.customer, None)
        if client is not None:
            self._completed(client, e)

    def _on_gone(self, e: Event) -> None:
        """Cancelled, not shown, walked out or left unserved: the visit ends without a service."""
        client = self.client_of.pop(e.customer, None)
        if client is not None and self.in_shop.get(client) == e.customer:
            del self.in_shop[client]
            self.rebooked_in_shop.discard(e.customer)

    def _booked(self, client: str, visit: str, at: float) -> None:
        """Another visit booked while in the shop, or just after checkout, is a rebooking of the visit."""
        current = self.in_shop.get(client)
        if current is not None and current != visit:
            self.rebooked_in_shop.add(current)
            return
        latest = self.recent.get(client)
        if latest is not None and not latest.rebooked and latest.visit != visit and 0 <= at - latest.at <= REBOOK_GRACE:
            latest.rebooked = True
            day = self.days[latest.day]
            day.rebooked += 1
            day.barbers[latest.barber][1] += 1
            self.version += 1

    def _completed(self, client: str, e: ServiceCompleted) -> None:
        visit_day = self.metrics.day_of(e.at)
        day = self.days.get(visit_day)
        if day is None:
            day = self.days[visit_day] = ClientDay()
        barber = day.barbers.get(e.barber)
        if barber is None:
            barber = day.barbers[e.barber] = [0, 0]
        rebooked = e.customer in self.rebooked_in_shop
        self.rebooked_in_shop.discard(e.customer)
        if self.in_shop.get(client) == e.customer:
            del self.in_shop[client]
        day.visits += 1
        barber[0] += 1
        day.rebooked += rebooked
        barber[1] += rebooked
        key, ordinal = client_key(client), visit_day.toordinal()
        previous = self.latest.get(key)
        if previous is None:
            day.firsts += 1
            day.since[SINCE_CAP] += 1
        else:
            gap = max(0, ordinal - previous[0])
            day.since[min(gap, SINCE_CAP)] += 1
            before = self.days[date.fromordinal(previous[0])]
            before.until[min(gap, UNTIL_CAP)] += 1
            before.returned += 1
        self.latest.put(key, [ordinal])
        recent = self.recent
        recent.pop(client, None)
        recent[client] = _Latest(e.customer, e.at, visit_day, e.barber, rebooked)
        oldest = next(iter(recent))  # in completion order: the just completed one stays
        while recent[oldest].at < e.at - RECENT:
            del recent[oldest]
            oldest = next(iter(recent))
        self.version += 1

    def figures(self, today: date, days: int) -> ClientFigures:
        """Over the `days` (at most SINCE_CAP) days up to `today`; retention N over the `days` days ending N days
        before `today`, so that each of its clients has had N days to come back."""
        cached = self._cache.get((today, days))
        if cached is not None and cached[0] == self.version:
            return cached[1]
        if len(self._cache) > 16:
            self._cache.clear()
        figures = self._figures(today, days)
        self._cache[(today, days)] = (self.version, figures)
        return figures

    def _figures(self, today: date, days: int) -> ClientFigures:
        first = today - timedelta(days - 1)
        visits = rebooked = new = clients = 0
        barbers: dict[str, tuple[int, int]] = {}
        for n in range(days):
            day = self.days.get(first + timedelta(n))
            if day is None:
                continue
            visits += day.visits
            rebooked += day.rebooked
            new += day.firsts
            clients += sum(day.since[n + 1:])  # the client's first visit of the period
            for name, (v, r) in day.barbers.items():
                total = barbers.get(name, (0, 0))
                barbers[name] = (total[0] + v, total[1] + r)
        return ClientFigures(ratio(rebooked, visits), new, clients - new,
                             tuple(self._retention(today - timedelta(n), days, n) for n in RETENTION_DAYS), barbers)

    def _retention(self, last: date, days: int, within: int) -> float | None:
        """Of the clients with a visit in the `days` days up to `last`, the share back within `within` days of the
        latest of those visits."""
        cohort = back = 0
        for n in range(days):
            day = self.days.get(last - timedelta(n))
            if day is None:
                continue
            later = day.until[n + 1:]  # the next visit came after `last`, or not yet: the client's latest in the window
            cohort += day.visits - day.returned + sum(later)
            back += sum(later[:within - n])
        return ratio(back, cohort)


def ratio(part: float, whole: float) -> float | None:
    """None rather than a made-up 0 when there is nothing to divide by."""
    return part / whole if whole else None
