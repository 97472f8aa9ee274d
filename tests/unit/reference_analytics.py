"""Every report figure recomputed from scratch over an event log, from the definitions in engine/analytics/figures.py
(the dashboard's, where it has the figure): the slow, obvious truth the per-day aggregates must match.

It follows each visit (one `customer`) through its events, reads local days and hours straight from the profile's
zone, and works out clients, chair time and open hours from explicit lists and intervals, not from sums kept per day.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, partial
from zoneinfo import ZoneInfo

from engine import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    LeftUnserved,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    ShopProfile,
    WalkedOut,
)

GROUPINGS = (None, 'barber', 'service', 'weekday', 'hour', 'day')
NO_HOUR = (None, 'barber', 'service', 'weekday', 'day')  # a booking made: by the hour it was made is not asked for
TIMES = (None, 'weekday', 'hour', 'day')  # check-ins and walk-outs name no barber or service
KEYS = {'barber': lambda day, hour, barber, service: barber, 'service': lambda day, hour, barber, service: service,
        'hour': lambda day, hour, barber, service: hour, 'weekday': lambda day, hour, barber, service: day.weekday(),
        'day': lambda day, hour, barber, service: day, None: lambda day, hour, barber, service: None}


@dataclass
class Visit:
    bookings: list[Booked] = field(default_factory=list)
    cancelled: Cancelled | None = None
    no_show: NoShow | None = None
    checked_in: CheckedIn | None = None
    walked_out: WalkedOut | None = None
    started: ServiceStarted | None = None
    completed: ServiceCompleted | None = None
    late_walk_out: WalkedOut | None = None

    @property
    def booking(self) -> Booked | None:
        return self.bookings[-1] if self.bookings else None

    @property
    def unserved(self) -> bool:
        """Closed by the engine at the end of its day, still waiting (engine/closing.py): not opened again."""
        return isinstance(self.walked_out, LeftUnserved)

    @property
    def client(self) -> str | None:
        if self.unserved:  # what came of it later counts, but no longer as its client's visit
            return None
        if self.checked_in is not None and self.checked_in.client is not None:
            return self.checked_in.client
        return next((b.client for b in reversed(self.bookings) if b.client is not None), None)


def visits(log: list[Event], closed: dict[str, tuple[float, bool]] | None = None) -> dict[str, Visit]:
    """Each visit's events; `closed`: reference.closed_at_day_end of the log, the visits the engine closes."""
    by_customer: dict[str, Visit] = defaultdict(Visit)
    for customer, (end, unserved) in (closed or {}).items():
        if unserved:
            by_customer[customer].walked_out = LeftUnserved(f'{customer}-unserved', end, customer)
    for e in log:
        visit = by_customer[e.customer]
        if isinstance(e, Booked):
            visit.bookings.append(e)
        elif isinstance(e, Cancelled) and visit.cancelled is None and visit.checked_in is None and not visit.no_show:
            visit.cancelled = e if visit.bookings else None
        elif isinstance(e, NoShow):
            visit.no_show = e
        elif isinstance(e, CheckedIn):
            visit.checked_in = e
        elif isinstance(e, WalkedOut) and visit.unserved:
            visit.late_walk_out = e  # said after the engine had closed it: counted as it comes, as the engine does
        elif isinstance(e, WalkedOut):
            visit.walked_out = e
        elif isinstance(e, ServiceStarted):
            visit.started = e
        elif isinstance(e, ServiceCompleted):
            visit.completed = e
    return by_customer


def report(profile: ShopProfile, log: list[Event], start: date, end: date, now: float, by: str | None = None,
           all_visits: dict[str, Visit] | None = None) -> dict:
    """{group key: {figure: value}} for the local dates start..end (both included), as they stand at `now`;
    `all_visits`: visits(log), when the caller has them already."""
    today = profile.local(now).date()
    local = partial(_local, profile.timezone)
    inside = lambda day: start <= day <= end  # noqa: E731
    key = KEYS[by]
    sums: dict = defaultdict(lambda: defaultdict(float))

    def add(at: float, barber, service, kept=GROUPINGS, **values) -> None:
        """Count values at an instant, in the group it falls in if the figures they make can be grouped by `by`."""
        day, hour = local(at)
        if inside(day) and by in kept:
            for name, value in values.items():
                sums[key(day, hour, barber, service)][name] += value

    all_visits = all_visits or visits(log)
    for visit in all_visits.values():
        for b in visit.bookings:
            add(b.appointment_at, b.barber, b.service, booked=1)
            add(b.at, b.barber, b.service, NO_HOUR, made=1)
        booking = visit.booking
        if visit.cancelled is not None:
            late = booking.appointment_at - visit.cancelled.at < 24 * 3600
            add(booking.appointment_at, booking.barber, booking.service, cancelled=1, late=late)
        if visit.no_show is not None:
            if booking is None:
                add(visit.no_show.at, None, None, due=1, no_shows=1)
            else:
                add(booking.appointment_at, booking.barber, booking.service, due=1, no_shows=1)
        if visit.checked_in is not None:
            add(visit.checked_in.at, None, None, TIMES, check_ins=1, walk_ins=visit.checked_in.walk_in)
            if booking is not None and visit.cancelled is None and visit.no_show is None:
                add(booking.appointment_at, booking.barber, booking.service, due=1)
        for walked_out in (visit.walked_out, visit.late_walk_out):
            if walked_out is not None:
                add(walked_out.at, None, None, TIMES, walk_outs=1)
        s, c = visit.started, visit.completed
        if s is not None and visit.checked_in is not None and not visit.unserved:  # closed before its start came
            add(s.at, s.barber, s.service, waits=1, wait_seconds=s.at - visit.checked_in.at)
        if c is not None:
            add(c.at, c.barber, c.service, visits=1, price=c.price, retail=c.retail, tips=c.tip,
                retail_visits=c.retail > 0, service_seconds=c.at - s.at if s is not None else 0.0)
    for e in log:
        if isinstance(e, Reviewed):
            add(e.at, e.barber, None, (None, 'barber', 'weekday', 'day'), reviews=1, stars=e.stars)
    _client_sums(profile, all_visits, log, add)

    days = [start + timedelta(n) for n in range((end - start).days + 1)]
    spans = {day: _open_span(profile, day, today, now) for day in days}
    chair_days, chair_hours = _chair_seconds(profile, all_visits, days, today, now)
    if by is None:
        groups = {None}
    elif by in ('day', 'weekday'):
        groups = {KEYS[by](day, 0, None, None) for day in days}
    elif by == 'hour':  # the hours with something counted, open, or with chair time
        groups = set(sums) | {h for h in range(24) for day in days
                              if spans[day] and _overlap(spans[day], _hour_span(profile, day, h))}
        groups |= {h for h, seconds in chair_hours.items() if seconds}
    else:  # every barber or service of the profile, and any other counted
        groups = set(sums) | set(profile.barbers if by == 'barber' else (s.name for s in profile.services))
    days_of: dict[str, list[date]] = defaultdict(list)  # each client's visits
    for client, visit in _client_visits(profile, all_visits):
        days_of[client].append(profile.local(visit.completed.at).date())
    out = {}
    for group in groups:
        m = sums[group]
        figures = _sums(m)
        group_days = [day for day in days if by not in ('day', 'weekday') or KEYS[by](day, 0, None, None) == group]
        open_seconds = sum(span[1] - span[0] for day in group_days if (span := spans[day]))
        if by == 'barber':
            figures['utilization'] = _ratio(m['service_seconds'], open_seconds)
        elif by == 'hour':
            busy = chair_hours[group]
            open_hour = sum(_overlap(span, _hour_span(profile, day, group)) for day in days if (span := spans[day]))
            figures['utilization'] = _ratio(busy, profile.chairs * open_hour)
        elif by != 'service':
            busy = sum(chair_days[day] for day in group_days)
            figures['utilization'] = _ratio(busy, profile.chairs * open_seconds)
        if by is None:
            figures.update(clients(days_of, start, end))
        elif by == 'day':
            figures.update(clients(days_of, group, group))
        out[group] = figures
    return out


def _sums(m: dict) -> dict:
    return {
        'revenue': m['price'] + m['retail'], 'service_revenue': m['price'], 'retail_revenue': m['retail'],
        'tips': m['tips'], 'average_ticket': _ratio(m['price'] + m['retail'], m['visits']), 'visits': m['visits'],
        'new_clients': m['first_visits'], 'rebooking_rate': _ratio(m['rebooked'], m['client_visits']),
        'bookings': m['booked'] - m['cancelled'], 'bookings_made': m['made'], 'appointments_due': m['due'],
        'cancellations': m['cancelled'], 'late_cancellations': m['late'],
        'late_cancel_rate': _ratio(m['late'], m['due'] + m['cancelled']), 'no_shows': m['no_shows'],
        'no_show_rate': _ratio(m['no_shows'], m['due']), 'check_ins': m['check_ins'], 'walk_ins': m['walk_ins'],
        'walk_in_share': _ratio(m['walk_ins'], m['check_ins']), 'walk_outs': m['walk_outs'],
        'walk_ins_lost': _ratio(m['walk_outs'], m['walk_ins']), 'waits': m['waits'],
        'average_wait': _ratio(m['wait_seconds'] / 60, m['waits']),
        'retail_attachment': _ratio(m['retail_visits'], m['visits']), 'reviews': m['reviews'],
        'rating': _ratio(m['stars'], m['reviews']),
    }


@cache
def _local(timezone: str, at: float) -> tuple[date, int]:
    moment = datetime.fromtimestamp(at, ZoneInfo(timezone))
    return moment.date(), moment.hour


def _client_visits(profile: ShopProfile, all_visits: dict[str, Visit]) -> list[tuple[str, Visit]]:
    """Completed visits with a known client, in time order."""
    known = [(visit.client, visit) for visit in all_visits.values() if visit.completed and visit.client is not None]
    return sorted(known, key=lambda cv: (cv[1].completed.at, cv[1].completed.id))


def _client_sums(profile: ShopProfile, all_visits: dict[str, Visit], log: list[Event], add) -> None:
    bookings = defaultdict(list)
    for e in log:
        if isinstance(e, Booked) and e.client is not None:
            bookings[e.client].append(e)
    seen: set[str] = set()
    for client, visit in _client_visits(profile, all_visits):
        c = visit.completed
        since = visit.checked_in.at if visit.checked_in is not None else c.at
        rebooked = any(b.customer != c.customer and since <= b.at <= c.at + 15 * 60 for b in bookings[client])
        add(c.at, c.barber, c.service, client_visits=1, rebooked=rebooked, first_visits=client not in seen)
        seen.add(client)


def clients(days_of: dict[str, list[date]], start: date, end: date) -> dict:
    """Clients, returning clients and retention from each client's visit days."""
    present = {c for c, days in days_of.items() if any(start <= d <= end for d in days)}
    figures = {'clients': len(present), 'returning_clients': sum(min(days_of[c]) < start for c in present)}
    for within in (30, 60, 90):
        first, last = start - timedelta(within), end - timedelta(within)
        cohort = back = 0
        for days in days_of.values():
            latest = max((d for d in days if first <= d <= last), default=None)
            if latest is not None:
                cohort += 1
                back += any(latest < d <= latest + timedelta(within) for d in days)
        figures[f'retention_{within}'] = _ratio(back, cohort)
    return figures


def _open_span(profile: ShopProfile, day: date, today: date, now: float) -> tuple[float, float] | None:
    hours = profile.hours.get(day.weekday())
    if hours is None or day > today:
        return None
    opens = datetime.combine(day, hours.opens, profile.tz).timestamp()
    closes = datetime.combine(day, hours.closes, profile.tz).timestamp()
    if day == today:
        closes = max(opens, min(closes, now))
    return opens, closes


def _hour_span(profile: ShopProfile, day: date, hour: int) -> tuple[float, float]:
    begin = datetime.combine(day, time(hour), profile.tz).timestamp()
    end = datetime.combine(day + timedelta(1), time(), profile.tz) if hour == 23 else \
        datetime.combine(day, time(hour + 1), profile.tz)
    return begin, end.timestamp()


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _chair_seconds(profile: ShopProfile, all_visits: dict[str, Visit], days: list[date], today: date, now: float
                   ) -> tuple[dict[date, float], dict[int, float]]:
    """Chair time of the services started on these (open) days, from start to end, closing or now: by the day they
    started, and by the local hour it fell in."""
    by_day, by_hour = defaultdict(float), defaultdict(float)
    days = set(days)
    for visit in all_visits.values():
        s = visit.started
        if s is None:
            continue
        day = profile.local(s.at).date()
        opening = profile.hours.get(day.weekday())
        if day not in days or opening is None:
            continue
        closes = datetime.combine(day, opening.closes, profile.tz).timestamp()
        until = min(visit.completed.at if visit.completed else (now if day == today else closes), closes)
        if until > s.at:
            by_day[day] += until - s.at
            for hour in range(_local(profile.timezone, s.at)[1], min(23, _local(profile.timezone, until)[1] + 1) + 1):
                by_hour[hour] += _overlap((s.at, until), _hour_span(profile, day, hour))
    return by_day, by_hour


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None
