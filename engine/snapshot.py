"""What a screen shows of a shop at one instant: frozen, so every session can share one.

A leaf: the snapshot's types are all here, and the modules that produce them (metrics, floor, kpis, alerts) import
them from here, never the other way round.
"""
import time
from dataclasses import dataclass, field
from datetime import date

from .events import Event


@dataclass(frozen=True, slots=True)
class DayFigures:
    """One day's figures up to one instant of it."""
    revenue: float  # service prices plus retail sales; tips are the barbers' and counted apart
    tips: float
    bookings: int  # appointments booked for the day, less those cancelled
    reviews: int
    satisfaction: float | None  # mean stars of the day's reviews
    utilization: float | None  # busy chair-seconds / open chair-seconds so far
    services: dict[str, int]  # completed services by name


@dataclass(frozen=True, slots=True)
class ChairStatus:
    barber: str
    customer: str | None = None
    service: str | None = None
    minutes_left: int | None = None


@dataclass(frozen=True, slots=True)
class Appointment:
    at: float
    name: str
    service: str
    barber: str | None


@dataclass(frozen=True, slots=True)
class Review:
    at: float
    name: str
    barber: str
    stars: int
    text: str


@dataclass(frozen=True, slots=True)
class Notification:
    id: str  # f'{rule}:{key}', unique per occurrence within one shop, e.g. 'revenue_goal:2026-11-24'
    kind: str  # one of KINDS
    priority: str  # 'critical' | 'warning' | 'success' | 'info'
    title: str
    body: str  # states the figures behind it
    action: str  # where to look on the dashboard, e.g. 'Satisfaction card'
    at: float  # the shop clock instant it was raised (the event's time for event rules)


@dataclass(frozen=True, slots=True)
class BarberRow:
    barber: str
    revenue: float
    services: int
    utilization: float | None
    average_ticket: float | None
    rating: float | None
    rebooking_rate: float | None  # of the barber's visits with a known client


@dataclass(frozen=True, slots=True)
class Kpis:
    """Over the last `days` days up to and including today."""
    days: int
    average_ticket: float | None
    retail_attachment: float | None  # share of visits with a product sold
    no_show_rate: float | None  # no-shows / appointments due
    late_cancel_rate: float | None  # cancellations within 24 h / appointments booked for the period
    walk_in_share: float | None  # walk-ins / check-ins
    walk_ins_lost: float | None  # walk-ins who left unserved / walk-ins
    rebooking_rate: float | None  # visits whose client booked the next one before leaving / visits with a client
    new_clients: int  # clients whose first visit was in the period
    returning_clients: int  # clients with a visit in the period and one before it
    retention_30: float | None  # of the clients of the `days` days ending 30 days ago, the share back within 30 days
    # of their latest visit in those days (see client_figures.py)
    retention_60: float | None  # the same, 60 days
    retention_90: float | None  # the same, 90 days
    barbers: tuple[BarberRow, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    shop_id: str
    shop_name: str
    at: float  # the shop's clock when taken
    timezone: str
    is_open: bool
    status: str  # e.g. 'Open until 20:00' or 'Closed · opens Mon 09:00'
    day: date  # the day the figures describe: today once open, else the last open day
    day_is_today: bool
    today: DayFigures  # of `day`
    last_week: DayFigures  # the same weekday a week before, at the same time of day
    so_far_today: DayFigures  # the calendar day's up to now, even before opening (the TV's: its customers' today)
    hours: tuple[int, ...]  # the open hours of `day`
    hourly_revenue: tuple[float, ...]
    hourly_revenue_last_week: tuple[float, ...]
    customers_in_shop: int
    waiting: int  # all the customers waiting
    avg_wait_minutes: float | None  # services started in the last hour
    is_peak: bool  # this hour, learned from the shop's history (else the profile's peak hours)
    expected_arrivals: tuple[float, ...] | None  # per chart hour: the mean of the last 4 same weekdays
    arrivals: tuple[int, ...]  # per chart hour: customers who checked in on `day`
    chairs: tuple[ChairStatus, ...]
    events_applied: int
    simulated: bool  # a demo shop, whose clock the owner may speed up
    speed: float  # simulated seconds per real second
    recent: tuple[Event, ...]  # the latest events, oldest first, for activity feeds
    names: dict[str, str]  # customer names of the recent events, where known
    queue: tuple[str, ...]  # names of the first customers waiting (at most QUEUE_LENGTH), first come first
    next_appointments: tuple[Appointment, ...]
    walk_in_wait_minutes: float | None  # None while closed
    rating: float | None  # mean stars over the last 30 days
    rating_reviews: int
    latest_five_star: Review | None
    notifications: tuple[Notification, ...]  # the latest, oldest first
    kpis_day: Kpis  # the figures' day
    kpis_month: Kpis  # the 30 days up to it
    made_at: float = field(default_factory=time.time)  # wall clock, so a page's delivery delay can be measured

    def trend(self, figure: str) -> float | None:
        """Percentage change against the same weekday last week, or None when there is nothing to compare."""
        now, before = getattr(self.today, figure), getattr(self.last_week, figure)
        if now is None or not before:
            return None
        return (now - before) / before * 100

    @property
    def busy_chairs(self) -> int:
        return sum(chair.customer is not None for chair in self.chairs)
