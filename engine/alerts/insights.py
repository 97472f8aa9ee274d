"""What a closed day says, in numbers: its weakest hour, and its revenue against the same weekday of past weeks."""
from datetime import date, timedelta

from ..metrics import DayTally, Metrics
from ..words import clock, money, weekday_plural


def _busy(tally: DayTally, t: float) -> float:
    """Chair-seconds busy up to t, as Metrics counts them for utilization."""
    return (tally.starts.at(t) * t - tally.start_sum.at(t)) - (tally.ends.at(t) * t - tally.end_sum.at(t))


def weakest_hour(metrics: Metrics, day: date) -> str | None:
    """The hour of the day with the least chair time used, against the whole day's utilization."""
    span, tally = metrics.profile.open_span(day), metrics.days.get(day)
    if span is None or tally is None:
        return None
    opens, closes = span
    chairs = metrics.profile.chairs
    day_share = (_busy(tally, closes) - _busy(tally, opens)) / (chairs * (closes - opens))
    hours = []
    t = opens
    while closes - t >= 1800:  # a last part-hour under 30 minutes is not judged alone
        end = min(t + 3600, closes)
        hours.append(((_busy(tally, end) - _busy(tally, t)) / (chairs * (end - t)), t, end))
        t = end
    if len(hours) < 2 or day_share <= 0:
        return None
    share, start, end = min(hours)
    profile = metrics.profile
    return (f'{clock(profile, start)}-{clock(profile, end)} ran at {share:.0%} of chair time, '
            f'against {day_share:.0%} for the day.')


def revenue_against_weekday(metrics: Metrics, day: date, weeks: int) -> str | None:
    """Revenue by closing against the same weekday's mean at the same time over the past `weeks` weeks."""
    profile = metrics.profile
    span = profile.open_span(day)
    if span is None:
        return None
    revenue = metrics.figures(day, span[1]).revenue
    before = []
    for back in range(1, weeks + 1):
        past = day - timedelta(days=7 * back)
        past_span = profile.open_span(past)
        if past_span is not None and past in metrics.days:
            before.append(metrics.figures(past, past_span[1]).revenue)
    if not before or not sum(before):
        return None
    mean = sum(before) / len(before)
    change = (revenue - mean) / mean
    if len(before) == 1:
        against = f"last {day:%A}'s {money(mean)}"
    else:
        against = f'the {money(mean)} average of the last {len(before)} {weekday_plural(day)}'
    if abs(change) < 0.005:
        return f'{day:%A} took {money(revenue)} by closing, in line with {against}.'
    direction = 'above' if change > 0 else 'below'
    return f'{day:%A} took {money(revenue)} by closing, {abs(change):.0%} {direction} {against}.'
