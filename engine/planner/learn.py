"""A shop as the simulation can run it, learned from its own analytics: who comes when, what they ask for, how they
book, how fast its barbers work. Learned over its last WEEKS weeks, or since its level last stepped (a barber added,
prices changed: engine/forecast/steps.py), whichever is shorter.

- Arrivals by weekday and hour: the customers who meant to come (check-ins, and the bookings cancelled or missed, at
  their appointment's hour), per hour the simulation lets them arrive (from opening to half an hour before closing;
  those outside it count in its first or last hour).
- Service mix: completed visits by service. Barber speed: their minutes per service over the menu's for the shop's mix.
- Booking: rebooking at checkout from the rebooking rate (a returning visit booked at the last one); the other visits
  booked ahead or walked in as the walk-in share says; cancellation, no-show and retail shares as they were.
A shop with too little history keeps the demo's figure for what it cannot tell, and says so in `facts`.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from ..analytics import Analytics, Period
from ..behaviour import Behaviour
from ..forecast.history import History, read
from ..forecast.steps import latest_step
from ..population import REBOOKER_SHARE, VISITS_PER_CLIENT
from ..profile import ShopProfile
from ..simulation import BOOKED_SHARE, CANCEL_RATE, LAST_ARRIVAL_MINUTES, NO_SHOW_RATE, REBOOK_PROPENSITY, RETAIL_SHARE

WEEKS = 8
RETURNING = 1 - 1 / VISITS_PER_CLIENT  # share of visits that are a client's second or later (the clientele's)
SPEEDS = (0.6, 1.6)  # a barber's learned speed is kept within this


@dataclass(frozen=True)
class ShopModel:
    """A shop the planner can run: its profile and its ways, and what the shop itself did in the weeks learned."""
    profile: ShopProfile
    behaviour: Behaviour
    learned: Period  # the days learned from
    actual: dict[str, float]  # per week over them: revenue, visits, walk_outs; and average_wait (minutes)
    facts: tuple[str, ...]  # what was learned, in words


def learn(analytics: Analytics, today: date, weeks: int = WEEKS) -> ShopModel:
    """The shop's model from the `weeks` weeks before `today` (or fewer, since its latest step)."""
    profile = analytics.profile
    history = read(analytics, max(analytics.first_day or today, today - timedelta(weeks=26)), today - timedelta(1))
    visits = history.totals['visits']
    usable = history.open & (visits > 0)
    days = np.flatnonzero(usable)
    if len(days) < 7:
        raise ValueError("The planner needs at least a week of the shop's completed services to learn from.")
    step = latest_step(visits[days], days % 7)
    first = max(int(days[step]) if step is not None else 0, len(history.dates) - 7 * weeks)
    chosen = days[days >= first]
    period = Period(history.dates[first], history.dates[-1])
    report = analytics.report(period, now=_end_of(profile, period.end))
    facts = [f'Learned from {period.start:%d %b} to {period.end:%d %b %Y} ({len(chosen)} open days).']
    arrivals = _arrivals(profile, history, chosen)
    services = _services(analytics, profile, period)
    speeds = _speeds(analytics, profile, period, services)
    rebooking = report.figures['rebooking_rate']
    rebook = min(1.0, rebooking / RETURNING) if rebooking is not None else REBOOKER_SHARE * REBOOK_PROPENSITY
    walk_ins = report.figures['walk_in_share']
    booked_share = BOOKED_SHARE if walk_ins is None else min(1.0, max(0.0, 1 - walk_ins / (1 - rebook * RETURNING)))
    booked = report.figures['bookings'] + report.figures['cancellations']
    behaviour = Behaviour(
        arrivals=arrivals, services=services, rebook=rebook, booked_share=booked_share,
        cancel_rate=report.figures['cancellations'] / booked if booked else CANCEL_RATE,
        no_show_rate=report.figures['no_shows'] / booked if booked else NO_SHOW_RATE,
        retail_share=report.figures['retail_attachment'] or RETAIL_SHARE, speeds=speeds)
    if rebooking is None:
        facts.append("No client ids in the events: rebooking is taken as the demo shop's.")
    weeks_learned = len(history.dates[first:]) / 7
    actual = {'revenue': report.figures['revenue'] / weeks_learned, 'visits': report.figures['visits'] / weeks_learned,
              'walk_outs': report.figures['walk_outs'] / weeks_learned,
              'average_wait': report.figures['average_wait'] or 0.0}
    return ShopModel(profile, behaviour, period, actual, tuple(facts))


def _end_of(profile: ShopProfile, day: date) -> float:
    return datetime.combine(day + timedelta(1), time(), profile.tz).timestamp() - 0.001


def _arrivals(profile: ShopProfile, history: History, chosen: np.ndarray) -> tuple[tuple[float, ...], ...]:
    """Per weekday and hour, the customers who meant to come, over the hours the simulation lets them arrive."""
    meant = history.hourly['check_ins'] + history.hourly['cancellations'] + history.hourly['no_shows']
    weekdays = (np.arange(len(history.dates)) + history.dates[0].weekday()) % 7
    rates = []
    for weekday in range(7):
        same = chosen[weekdays[chosen] == weekday]
        hours = arrival_hours(profile, weekday)
        row = np.zeros(24)
        if len(same) and hours:
            counts = meant[same].mean(0)
            first, last = min(hours), max(hours)
            counts[first] += counts[:first].sum()
            counts[last] += counts[last + 1:].sum()
            for hour, part in hours.items():
                row[hour] = counts[hour] / part
        rates.append(tuple(float(r) for r in row))
    return tuple(rates)


def arrival_hours(profile: ShopProfile, weekday: int) -> dict[int, float]:
    """The hours customers may arrive in on a weekday (from opening to LAST_ARRIVAL_MINUTES before closing), and the
    part of each hour that is."""
    hours = profile.hours.get(weekday)
    if hours is None:
        return {}
    start = hours.opens.hour * 60 + hours.opens.minute
    end = hours.closes.hour * 60 + hours.closes.minute - LAST_ARRIVAL_MINUTES
    return {h: (min(end, (h + 1) * 60) - max(start, h * 60)) / 60 for h in range(start // 60, (end - 1) // 60 + 1)
            if min(end, (h + 1) * 60) > max(start, h * 60)}


def _services(analytics: Analytics, profile: ShopProfile, period: Period) -> tuple[float, ...]:
    """Each service's completed visits; the menu's weights where none was done at all."""
    done = {row.key: row.figures['visits'] for row in analytics.report(period, 'service', now=_end_of(
        profile, period.end)).rows}
    counts = tuple(float(done.get(s.name, 0)) for s in profile.services)
    return counts if sum(counts) else tuple(s.weight for s in profile.services)


def _speeds(analytics: Analytics, profile: ShopProfile, period: Period, mix: tuple[float, ...]) -> dict[str, float]:
    """Each barber's seconds per service over the menu's, for the shop's mix (their utilization by barber is their
    service time over one chair's open time)."""
    menu = sum(w * s.minutes * 60 for w, s in zip(mix, profile.services, strict=True)) / sum(mix)
    open_seconds = sum(end - start for day in period.dates() if (span := profile.open_span(day))
                       for start, end in [span])
    speeds = {}
    for row in analytics.report(period, 'barber', now=_end_of(profile, period.end)).rows:
        visits, busy = row.figures['visits'], row.figures['utilization']
        if row.key in profile.barbers and visits and busy:
            speeds[row.key] = min(SPEEDS[1], max(SPEEDS[0], busy * open_seconds / visits / menu))
    return speeds
