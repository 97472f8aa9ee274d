"""One engine per shop: applies events from any source and answers snapshots for every screen of the shop."""
import math
from collections import deque
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from itertools import islice

from .alerts import AlertEngine, Notification
from .analytics import Analytics
from .bounds import problems
from .clock import Clock
from .closing import Closing
from .events import CheckedIn, Event, LeftUnserved
from .floor import Floor, walk_in_wait
from .kpis import KpiBook
from .metrics import Metrics
from .peaks import PeakBook
from .profile import ShopProfile
from .simulation import SimulatedFeed, Simulation
from .snapshot import Snapshot

FEED_LENGTH = 20  # events a snapshot carries for activity feeds
NOTIFICATION_LENGTH = 30  # notifications a snapshot carries for the notification drawer
QUEUE_LENGTH = 10  # names of waiting customers a snapshot carries (`waiting` counts them all)


class EventRejected(ValueError):
    """An event of a batch the engine cannot apply (see bounds.py): nothing of the batch was applied."""

    def __init__(self, index: int, event: Event, field: str, problem: str) -> None:
        super().__init__(f'{event.kind} "{event.id}": {field} {problem}')
        self.index, self.event, self.field, self.problem = index, event, field, problem


class EngineFailed(RuntimeError):
    """Applying an event raised although it passed the checks (a bug): the engine is half-applied and has stopped."""

    def __init__(self, index: int, event: Event, error: Exception) -> None:
        super().__init__(f'{event.kind} "{event.id}" could not be applied: {type(error).__name__}: {error}')
        self.index, self.event, self.error = index, event, error


class ShopEngine:
    def __init__(self, profile: ShopProfile, clock: Clock, feed: SimulatedFeed | None = None) -> None:
        self.profile = profile
        self.clock = clock
        self.feed = feed
        self.metrics = Metrics(profile)
        self.floor = Floor(profile)
        self.kpis = KpiBook(self.metrics)
        self.peaks = PeakBook(self.metrics)
        self.analytics = Analytics(profile)  # any period, by barber, service, weekday, hour or day
        self.recent: deque[Event] = deque(maxlen=FEED_LENGTH)
        self.listeners: list[Callable[[Event], None]] = []
        self.alerts = AlertEngine(profile, self.metrics)
        self.notifications: deque[Notification] = deque(maxlen=NOTIFICATION_LENGTH)
        self.raised: list[Notification] = []  # new since the last take_raised(), for the store
        self.live = False  # False while history is replayed: its notifications are old news
        self.closing = Closing(self.metrics)
        self.failure: str | None = None  # why this shop's figures stopped (shown on its pages); None while it runs
        self.last_at = -math.inf  # the latest instant of an event applied: a loaded state goes on from there

    @classmethod
    def simulated(cls, profile: ShopProfile, clock: Clock, seed: int, history_days: int) -> 'ShopEngine':
        """A demo shop whose history starts `history_days` ago, so last week is there to compare with."""
        start = clock.now() - history_days * 86400
        return cls(profile, clock, SimulatedFeed(Simulation(profile, seed), start))

    def apply_all(self, events: Sequence[Event]) -> None:
        """All or nothing: every event is checked before any is applied, and an EventRejected names the first that
        cannot be. Should applying one still raise (a bug the checks missed), the engine is half-applied: it stops
        (`failure`) and raises EngineFailed, and the caller starts it again from what it had before the batch."""
        for index, event in enumerate(events):
            found = problems(event)
            if found:
                raise EventRejected(index, event, *found[0])
        for index, event in enumerate(events):
            try:
                self.apply(event)
            except Exception as error:
                failed = EngineFailed(index, event, error)
                self.failure = f'Figures stopped: {failed}'
                raise failed from error

    def apply(self, event: Event) -> None:
        """One of the shop's events; listeners hear those only, not the ones the engine makes (LeftUnserved)."""
        if self.closing.next_end < event.at:
            self._close_visits(event.at)
        if event.at >= self.metrics.settles_at:  # a new day: older days let go of what no figure reads again
            self._settle(min(event.at, self.clock.now()))
        self._apply(event)
        if event.at > self.last_at:
            self.last_at = event.at
        for listener in self.listeners:
            listener(event)
        if type(event) is CheckedIn:
            self.closing.checked_in(event.customer, event.at)

    def _settle(self, at: float) -> None:
        self.metrics.settle(at)
        self.peaks.settle(self.metrics.day_of(at))

    def _apply(self, event: Event) -> None:
        self.metrics.apply(event)
        self.floor.apply(event)
        self.kpis.apply(event)
        self.peaks.apply(event)
        self.analytics.apply(event)
        self.recent.append(event)
        self._raise(self.alerts.on_event(event))

    def advance(self) -> int:
        """Apply the simulated events the clock has passed (the first call replays history), then the clock rules."""
        now = self.clock.now()
        events = self.feed.due(now) if self.feed is not None else []
        for event in events:
            self.apply(event)
        self._close_visits(now)
        self._raise(self.alerts.on_tick(now))
        return len(events)

    def _close_visits(self, until: float) -> None:
        """Visits still open at the end of their day (closing.py): waiting ones left unserved, the others just left."""
        for customer, end in self.closing.due(until):
            if customer in self.metrics.checked_in:
                self._apply(LeftUnserved(f'{customer}-unserved', end, customer))
            else:
                self.metrics.leave(customer)

    def _is_peak(self, day: date, hour: int) -> bool:
        """Learned from the shop's own weeks when there are enough of them, else the profile's fixed hours."""
        learned = self.peaks.peak_hours(day)
        return hour in learned if learned is not None else self.profile.is_peak(hour)

    def go_live(self) -> None:
        """History is in: from now on notifications are news."""
        self.live = True
        self.alerts.warmed_up()

    def take_raised(self) -> list[Notification]:
        raised, self.raised = self.raised, []
        return raised

    def _raise(self, notifications: list[Notification]) -> None:
        if self.live and notifications:
            self.notifications.extend(notifications)
            self.raised.extend(notifications)

    def snapshot(self) -> Snapshot:
        now = self.clock.now()
        profile, metrics = self.profile, self.metrics
        local = profile.local(now)
        today = local.date()
        span = profile.open_span(today)
        is_open = span is not None and span[0] <= now < span[1]
        day_is_today = span is not None and now >= span[0]
        day = today if day_is_today else profile.last_open_day(today)
        at = now if day_is_today else _end_of(profile, day)
        week_before = day - timedelta(days=7)
        at_week_before = _same_time_on(profile, at, week_before)
        figures = metrics.figures(day, at)
        hourly = metrics.hourly_revenue(day)
        hourly_before = metrics.hourly_revenue(week_before)
        hours = _chart_hours(profile, day, hourly, hourly_before)
        chairs = metrics.chairs(now)
        expected = self.peaks.expected(day)
        reviews, stars = _last_30_days(metrics, today)
        return Snapshot(
            shop_id=profile.id,
            shop_name=profile.name,
            at=now,
            timezone=profile.timezone,
            is_open=is_open,
            status=_status(profile, now, is_open),
            day=day,
            day_is_today=day_is_today,
            today=figures,
            last_week=metrics.figures(week_before, at_week_before),
            so_far_today=figures if day_is_today else metrics.figures(today, now),
            hours=hours,
            hourly_revenue=tuple(hourly[h] for h in hours),
            hourly_revenue_last_week=tuple(hourly_before[h] for h in hours),
            customers_in_shop=len(metrics.names),
            waiting=len(metrics.checked_in),
            avg_wait_minutes=metrics.average_wait(now),
            is_peak=is_open and self._is_peak(today, local.hour),
            expected_arrivals=tuple(round(expected[h], 1) for h in hours) if expected else None,
            arrivals=tuple(self.peaks.today(day)[h] for h in hours),
            chairs=chairs,
            events_applied=metrics.events_applied,
            simulated=self.feed is not None,
            speed=self.clock.speed,
            recent=tuple(self.recent),
            names={e.customer: name for e in self.recent if (name := self.floor.name_of(e.customer))},
            queue=tuple(islice((name for name, _ in metrics.checked_in.values()), QUEUE_LENGTH)),
            next_appointments=self.floor.next_appointments(now),
            walk_in_wait_minutes=walk_in_wait(profile, now, [c.minutes_left or 0 for c in chairs],
                                              len(metrics.checked_in)) if is_open else None,
            rating=stars / reviews if reviews else None,
            rating_reviews=reviews,
            latest_five_star=self.floor.latest_five_star,
            notifications=tuple(self.notifications),
            kpis_day=self.kpis.kpis(day, 1, at),
            kpis_month=self.kpis.kpis(day, 30, at),
        )


def _last_30_days(metrics: Metrics, today: date) -> tuple[int, float]:
    tallies = [metrics.days.get(today - timedelta(days=n)) for n in range(30)]
    return (int(sum(t.reviews.total for t in tallies if t)), sum(t.stars.total for t in tallies if t))


def _same_time_on(profile: ShopProfile, at: float, day: date) -> float:
    """The same wall-clock time on another day (a week is not always 7 x 86,400 s across a clock change)."""
    return datetime.combine(day, profile.local(at).time(), profile.tz).timestamp()


def _end_of(profile: ShopProfile, day: date) -> float:
    """The last instant of a day: a past day is shown as it ended, late reviews included."""
    return datetime.combine(day + timedelta(days=1), time(), profile.tz).timestamp() - 0.001


def _chart_hours(profile: ShopProfile, day: date, *hourly: list[float]) -> tuple[int, ...]:
    """The open hours, widened to any hour that took money (the last customers are finished after closing)."""
    hours = profile.hours[day.weekday()]
    first, last = hours.opens.hour, hours.closes.hour - (hours.closes.minute == 0)
    paid = [h for values in hourly for h, amount in enumerate(values) if amount]
    return tuple(range(min([first, *paid]), max([last, *paid]) + 1))


def _status(profile: ShopProfile, now: float, is_open: bool) -> str:
    local = profile.local(now)
    if is_open:
        return f'Open until {profile.hours[local.weekday()].closes:%H:%M}'
    day = local.date()
    for _ in range(8):
        span = profile.open_span(day)
        if span is not None and span[0] > now:
            opens = profile.local(span[0])
            when = 'today' if day == local.date() else 'tomorrow' if day == local.date() + timedelta(1) else \
                f'{opens:%a}'
            return f'Closed · opens {when} {opens:%H:%M}'
        day += timedelta(days=1)
    return 'Closed'
