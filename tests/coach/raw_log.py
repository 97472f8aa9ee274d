"""The demo shop's raw event log up to the evaluation's clock, indexed by visit and day, and the periods owners name.

The log is what `ShopEngine.simulated`'s feed releases for the demo shop (seed 7, Europe/London, 120 days of
history) up to AT, a Tuesday afternoon: the events the app's demo engine would have applied, and nothing derived.
"""
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from engine import Booked, CheckedIn, Event, ServiceCompleted, ShopEngine, ShopProfile, SimClock, demo_profile

SEED = 7
TIMEZONE = 'Europe/London'
HISTORY_DAYS = 120
AT = datetime(2026, 11, 24, 15, tzinfo=ZoneInfo(TIMEZONE))  # a Tuesday: the shop's clock; events up to it only


@dataclass(frozen=True)
class Period:
    """Local days from `first` to `last`, both included, with nothing after `until` seen."""
    first: date
    last: date
    until: float = AT.timestamp()

    def days(self) -> Iterator[date]:
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


def _periods() -> dict[str, Period]:
    """Weeks start on Monday; "this week" and "this month" run up to AT; "the last 7 days" include today."""
    today = AT.date()
    monday = today - timedelta(days=today.weekday())
    week = lambda start: Period(start, start + timedelta(days=6))  # noqa: E731
    day = lambda d: Period(d, d)  # noqa: E731
    saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
    same_time_last_week = (AT - timedelta(days=7)).timestamp()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    return {
        'today': day(today),
        'yesterday': day(today - timedelta(days=1)),
        'this week': Period(monday, today),
        'last week': week(monday - timedelta(days=7)),
        'the week before last': week(monday - timedelta(days=14)),
        'this week, same span last week': Period(monday - timedelta(days=7), today - timedelta(days=7),
                                                 same_time_last_week),
        'this month': Period(today.replace(day=1), today),
        'last month': Period(last_month_end.replace(day=1), last_month_end),
        'october': Period(date(2026, 10, 1), date(2026, 10, 31)),
        'september': Period(date(2026, 9, 1), date(2026, 9, 30)),
        'last 7 days': Period(today - timedelta(days=6), today),
        'last 30 days': Period(today - timedelta(days=29), today),
        'same day last week': day(today - timedelta(days=7)),  # the whole of last Tuesday
        'same day last week as yesterday': day(today - timedelta(days=8)),
        'last saturday': day(saturday),
        'the saturday before': day(saturday - timedelta(days=7)),
        'last sunday': day(saturday + timedelta(days=1)),
    }


PERIODS = _periods()


class ShopLog:
    """The raw events, by visit (the `customer` id) and by the local day each counts on (a booking: its appointment's).
    """

    def __init__(self, profile: ShopProfile, events: list[Event]) -> None:
        self.profile = profile
        self.events = events
        self.of_visit: dict[type, dict[str, Event]] = defaultdict(dict)  # kind -> customer -> that visit's event
        self.on_day: dict[type, dict[date, list[Event]]] = defaultdict(lambda: defaultdict(list))
        for e in events:
            self.of_visit[type(e)][e.customer] = e
            self.on_day[type(e)][self.day(e.appointment_at if isinstance(e, Booked) else e.at)].append(e)
        self.bookings_of: dict[str, list[Booked]] = defaultdict(list)  # client -> every booking made for them
        for b in self.of_visit[Booked].values():
            if b.client is not None:
                self.bookings_of[b.client].append(b)
        self.first_visit: dict[str, date] = {}  # client -> the day of their first completed visit in the history
        for e in sorted(self.of_visit[ServiceCompleted].values(), key=lambda e: e.at):
            if (client := self.client(e.customer)) is not None:
                self.first_visit.setdefault(client, self.day(e.at))

    def day(self, at: float) -> date:
        return datetime.fromtimestamp(at, self.profile.tz).date()

    def client(self, customer: str) -> str | None:
        """The person behind a visit: from the check-in, else the booking; None when the shop does not know."""
        came, booking = self.of_visit[CheckedIn].get(customer), self.of_visit[Booked].get(customer)
        return came.client if came is not None and came.client is not None else booking.client if booking else None

    def has(self, kind: type, customer: str, p: Period) -> bool:
        """Whether the visit has an event of this kind by the period's end (cancelled, a no-show...)."""
        e = self.of_visit[kind].get(customer)
        return e is not None and e.at <= p.until

    def of(self, kind: type, period: Period) -> list:
        """The events of a kind counted on the period's days."""
        return [e for day in period.days() for e in self.on_day[kind].get(day, ()) if e.at <= period.until]


@cache
def shop_log() -> ShopLog:
    """The demo shop's log up to AT, as the app's demo engine receives it (built once: about a second)."""
    profile = demo_profile(TIMEZONE)
    engine = ShopEngine.simulated(profile, SimClock(AT.timestamp(), speed=0), SEED, HISTORY_DAYS)
    return ShopLog(profile, engine.feed.due(AT.timestamp()))
