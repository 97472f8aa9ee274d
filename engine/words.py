"""Figures in words: how a number reads on the dashboard, the kiosk, in a notification and to the coach.

Every screen and message puts figures into words through this module only, so the same figure reads the same
everywhere. None means there is nothing to show (no review yet, a day not open yet): each function says so in its
own way rather than showing a made-up zero.
"""
from datetime import date

from .profile import ShopProfile

NOTHING = '–'  # a figure that cannot be worked out yet


def money(amount: float) -> str:
    """$1,234: whole dollars, as the cards show them."""
    return f'${amount:,.0f}'


def money_cents(amount: float | None) -> str:
    """$38.25: an average of amounts, where the cents tell."""
    return NOTHING if amount is None else f'${amount:,.2f}'


def count(number: int) -> str:
    return f'{number:,}'


def percent(share: float | None, nothing: str = NOTHING) -> str:
    """A share (0..1) as 34%."""
    return nothing if share is None else f'{share:.0%}'


def stars(rating: float | None, places: int = 2, nothing: str = NOTHING) -> str:
    return nothing if rating is None else f'{rating:.{places}f} ★'


def minutes(value: float | None, nothing: str = NOTHING) -> str:
    return nothing if value is None else f'{value:.0f} min'


def change(percent_change: float | None, nothing: str = 'no comparison') -> str:
    """A change in percent (12.0: up 12%) as +12%."""
    return nothing if percent_change is None else f'{percent_change:+.0f}%'


def figure(kind: str, value: float | None) -> str:
    """Any figure by its kind (engine.analytics.FIGURES): money, count, share, rating or minutes."""
    if value is None:
        return NOTHING
    return {'money': money, 'count': lambda v: count(round(v)), 'share': percent, 'rating': stars,
            'minutes': minutes}[kind](value)


def spoken(kind: str, value: float | None) -> str:
    """A figure as the coach says it in a sentence: units in words and a decimal where it tells (4.2 stars, 7.5%)."""
    if value is None:
        return 'no data'
    if kind == 'money':
        return f'${value:,.0f}' if abs(value) >= 100 or value == int(value) else f'${value:,.2f}'
    if kind == 'count':
        return f'{value:,.0f}'
    if kind == 'share':
        share = value * 100
        return f'{share:.1f}%' if abs(share) < 10 and round(share, 1) != round(share) else f'{share:.0f}%'
    if kind == 'rating':
        return f'{value:.1f} stars'
    if kind == 'minutes':
        return f'{value:.1f} minutes' if value < 10 else f'{value:.0f} minutes'
    return f'{value:,}'


def plural(number: int, word: str) -> str:
    return f'{number} {word}{"s" * (number != 1)}'


def clock(profile: ShopProfile, at: float) -> str:
    """A time of day, on the shop's clock: 14:05."""
    return f'{profile.local(at):%H:%M}'


def day_label(day: date) -> str:
    """Tue 24 Nov."""
    return f'{day:%a} {day.day} {day:%b}'


def long_day(day: date) -> str:
    """Tuesday 24 November."""
    return f'{day:%A} {day.day} {day:%B}'


def weekday_plural(day: date) -> str:
    return f'{day:%A}s'


def stamp(profile: ShopProfile, at: float) -> str:
    """A minute of local time, as ids of clock rules carry it."""
    return f'{profile.local(at):%Y-%m-%dT%H:%M}'


def signed(kind: str, value: float | None) -> str:
    """A difference as the coach says it, its sign first: +$72, -$19, +1.9, -0.6 minutes, +3 points (a share)."""
    if value is None:
        return 'no data'
    sign = '+' if value > 0 else '-' if value < 0 else '±'
    if kind == 'share':
        return f'{sign}{abs(value) * 100:.1f} points'
    if kind == 'count':
        return f'{sign}{abs(value):,.1f}' if abs(value) < 10 and round(value, 1) != round(value) else \
            f'{sign}{abs(value):,.0f}'
    if kind == 'minutes':
        return f'{sign}{abs(value):.1f} minutes'
    return sign + spoken(kind, abs(value))


def likely_close(expected: float, low: float, high: float) -> str:
    """Where today's revenue will land, with its 80% interval: likely to close at $1,480 ($1,390–$1,560)."""
    return f'likely to close at {money(expected)} ({money(low)}–{money(high)})'


def amount(kind: str, value: float, signed: bool = False) -> str:
    """A what-if's figure (money, count, minutes or share) or, `signed`, its difference: $11,319 or +$72, 4.3 or -1.9
    (a week's average count, to a tenth), 6.2 min or -0.6 min, 71% or +2.1 points (a share's, in percentage points)."""
    sign = ('+' if value >= 0 else '-') if signed else ('-' if value < 0 else '')
    size = abs(value)
    if kind == 'money':
        return f'{sign}${size:,.0f}'
    if kind == 'share':
        return f'{sign}{size * 100:.1f} points' if signed else f'{sign}{size:.0%}'
    if kind == 'minutes':
        return f'{sign}{size:.1f} min'
    return f'{sign}{size:,.1f}'


def ranged(kind: str, middle: float, low: float, high: float, signed: bool = False) -> str:
    """A figure over simulated futures, the middle one and the lowest to the highest: +$72 (+$19 to +$133)."""
    return f'{amount(kind, middle, signed)} ({amount(kind, low, signed)} to {amount(kind, high, signed)})'
