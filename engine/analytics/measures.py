"""What a day keeps: counters (measures), in total and by barber, service and hour of day.

A day is two flat arrays, whole counts and amounts (money, seconds), each a block of every measure per slot: the
total, then each barber, service or hour as it first occurs, numbered in the shop's Slots and shared by its days. So
a day holds the barbers, services and hours that occur, about 2 KB for a demo shop's day, and an event adds to a few
known places (O(1)).
"""
from array import array
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from ..profile import ShopProfile

Kind = Literal['count', 'amount']
Axis = Literal['barber', 'service', 'hour']
Key = str | int | None  # a barber's or service's name (None: not named), or an hour of the day
BSH: tuple[Axis, ...] = ('barber', 'service', 'hour')
LEADS = (0, 1, 2, 3, 4, 5, 6, 7, 14, 28)  # days a booking was made before its appointment's day: bucket starts


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    kind: Kind
    axes: tuple[Axis, ...]  # the slots its events count in, besides the total (engine/analytics/book.py)
    doc: str
    offset: int = 0  # its place in its kind's block


def _numbered(*measures: Measure) -> dict[str, Measure]:
    seen: dict[str, int] = {'count': 0, 'amount': 0}
    numbered = {}
    for m in measures:
        numbered[m.name] = Measure(m.name, m.kind, m.axes, m.doc, seen[m.kind])
        seen[m.kind] += 1
    return numbered


MEASURES = _numbered(
    Measure('visits', 'count', BSH, 'completed services, on the day and hour they were completed'),
    Measure('price', 'amount', BSH, 'their prices'),
    Measure('retail', 'amount', BSH, 'retail sold with them'),
    Measure('retail_visits', 'count', BSH, 'of them, with retail sold'),
    Measure('tips', 'amount', BSH, 'their tips'),
    Measure('client_visits', 'count', BSH, 'of them, with a known client'),
    Measure('rebooked', 'count', BSH, 'of those, the client booked another visit before leaving'),
    Measure('first_visits', 'count', BSH, "of those, the client's first"),
    Measure('service_seconds', 'amount', BSH, 'start to completion, on the completion day'),
    Measure('chair_seconds', 'amount', ('hour',),
            'chair time up to closing of the services started on the day, split by the hours it fell in'),
    Measure('waits', 'count', BSH, 'services started whose check-in is known, on the day and hour they started'),
    Measure('wait_seconds', 'amount', BSH, 'their check-in to start'),
    Measure('booked', 'count', BSH, 'bookings for an appointment on the day and hour (barber None: any barber)'),
    Measure('cancellations', 'count', BSH, 'of them, cancelled while open'),
    Measure('late_cancellations', 'count', BSH, 'of those, less than 24 hours before the appointment'),
    Measure('no_shows', 'count', BSH, 'appointments missed (an unknown booking: on the day it was said)'),
    Measure('due', 'count', BSH, 'appointments kept (checked in) or missed'),
    Measure('bookings_made', 'count', ('barber', 'service'), 'bookings made on the day'),
    *(Measure(f'booked_lead_{lead}', 'count', (),
              f'of the bookings for an appointment on the day, those made {lead} or more days before it (and fewer '
              f"than the next bucket's), cancelled since or not: what the book held days ahead (engine/forecast)")
      for lead in LEADS),
    Measure('check_ins', 'count', ('hour',), 'customers who checked in'),
    Measure('walk_ins', 'count', ('hour',), 'of them, without a booking'),
    Measure('walk_outs', 'count', ('hour',), 'customers who left unserved'),
    Measure('reviews', 'count', ('barber',), 'reviews, on the day they were posted'),
    Measure('stars', 'count', ('barber',), 'their stars'),
)
WIDTH: dict[Kind, int] = {kind: sum(m.kind == kind for m in MEASURES.values()) for kind in ('count', 'amount')}


class Slots:
    """The slots of a shop's days: 0 is the total, then (axis, key) in the order they first occurred."""
    __slots__ = ('names', 'of')

    def __init__(self, names: list[tuple[str, Key]] | None = None) -> None:
        self.names: list[tuple[str, Key]] = []
        self.of: dict[str, dict[Key, int]] = {'all': {}, 'barber': {}, 'service': {}, 'hour': {}}  # axis -> key -> n
        for axis, key in names or [('all', None)]:
            self.number(axis, key)

    def number(self, axis: str, key: Key) -> int:
        """The slot's number, given it one if new."""
        found = self.of[axis].get(key)
        if found is None:
            found = self.of[axis][key] = len(self.names)
            self.names.append((axis, key))
        return found

    def find(self, axis: Axis, key: Key) -> int | None:
        return self.of[axis].get(key)

    def keys(self, axis: Axis) -> list[Key]:
        return list(self.of[axis])

    def __len__(self) -> int:
        return len(self.names)


class DayRow:
    """One local day: counts and amounts by slot and measure, and the sorted gaps of its client visits (clients.py).
    Counts and amounts are each as long as the slots they were added in (what they lack is zero): a day ahead holds
    bookings and no amounts. Its counts take a byte each until one passes 255, then 2 until one passes 65,535, then 4.
    """
    __slots__ = ('counts', 'amounts', 'gaps')

    def __init__(self) -> None:
        self.counts = array('B')
        self.amounts = array('d')
        self.gaps = array('H')

    @staticmethod
    def widen(values: array, width: int, slots: int) -> None:
        """Room in `values` (counts or amounts, `width` to a slot) for `slots` slots."""
        if len(values) < width * slots:
            values.frombytes(bytes(values.itemsize * (width * slots - len(values))))

    def add_count(self, index: int, value: int) -> None:
        """Add to a count that would not fit its bytes: the day's counts take twice the bytes from now on."""
        wider = {'B': 'H', 'H': 'i'}[self.counts.typecode]
        self.counts = array(wider, self.counts)
        try:
            self.counts[index] += value
        except OverflowError:
            self.add_count(index, value)


class Source(Protocol):
    """What a report reads of the shop's days (book.Analytics is one), so that reports need not know the book."""
    profile: ShopProfile
    slots: Slots
    days: dict[date, DayRow]
    started: dict[str, float]  # services in the chair: visit -> since
    first_day: date | None

    def local(self, at: float) -> tuple[date, int]: ...

    def span(self, day: date) -> tuple[float, float] | None: ...

    def chair_time(self, start: float, end: float) -> list[tuple[int, float]]: ...
