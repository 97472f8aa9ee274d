"""What the engine can apply: every field of an event of its type and inside a window that its dates and sums handle.

A time outside EARLIEST..LATEST has no local date the engine can work with (a year past 9999 raises deep inside a
figure), and an amount outside 0..MAX_AMOUNT or a text longer than MAX_TEXT is a mistake, not a sale or a name. The
API checks more closely (known barbers, times near now); this is the engine's own last line, checked for a whole batch
before any of it is applied (ShopEngine.apply_all).
"""
from collections.abc import Callable
from dataclasses import fields
from functools import cache

from .events import Event

EARLIEST = 946684800.0  # 2000-01-01 UTC: earlier is a mistake, such as a time in days
LATEST = 4102444800.0  # 2100-01-01 UTC: later is a mistake, such as a time in milliseconds
MAX_AMOUNT = 100_000.0  # one service, tip or retail sale
MAX_TEXT = 2000  # characters of any text: ids, names, a review
RANGES = {'at': (EARLIEST, LATEST), 'appointment_at': (EARLIEST, LATEST), 'price': (0.0, MAX_AMOUNT),
          'tip': (0.0, MAX_AMOUNT), 'retail': (0.0, MAX_AMOUNT), 'stars': (1, 5)}


def problems(event: Event) -> list[tuple[str, str]]:
    """(field, what is wrong with it) for each field the engine could not apply; empty when the event is fine."""
    found = []
    for name, check in _checks(type(event)):
        problem = check(getattr(event, name))
        if problem is not None:
            found.append((name, problem))
    return found


@cache
def _checks(cls: type[Event]) -> tuple[tuple[str, Callable[[object], str | None]], ...]:
    """One check per field, made once per kind of event from the field's type (events are applied by the thousand)."""
    return tuple((spec.name, _check(spec.name, spec.type)) for spec in fields(cls))


def _check(name: str, kind: object) -> Callable[[object], str | None]:
    if kind in (str, str | None):
        optional, text = kind is not str, f'is not a text of at most {MAX_TEXT:,} characters'
        return lambda value: None if value is None and optional or type(value) is str and len(value) <= MAX_TEXT \
            else text
    if kind is bool:
        return lambda value: None if type(value) is bool else 'is not true or false'
    low, high = RANGES.get(name, (-MAX_AMOUNT, MAX_AMOUNT))
    types = (int,) if kind is int else (int, float)  # type(), not isinstance(): True is no number
    return lambda value: None if type(value) in types and low <= value <= high else \
        f'is {value!r:.30}, not a number from {low:,} to {high:,}'  # NaN is neither above nor below
