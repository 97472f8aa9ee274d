"""Rules over the shop's state as time passes: a rush ahead, long waits, a quiet stretch, the closed day's insights."""
from datetime import date

from ..metrics import Metrics
from ..snapshot import Notification
from ..words import clock, plural, stamp
from . import insights
from .demand import DemandBook
from .gate import Gate
from .idle import Stretch
from .model import INSIGHT, LONG_WAIT, QUIET, RUSH


def rush(gate: Gate, metrics: Metrics, demand: DemandBook, now: float, horizon: float) -> list[Notification]:
    """More customers expected in the horizon than the chairs can serve in it."""
    if not gate.open(RUSH, now):
        return []
    f = demand.forecast(now, horizon, len(metrics.checked_in))
    if f.expected <= f.capacity:
        return []
    nid = f'rush:{stamp(metrics.profile, now)}'
    if nid in gate.fired:
        return []
    body = (f'About {f.expected:.1f} customers expected by {clock(metrics.profile, now + horizon * 60)}: '
            f'{f.booked} booked, {f.waiting} waiting, ~{f.walk_ins:.1f} walk-ins as usual at this hour. '
            f'{metrics.profile.chairs} chairs serve about {f.capacity:.1f} in {horizon:g} min '
            f'at {f.service_minutes:.0f} min a service.')
    return gate.raise_(nid, RUSH, 'warning', 'Rush coming', body, 'Activity panel', now)


def long_wait(gate: Gate, metrics: Metrics, now: float) -> list[Notification]:
    """The last hour's mean wait from check-in to chair above the owner's limit."""
    limit = gate.settings.long_wait_minutes
    average = metrics.average_wait(now)
    if average is None or average <= limit or not gate.open(LONG_WAIT, now):
        return []
    nid = f'long_wait:{stamp(metrics.profile, now)}'
    if nid in gate.fired:
        return []
    waits = metrics.waits
    longest = max(seconds for _, seconds in waits) / 60
    body = (f'Customers waited {average:.0f} min on average over the last hour '
            f'({plural(len(waits), "service")} started, longest {longest:.0f} min), above your {limit:g} min limit. '
            f'{len(metrics.checked_in)} waiting now.')
    return gate.raise_(nid, LONG_WAIT, 'warning', 'Long waits', body, 'Activity panel', now)


def quiet(gate: Gate, metrics: Metrics, stretch: Stretch | None, now: float) -> list[Notification]:
    """Enough chairs idle long enough, with nobody waiting, during opening hours."""
    s = gate.settings
    if stretch is None or stretch.minutes < s.quiet_minutes or stretch.idle < s.quiet_idle_chairs:
        return []
    profile = metrics.profile
    nid = f'quiet:{stamp(profile, stretch.since)}'
    if not gate.allowed(QUIET, nid, now):
        return []
    body = (f'{stretch.idle} of {profile.chairs} chairs have been free since {clock(profile, stretch.since)} '
            f'({stretch.minutes:.0f} min) with nobody waiting.')
    return gate.raise_(nid, QUIET, 'info', 'Quiet stretch', body, 'Activity panel', now)


def closing_insights(gate: Gate, metrics: Metrics, day: date, now: float) -> list[Notification]:
    """What the day that just closed says, once per day and insight."""
    found = (('weakest_hour', 'Weakest hour', 'Utilization card', lambda: insights.weakest_hour(metrics, day)),
             ('revenue_vs_weekday', f'{day:%A} against past {day:%A}s', 'Revenue chart',
              lambda: insights.revenue_against_weekday(metrics, day, gate.settings.insight_weeks)))
    out = []
    for key, title, action, measure in found:
        nid = f'insight:{day}:{key}'
        if gate.allowed(INSIGHT, nid, now):
            body = measure()
            if body is None:
                gate.fired.add(nid)  # nothing to say of this day: don't ask again each tick
            else:
                out += gate.raise_(nid, INSIGHT, 'info', title, body, action, now)
    return out
