"""Every dashboard figure recomputed from scratch over an event log: the slow, obvious truth the engine must match."""
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from engine import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    ShopProfile,
    WalkedOut,
)
from engine.shop import QUEUE_LENGTH


def day_figures(profile: ShopProfile, log: list[Event], day: date, at: float) -> dict:
    seen = [e for e in log if e.at <= at]
    local_day = lambda t: profile.local(t).date()  # noqa: E731
    done = [e for e in seen if isinstance(e, ServiceCompleted) and local_day(e.at) == day]
    reviews = [e for e in seen if isinstance(e, Reviewed) and local_day(e.at) == day]
    cancelled = {e.customer for e in seen if isinstance(e, Cancelled)}
    booked = [e for e in seen if isinstance(e, Booked) and local_day(e.appointment_at) == day]
    services: dict[str, int] = {}
    for e in done:
        services[e.service] = services.get(e.service, 0) + 1
    return {
        'revenue': sum(e.price + e.retail for e in done),
        'tips': sum(e.tip for e in done),
        'bookings': sum(e.customer not in cancelled for e in booked),
        'reviews': len(reviews),
        'satisfaction': sum(e.stars for e in reviews) / len(reviews) if reviews else None,
        'utilization': _utilization(profile, seen, day, at),
        'services': services,
    }


def _utilization(profile: ShopProfile, seen: list[Event], day: date, at: float) -> float | None:
    span = profile.open_span(day)
    if span is None or at <= span[0]:
        return None
    until = min(at, span[1])
    ends = {e.customer: e.at for e in seen if isinstance(e, ServiceCompleted)}
    busy = 0.0
    for e in seen:
        if isinstance(e, ServiceStarted) and profile.local(e.at).date() == day and e.at <= until:
            busy += min(ends.get(e.customer, until), until) - e.at
    return busy / (profile.chairs * (until - span[0]))


def closed_in_posted_order(profile: ShopProfile, log: list[Event], now: float) -> dict[str, tuple[float, bool]]:
    """As closed_at_day_end, for a log in the order it was posted (late events included): the engine closes a visit
    when the first event after the end of its check-in day arrives (or the clock passes it), as it stands then."""
    ends: dict[str, float] = {}  # open visits -> the end of their check-in day
    waiting: set[str] = set()
    closed = {}

    def close(until: float) -> None:
        for customer, end in sorted(ends.items(), key=lambda item: item[1]):
            if end < until:
                closed[customer] = (end, customer in waiting)
                del ends[customer]
                waiting.discard(customer)
    for e in log:
        close(e.at)
        if isinstance(e, CheckedIn):
            ends[e.customer] = datetime.combine(profile.local(e.at).date() + timedelta(days=1), time(),
                                                profile.tz).timestamp() - 0.001
            waiting.add(e.customer)
        elif isinstance(e, ServiceStarted):
            waiting.discard(e.customer)
        elif isinstance(e, (ServiceCompleted, WalkedOut)) and e.customer in ends:
            del ends[e.customer]
            waiting.discard(e.customer)
    close(now)
    return closed


def closed_at_day_end(profile: ShopProfile, log: list[Event], now: float) -> dict[str, tuple[float, bool]]:
    """Visits still open at the end of their check-in day (the last millisecond before local midnight), once `now`
    is past it: visit -> (that end, whether it was still waiting, i.e. left unserved: a walk-out)."""
    visits = defaultdict(list)
    for e in log:
        visits[e.customer].append(e)
    closed = {}
    for customer, events in visits.items():
        for e in events:
            if isinstance(e, CheckedIn):
                end = datetime.combine(profile.local(e.at).date() + timedelta(days=1), time(),
                                       profile.tz).timestamp() - 0.001
                later = [x for x in events if e.at <= x.at <= end]
                if end < now and not any(isinstance(x, (ServiceCompleted, WalkedOut)) for x in later):
                    closed[customer] = (end, not any(isinstance(x, ServiceStarted) for x in later))
    return closed


def live_figures(profile: ShopProfile, log: list[Event], now: float) -> dict:
    seen = [e for e in log if e.at <= now]
    checked_in = {e.customer: e.at for e in seen if isinstance(e, CheckedIn)}
    started = {e.customer: e for e in seen if isinstance(e, ServiceStarted)}
    completed = {e.customer for e in seen if isinstance(e, (ServiceCompleted, WalkedOut))}  # no longer in the shop
    completed |= closed_at_day_end(profile, seen, now).keys()
    waits = [e.at - checked_in[c] for c, e in started.items() if now - 3600 < e.at <= now]
    gone = {e.customer for e in seen if isinstance(e, (Cancelled, NoShow, CheckedIn))}
    upcoming = sorted((e for e in seen if isinstance(e, Booked) and e.customer not in gone
                       and e.appointment_at >= now - 900), key=lambda e: (e.appointment_at, e.id))
    today = profile.local(now).date()
    month = [e for e in seen if isinstance(e, Reviewed) and today - profile.local(e.at).date() < timedelta(days=30)]
    return {
        'queue': [e.name for e in seen if isinstance(e, CheckedIn) and e.customer not in started
                  and e.customer not in completed][:QUEUE_LENGTH],
        'next_appointments': [(e.appointment_at, e.name) for e in upcoming[:5]],
        'rating': sum(e.stars for e in month) / len(month) if month else None,
        'customers_in_shop': sum(c not in completed for c in checked_in),
        'waiting': sum(c not in started and c not in completed for c in checked_in),
        'avg_wait_minutes': sum(waits) / len(waits) / 60 if waits else None,
        'busy_barbers': sorted(e.barber for c, e in started.items() if c not in completed),
    }


def kpis(profile: ShopProfile, log: list[Event], day: date, days: int, now: float) -> dict:
    """The KPIs over `days` days up to `day`, from scratch."""
    seen = [e for e in log if e.at <= now]
    period = {day - timedelta(n) for n in range(days)}
    in_period = lambda t: profile.local(t).date() in period  # noqa: E731
    booked = {e.customer: e for e in seen if isinstance(e, Booked)}
    done = [e for e in seen if isinstance(e, ServiceCompleted) and in_period(e.at)]
    checkins = [e for e in seen if isinstance(e, CheckedIn) and in_period(e.at)]
    fate = {e.customer: e for e in seen if isinstance(e, (Cancelled, NoShow, CheckedIn))}
    appointments = [b for b in booked.values() if in_period(b.appointment_at) and b.customer in fate]
    cancelled = [b for b in appointments if isinstance(fate[b.customer], Cancelled)]
    due = [b for b in appointments if not isinstance(fate[b.customer], Cancelled)]
    late = [b for b in cancelled if b.appointment_at - fate[b.customer].at < 24 * 3600]
    ratio = lambda a, b: a / b if b else None  # noqa: E731
    return {
        'average_ticket': ratio(sum(e.price + e.retail for e in done), len(done)),
        'retail_attachment': ratio(sum(e.retail > 0 for e in done), len(done)),
        'no_show_rate': ratio(sum(isinstance(fate[b.customer], NoShow) for b in due), len(due)),
        'late_cancel_rate': ratio(len(late), len(appointments)),
        'walk_in_share': ratio(sum(e.walk_in for e in checkins), len(checkins)),
        'walk_ins_lost': ratio(sum(isinstance(e, WalkedOut) and in_period(e.at) for e in seen)
                               + sum(unserved and in_period(end) for end, unserved in closed_at_day_end(profile, seen,
                                                                                                      now).values()),
                               sum(e.walk_in for e in checkins)),
        'barber_revenue': {b: sum(e.price + e.retail for e in done if e.barber == b) for b in {e.barber for e in done}},
    }


def client_kpis(profile: ShopProfile, log: list[Event], day: date, days: int, now: float) -> dict:
    """Rebooking, new and returning clients and retention over `days` days up to `day`, from scratch."""
    seen = [e for e in log if e.at <= now]
    local_day = lambda t: profile.local(t).date()  # noqa: E731
    ratio = lambda a, b: a / b if b else None  # noqa: E731
    booked_client = {e.customer: e.client for e in seen if isinstance(e, Booked)}
    checked_in = {e.customer: e for e in seen if isinstance(e, CheckedIn)}
    bookings = defaultdict(list)
    for e in seen:
        if isinstance(e, Booked) and e.client is not None:
            bookings[e.client].append(e)
    visits = []  # (completion, client, rebooked): every completed visit with a known client
    for e in seen:
        if isinstance(e, ServiceCompleted):
            came = checked_in.get(e.customer)
            client = came.client if came is not None and came.client is not None else booked_client.get(e.customer)
            if client is not None:
                since = came.at if came is not None else e.at
                rebooked = any(b.customer != e.customer and since <= b.at <= e.at + 15 * 60 for b in bookings[client])
                visits.append((e, client, rebooked))
    period = {day - timedelta(n) for n in range(days)}
    in_period = [(e, c, r) for e, c, r in visits if local_day(e.at) in period]
    days_of = defaultdict(list)
    for e, client, _ in visits:
        days_of[client].append(local_day(e.at))
    first = day - timedelta(days - 1)
    clients = {c for _, c, _ in in_period}
    figures = {
        'rebooking_rate': ratio(sum(r for _, _, r in in_period), len(in_period)),
        'new_clients': sum(min(days_of[c]) >= first for c in clients),
        'returning_clients': sum(min(days_of[c]) < first for c in clients),
        'barber_rebooking': {b: ratio(sum(r for e, _, r in in_period if e.barber == b),
                                      sum(e.barber == b for e, _, _ in in_period))
                             for b in {e.barber for e in seen if isinstance(e, ServiceCompleted)
                                       and local_day(e.at) in period}},
    }
    for within in (30, 60, 90):
        last = day - timedelta(within)
        window = {last - timedelta(n) for n in range(days)}
        cohort = back = 0
        for visit_days in days_of.values():
            latest = max((d for d in visit_days if d in window), default=None)
            if latest is not None:
                cohort += 1
                back += any(latest < d <= latest + timedelta(within) for d in visit_days if d > last)
        figures[f'retention_{within}'] = ratio(back, cohort)
    return figures
