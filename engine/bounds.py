"""What the engine can apply: every field of an event of its type and inside a window that its dates and sums handle.

A time outside EARLIEST..LATEST has no local date the engine can work with (a year past 9999 raises deep inside a
figure), and an amount outside 0..MAX_AMOUNT or a text longer than MAX_TEXT is a mistake, not a sale or a name. The
API checks more closely (known barbers, times near now); this is the engine's own last line, checked for a whole batch
before any of it is applied (ShopEngine.apply_all).
"""
from dataclasses import fields

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
    for spec in fields(event):
        problem = _problem(spec.name, spec.type, getattr(event, spec.name))
        if problem is not None:
            found.append((spec.name, problem))
    return found


def _problem(name: str, kind: object, value: object) -> str | None:
    if kind in (str, str | None):
        if value is None and kind is not str or isinstance(value, str) and len(value) <= MAX_TEXT:
            return None
        return f'is not a text of at most {MAX_TEXT:,} characters'
    if kind is bool:
        return None if isinstance(value, bool) else 'is not true or false'
    if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not isinstance(value, int)):
        return 'is not a number'
    low, high = RANGES.get(name, (-MAX_AMOUNT, MAX_AMOUNT))
    return None if low <= value <= high else f'is {value!r:.30}, outside {low:,} to {high:,}'  # NaN fails both
