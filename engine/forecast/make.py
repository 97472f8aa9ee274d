"""Make a shop's forecast from its analytics: the history read once, a day model per figure, today apart."""
from datetime import datetime, timedelta

import numpy as np

from ..analytics import Analytics, Period, period_for
from ..analytics.measures import LEADS
from .history import TARGETS, History, read
from .model import DayModel
from .result import DayForecast, Forecast, PeriodForecast, Range
from .today import Rest, rest_of_today

HISTORY_WEEKS = 26  # read back this far: the level takes 8 weeks after the latest step, the steps are sought in all
MAX_DAYS = 62  # ahead, today included
PERIODS = ('today', 'this_week', 'this_month', 'next_7_days')


def forecast(analytics: Analytics, now: float, days: int = 7) -> Forecast:
    """Today (taken so far plus the rest) and the `days` - 1 days after it, from the shop's history up to `now`."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f'Forecast 1 to {MAX_DAYS} days (not {days}).')
    profile = analytics.profile
    moment = profile.local(now)
    today = moment.date()
    first = max(analytics.first_day or today, today - timedelta(weeks=HISTORY_WEEKS))
    history = read(analytics, first, today + timedelta(days - 1))
    t = history.index(today)
    holiday = np.array([d in history.holidays for d in history.dates])
    figures, notes = {}, []
    for name in TARGETS:
        values = history.totals[name]
        usable = history.open & (history.totals['visits'] > 0) & ~holiday
        usable[t:] = False
        figures[name] = DayModel(values, usable, holiday & history.open, t - 1)
    booked_now = history.hourly['booked'] - history.hourly['cancellations']
    rows, rests = [], {}
    for offset in range(days):
        day, index = today + timedelta(offset), t + offset
        is_open, name_of = bool(history.open[index]), history.holidays.get(day)
        ranges, taken = {}, {}
        for name, model in figures.items():
            if not is_open:
                ranges[name], taken[name] = Range(0.0, 0.0, 0.0), 0.0
            elif offset == 0:
                ranges[name], taken[name], rests[name] = _today(model, history, name, t, moment)
            else:
                ahead = _bucket(offset)
                if ahead not in model.slopes:
                    model.learn(ahead, history.on_book(ahead))
                ranges[name], taken[name] = Range(*model.predict(index, ahead, history.on_book(ahead),
                                                                 name_of is not None)), 0.0
        rows.append(DayForecast(day, ranges['revenue'], ranges['visits'], taken['revenue'], int(taken['visits']),
                                int(booked_now[index].sum()), is_open, name_of))
    hours = _hours(history.hourly['revenue'][t], rests['revenue'].hourly) if 'revenue' in rests else ()
    learned = {name: history.dates[m.start] if m.usable[:t].any() else None for name, m in figures.items()}
    for name, model in figures.items():
        if model.start > 0:
            notes.append(f"The shop's {name} changed level on {history.dates[model.start]:%d %b %Y} "
                         f'({model.ratio - 1:+.0%}): the forecast learns from that day on.')
    if any(d.holiday for d in rows) and figures['revenue'].holiday_factor is None:
        notes.append("No public holiday in the shop's history yet: holidays ahead are forecast as usual days.")
    if not any(m.usable[:t].any() for m in figures.values()):
        notes.append('No history yet: the forecast starts once the shop has completed services.')
    return Forecast(profile.id, now, tuple(rows), hours, learned, tuple(notes))


def forecast_period(analytics: Analytics, now: float, period: str = 'this_week', week_starts: int = 0) -> \
        PeriodForecast:
    """Where `period` (PERIODS) will land: its days before today as taken, then today and the days after."""
    today = analytics.profile.local(now).date()
    if period == 'next_7_days':
        span = Period(today, today + timedelta(6), label='Next 7 days')
    elif period in PERIODS:
        span = period_for(period, today, week_starts)  # type: ignore[arg-type]
    else:
        raise ValueError(f'Forecast one of {", ".join(PERIODS)} (not {period!r}).')
    ahead = forecast(analytics, now, (span.end - today).days + 1)
    past = read(analytics, span.start, today - timedelta(1)) if span.start < today else None
    taken = {name: float(past.totals[name].sum()) if past else 0.0 for name in TARGETS}
    revenue, visits = (Range.total([getattr(d, name) for d in ahead.days], taken[name]) for name in TARGETS)
    return PeriodForecast(span, taken['revenue'] + ahead.today.taken_revenue,
                          int(taken['visits']) + ahead.today.taken_visits, revenue, visits, ahead)


def _bucket(ahead: int) -> int:
    """The lead bucket a day `ahead` days away is known at: the bookings made at least this many days before it."""
    return max(lead for lead in LEADS if lead <= ahead)


def _today(model: DayModel, history: History, name: str, t: int, moment: datetime) -> tuple[Range, float, Rest]:
    if 1 not in model.slopes:
        model.learn(1, history.on_book(1))
    left = history.hourly['booked'] - history.hourly['cancellations']
    rest = rest_of_today(model, history.hourly[name], left, t, moment.hour, moment.minute / 60, model.slopes[1])
    taken = float(history.totals[name][t])
    return Range(taken + rest.expected, taken + rest.low, taken + rest.high), taken, rest


def _hours(taken: np.ndarray, rest: np.ndarray) -> tuple[tuple[int, float], ...]:
    """Today's revenue by local hour, from its first to its last: taken in the hours gone, taken plus the expected
    rest in this hour, expected after."""
    hourly = taken + rest
    spans = np.flatnonzero(hourly > 0.005)
    return tuple((int(h), round(float(hourly[h]), 2)) for h in range(spans[0], spans[-1] + 1)) if len(spans) else ()
