"""How figures read in a notification: the same money and clock formats as the dashboard."""
from datetime import date

from ..profile import ShopProfile


def money(amount: float) -> str:
    return f'${amount:,.0f}'


def clock(profile: ShopProfile, at: float) -> str:
    return f'{profile.local(at):%H:%M}'


def day_label(day: date) -> str:
    return f'{day:%a} {day.day} {day:%b}'


def weekday_plural(day: date) -> str:
    return f'{day:%A}s'


def plural(count: int, word: str) -> str:
    return f'{count} {word}{"s" * (count != 1)}'


def stamp(profile: ShopProfile, at: float) -> str:
    """A minute of local time, as ids of clock rules carry it."""
    return f'{profile.local(at):%Y-%m-%dT%H:%M}'
