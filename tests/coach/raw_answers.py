"""The analyst evaluation's expected values, worked out from the demo shop's raw event log alone (raw_log.py).

Only engine/events.py's types are read: never the engine's metrics, KPIs, client figures or the analytics layer, so
the answers the analyst is graded on share none of its code. Each figure's docstring is its definition: the
product's (README, "How it works" and "Clients"; tests/unit/reference.py for the dashboard's).
"""
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from engine import Booked, Cancelled, CheckedIn, NoShow, Reviewed, ServiceCompleted, ServiceStarted, WalkedOut

from .analyst_grading import BARBERS, HOURS, SERVICES, WEEKDAYS, Change, Value
from .raw_log import PERIODS, Period, ShopLog, shop_log

REBOOK_WINDOW = 15 * 60  # a client rebooks "before leaving": from check-in to 15 minutes after the service ends


# The figures: (log, period, barber, service) -> value; None when there is nothing to measure


def _done(log: ShopLog, p: Period, barber: str | None, service: str | None) -> list[ServiceCompleted]:
    return [e for e in log.of(ServiceCompleted, p)
            if (barber is None or e.barber == barber) and (service is None or e.service == service)]


def revenue(log: ShopLog, p: Period, barber: str | None = None, service: str | None = None) -> float:
    """Service prices plus retail of the services completed on the period's local days (tips are apart)."""
    return sum(e.price + e.retail for e in _done(log, p, barber, service))


def tips(log: ShopLog, p: Period, barber: str | None = None, service: str | None = None) -> float:
    """Tips of the services completed in the period."""
    return sum(e.tip for e in _done(log, p, barber, service))


def visits(log: ShopLog, p: Period, barber: str | None = None, service: str | None = None) -> int:
    """Services completed in the period ("cuts", "customers served"): one per visit."""
    return len(_done(log, p, barber, service))


def average_ticket(log: ShopLog, p: Period, barber: str | None = None, service: str | None = None) -> float | None:
    """Revenue over visits."""
    count = visits(log, p, barber, service)
    return revenue(log, p, barber, service) / count if count else None


def bookings(log: ShopLog, p: Period) -> int:
    """Appointments falling on the period's days, less those cancelled (by AT): the days' book."""
    return sum(not log.has(Cancelled, b.customer, p) for b in log.of(Booked, p))


def cancellations(log: ShopLog, p: Period) -> int:
    """Appointments falling on the period's days that were cancelled, counted on the appointment's day."""
    return sum(log.has(Cancelled, b.customer, p) for b in log.of(Booked, p))


def no_shows(log: ShopLog, p: Period) -> int:
    """Appointments falling on the period's days whose customer did not come (NoShow), on the appointment's day."""
    return sum(log.has(NoShow, b.customer, p) for b in log.of(Booked, p))


def walk_ins(log: ShopLog, p: Period) -> int:
    """Check-ins without an appointment, on the day they came in."""
    return sum(e.walk_in for e in log.of(CheckedIn, p))


def walk_outs(log: ShopLog, p: Period) -> int:
    """Customers who checked in and left without being served (WalkedOut), on the day they left."""
    return len(log.of(WalkedOut, p))


def wait(log: ShopLog, p: Period, barber: str | None = None) -> float | None:
    """Mean minutes from check-in to the chair (ServiceStarted), over services started in the period."""
    came = log.of_visit[CheckedIn]
    waits = [(e.at - came[e.customer].at) / 60 for e in log.of(ServiceStarted, p)
             if (barber is None or e.barber == barber) and e.customer in came]
    return sum(waits) / len(waits) if waits else None


def rating(log: ShopLog, p: Period, barber: str | None = None) -> float | None:
    """Mean stars of the reviews written in the period (of the barber reviewed, when one is asked about)."""
    stars = [e.stars for e in log.of(Reviewed, p) if barber is None or e.barber == barber]
    return sum(stars) / len(stars) if stars else None


def reviews(log: ShopLog, p: Period, barber: str | None = None) -> int:
    """Reviews written in the period."""
    return sum(barber is None or e.barber == barber for e in log.of(Reviewed, p))


def utilization(log: ShopLog, p: Period, barber: str | None = None) -> float | None:
    """Percent of open chair-time in use: seconds from ServiceStarted to ServiceCompleted (or to the period's end while
    in the chair), of services started on each day, over the opening hours x 4 chairs (1 chair for one barber); today
    counts up to AT, and time after closing is not counted."""
    busy = open_ = 0.0
    for day in p.days():
        span = log.profile.open_span(day)
        if span is None or p.until <= span[0]:
            continue
        until = min(p.until, span[1])
        open_ += (1 if barber else log.profile.chairs) * (until - span[0])
        for e in log.on_day[ServiceStarted].get(day, ()):
            if e.at <= until and (barber is None or e.barber == barber):
                done = log.of_visit[ServiceCompleted].get(e.customer)
                busy += min(done.at if done is not None and done.at <= p.until else until, until) - e.at
    return 100 * busy / open_ if open_ else None


def _client_visits(log: ShopLog, p: Period) -> list[tuple[ServiceCompleted, str]]:
    return [(e, client) for e in log.of(ServiceCompleted, p) if (client := log.client(e.customer)) is not None]


def new_clients(log: ShopLog, p: Period) -> int:
    """Clients whose first completed visit in the whole history (up to AT) is in the period."""
    return len({c for _, c in _client_visits(log, p) if log.first_visit[c] >= p.first})


def returning_clients(log: ShopLog, p: Period) -> int:
    """Clients ("regulars") with a completed visit in the period and one before it."""
    return len({c for _, c in _client_visits(log, p) if log.first_visit[c] < p.first})


def rebooking_rate(log: ShopLog, p: Period, barber: str | None = None) -> float | None:
    """Percent of completed visits (with a known client) whose client booked another visit before leaving: between
    check-in and 15 minutes after the service ended."""
    rebooked = []
    for e, client in _client_visits(log, p):
        if barber is None or e.barber == barber:
            came = log.of_visit[CheckedIn].get(e.customer)
            since = came.at if came is not None else e.at
            until = min(e.at + REBOOK_WINDOW, p.until)
            rebooked.append(any(b.customer != e.customer and since <= b.at <= until for b in log.bookings_of[client]))
    return 100 * sum(rebooked) / len(rebooked) if rebooked else None


FIGURES: dict[str, tuple[str, Callable]] = {  # name -> (kind, function)
    'revenue': ('money', revenue),
    'tips': ('money', tips),
    'visits': ('count', visits),
    'average ticket': ('money', average_ticket),
    'bookings': ('count', bookings),
    'cancellations': ('count', cancellations),
    'no-shows': ('count', no_shows),
    'walk-ins': ('count', walk_ins),
    'walk-outs': ('count', walk_outs),
    'wait': ('minutes', wait),
    'rating': ('rating', rating),
    'reviews': ('count', reviews),
    'utilization': ('percent', utilization),
    'new clients': ('count', new_clients),
    'returning clients': ('count', returning_clients),
    'rebooking rate': ('percent', rebooking_rate),
}
ADDITIVE = ('revenue', 'tips', 'visits')  # figures a weekday's total can be summed for


# What an item asks for, in the product's terms


@dataclass(frozen=True)
class Figure:
    """One figure over one period, for the shop or one barber and/or one service."""
    figure: str
    period: str
    barber: str | None = None
    service: str | None = None


@dataclass(frozen=True)
class Best:
    """Who or which did best (or worst) on a figure over a period. `by`: barber, service, weekday or hour; a weekday
    is ranked on its total over the period's days of that weekday, an hour on the customers arriving in it."""
    figure: str
    by: str
    period: str
    lowest: bool = False


@dataclass(frozen=True)
class Compare:
    """The change of a figure from one period (`against`) to another."""
    figure: str
    period: str
    against: str
    barber: str | None = None
    service: str | None = None


Spec = Figure | Best | Compare


def expected(spec: Spec) -> Value | Change:
    """The value an item expects, from the raw log."""
    log = shop_log()
    if isinstance(spec, Figure):
        kind, _ = FIGURES[spec.figure]
        value = _value(log, spec.figure, PERIODS[spec.period], spec.barber, spec.service)
        assert value is not None, f'nothing to measure for {spec}'
        return Value(kind, round(value, 6))
    if isinstance(spec, Compare):
        kind, _ = FIGURES[spec.figure]
        assert kind in ('money', 'count'), 'a change is asked of money or counts only (a change of a rate is ambiguous)'
        now, before = (_value(log, spec.figure, PERIODS[p], spec.barber, spec.service) for p in (spec.period,
                                                                                                  spec.against))
        return Change(kind, round(now, 6), round(before, 6))
    return Value('name', _winner(log, spec), _RIVALS[spec.by])


def _value(log: ShopLog, figure: str, p: Period, barber: str | None, service: str | None) -> float | None:
    _, function = FIGURES[figure]
    kwargs = {'barber': barber} if barber else {}
    if service:
        assert figure in ('revenue', 'tips', 'visits', 'average ticket'), f'{figure} has no per-service value'
        kwargs['service'] = service
    return function(log, p, **kwargs)


def scores(spec: Best) -> dict[str, float]:
    """Each barber's, service's, weekday's or hour's value, as the ranking sees it."""
    log, p = shop_log(), PERIODS[spec.period]
    if spec.by == 'barber':
        return {b: v for b in BARBERS if (v := _value(log, spec.figure, p, b, None)) is not None}
    if spec.by == 'service':
        return {s: _value(log, spec.figure, p, None, s) for s in SERVICES}
    if spec.by == 'weekday':
        assert spec.figure in ADDITIVE, f'a weekday total of {spec.figure} means nothing'
        totals = Counter()
        for day in p.days():
            totals[WEEKDAYS[day.weekday()]] += _value(log, spec.figure, Period(day, day, p.until), None, None)
        return dict(totals)
    assert spec.by == 'hour' and spec.figure == 'visits' and not spec.lowest, 'the busiest hour: most arrivals'
    return {f'{h}:00': n for h, n in Counter(log.profile.local(e.at).hour for e in log.of(CheckedIn, p)).items()}


def _winner(log: ShopLog, spec: Best) -> str:
    """The clear winner: ahead of the runner-up by more than an owner's rounding, and the same under the other
    readings an owner might have in mind (a weekday's mean per day rather than its total; the hour services start
    rather than customers arrive), so the item does not hinge on a definition."""
    winners = {_clear(spec, scores(spec))}
    p = PERIODS[spec.period]
    if spec.by == 'weekday':
        days = Counter(WEEKDAYS[d.weekday()] for d in p.days())
        winners.add(_clear(spec, {w: v / days[w] for w, v in scores(spec).items()}))
    if spec.by == 'hour':
        winners.add(_clear(spec, Counter(f'{log.profile.local(e.at).hour}:00' for e in log.of(ServiceStarted, p))))
    assert len(winners) == 1, f'{spec} depends on the reading: {winners}'
    return winners.pop()


def _clear(spec: Best, values: dict[str, float]) -> str:
    ranked = sorted(values.items(), key=lambda kv: kv[1], reverse=not spec.lowest)
    (first, a), (_, b) = ranked[0], ranked[1]
    margin = {'money': 1.0, 'count': 0.5, 'rating': 0.01, 'percent': 0.5, 'minutes': 0.5}[FIGURES[spec.figure][0]]
    assert abs(a - b) > margin, f'no clear winner for {spec}: {ranked[:3]}'
    return first


_RIVALS = {'barber': BARBERS, 'service': SERVICES, 'weekday': WEEKDAYS, 'hour': HOURS}
