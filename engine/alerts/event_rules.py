"""Rules raised by one event: reviews, no-shows, booking milestones, the daily revenue goal."""
from datetime import date, timedelta

from ..events import Booked, NoShow, Reviewed, ServiceCompleted, WalkedOut
from ..metrics import Metrics
from ..snapshot import Notification
from ..words import clock, day_label, money, plural
from .gate import Gate
from .model import BOOKING_MILESTONE, FIVE_STAR, LOW_REVIEW, NO_SHOW, REVENUE_GOAL, WALK_OUT


def review(gate: Gate, metrics: Metrics, e: Reviewed, name: str) -> list[Notification]:
    """A 5-star review to enjoy or a 2-star-or-less one to answer, quoted, with the day's satisfaction."""
    if 2 < e.stars < 5:
        return []
    kind, rule = (FIVE_STAR, 'five_star') if e.stars == 5 else (LOW_REVIEW, 'low_review')
    nid = f'{rule}:{e.customer}'
    if not gate.allowed(kind, nid, e.at):
        return []
    tally = metrics.tally(metrics.day_of(e.at))
    reviews, stars = int(tally.reviews.at(e.at)), tally.stars.at(e.at)
    given = '' if e.stars == 5 else f'{e.stars} ★, '
    body = (f'"{e.text}" ({name}, {given}served by {e.barber}). '
            f'{plural(reviews, "review")} today, {stars / reviews:.2f} ★ average.')
    if e.stars == 5:
        return gate.raise_(nid, kind, 'success', 'New 5-star review', body, 'Satisfaction card', e.at)
    return gate.raise_(nid, kind, 'warning', f'{e.stars}-star review', body, 'Satisfaction card', e.at)


def no_show(gate: Gate, metrics: Metrics, e: NoShow, booking: Booked | None, that_day: int) -> list[Notification]:
    """Who missed which slot, and how many did that day."""
    nid = f'no_show:{e.customer}'
    if not gate.allowed(NO_SHOW, nid, e.at):
        return []
    name = booking.name if booking is not None else 'A booked customer'
    slot = booking.appointment_at if booking is not None else e.at
    service = f' ({booking.service})' if booking is not None else ''
    body = (f'{name} missed the {clock(metrics.profile, slot)} appointment{service}. '
            f'{plural(that_day, "no-show")} on {day_label(metrics.day_of(slot))}.')
    return gate.raise_(nid, NO_SHOW, 'info', f'No-show: {name}', body, 'Bookings card', e.at)


def _reached(gate: Gate, thresholds: tuple[int, ...], count: int, prefix: str, at: float) -> tuple[int, str] | None:
    """The highest threshold reached, unless already raised (then the lower ones were passed before it)."""
    top = max((t for t in thresholds if t <= count), default=None)
    if top is None:
        return None
    nid = f'{prefix}:{top}'
    return (top, nid) if gate.allowed(BOOKING_MILESTONE, nid, at) else None


def day_milestone(gate: Gate, metrics: Metrics, e: Booked, day: date, count: int) -> list[Notification]:
    hit = _reached(gate, gate.settings.booking_milestones_day, count, f'booking_day:{day}', e.at)
    if hit is None:
        return []
    body = (f'{day_label(day)} now has {count} appointments on the book, net of cancellations. '
            f'Latest: {e.name}, {e.service} at {clock(metrics.profile, e.appointment_at)}.')
    return gate.raise_(hit[1], BOOKING_MILESTONE, 'success', f'{hit[0]} bookings for {day_label(day)}', body,
                       'Bookings card', e.at)


def week_milestone(gate: Gate, e: Booked, day: date, count: int) -> list[Notification]:
    year, week, _ = day.isocalendar()
    hit = _reached(gate, gate.settings.booking_milestones_week, count, f'booking_week:{year}-W{week:02d}', e.at)
    if hit is None:
        return []
    monday = day - timedelta(days=day.weekday())
    body = f'The week of {day_label(monday)} (week {week}) now has {count} appointments booked, net of cancellations.'
    return gate.raise_(hit[1], BOOKING_MILESTONE, 'success', f'{hit[0]} bookings in week {week}', body,
                       'Bookings card', e.at)


def revenue_goal(gate: Gate, metrics: Metrics, e: ServiceCompleted) -> list[Notification]:
    goal = metrics.profile.daily_revenue_goal
    day = metrics.day_of(e.at)
    tally = metrics.days[day]
    revenue = tally.revenue.at(e.at)
    if revenue < goal:
        return []
    nid = f'revenue_goal:{day}'
    if not gate.allowed(REVENUE_GOAL, nid, e.at):
        return []
    body = (f'Revenue reached {money(revenue)} at {clock(metrics.profile, e.at)}, past the {money(goal)} daily goal, '
            f'with {plural(int(tally.ends.at(e.at)), "service")} done.')
    return gate.raise_(nid, REVENUE_GOAL, 'success', 'Daily revenue goal met', body, 'Revenue card', e.at)


def walk_out(gate: Gate, metrics: Metrics, e: WalkedOut, name: str, waited: float, that_day: int) -> list[Notification]:
    """A walk-in who gave up waiting: revenue lost at the door."""
    nid = f'walk_out:{e.customer}'
    if not gate.allowed(WALK_OUT, nid, e.at):
        return []
    body = (f'{name} left after waiting {waited / 60:.0f} min without being served. '
            f'{plural(that_day, "walk-in")} lost on {day_label(metrics.day_of(e.at))}.')
    return gate.raise_(nid, WALK_OUT, 'warning', 'A walk-in left', body, 'Activity panel', e.at)
