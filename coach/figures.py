"""The shop's live figures in words, formatted as the dashboard shows them, for the prompt and the offline coach."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from engine import words
from engine.words import change, money

if TYPE_CHECKING:
    from engine.snapshot import Snapshot

_NUMBER = re.compile(r'\d[\d,]*(?:\.\d+)?')


def stars(value: float | None) -> str:
    return words.stars(value, nothing='no reviews')


def share(value: float | None) -> str:
    return words.percent(value, nothing='not measured yet')


def describe(s: Snapshot) -> dict[str, str]:
    """One sentence per figure, keyed by name; every number is the snapshot's own, nothing estimated."""
    when = 'today' if s.day_is_today else f'on {s.day:%A %-d %B} (the last open day)'
    last = f'last {s.day:%A}'
    t, w = s.today, s.last_week
    lines = {
        'shop': f'{s.shop_name} · {s.status} · figures {when}, compared with the same time {last}.',
        'revenue': f'Revenue {when}: {money(t.revenue)} ({change(s.trend("revenue"))} vs {money(w.revenue)} {last}).',
        'tips': f'Tips: {money(t.tips)} ({money(w.tips)} {last}); tips go to the barbers, not into revenue.',
        'bookings': f'Bookings: {t.bookings} ({change(s.trend("bookings"))} vs {w.bookings} {last}).',
        'satisfaction': f'Satisfaction: {stars(t.satisfaction)} from {t.reviews} review{"s" * (t.reviews != 1)} '
                        f'({stars(w.satisfaction)} {last}).',
        'utilization': f'Chair utilization: {share(t.utilization)} ({share(w.utilization)} {last}); '
                       f'{s.busy_chairs} of {len(s.chairs)} chairs busy now.',
    }
    if s.is_open:
        wait = 'no services started in the last hour' if s.avg_wait_minutes is None \
            else f'average wait {s.avg_wait_minutes:.0f} min over the last hour'
        lines['floor'] = f'In the shop now: {s.customers_in_shop} customers, {s.waiting} waiting; {wait}; ' \
                         f'{"peak hour" if s.is_peak else "not a peak hour"}.'
    else:
        lines['floor'] = f'The shop is closed now ({s.status}).'
    if t.services:
        done = ', '.join(f'{name} {count}' for name, count in sorted(t.services.items(), key=lambda i: -i[1]))
        lines['services'] = f'Services completed {when}: {done}.'
    return lines


def figures_text(s: Snapshot | None) -> str:
    if s is None:
        return 'No live figures are available.'
    return '\n'.join(f'- {line}' for line in describe(s).values())


def numbers_in(text: str, digits: int = 2) -> frozenset[str]:
    """The numbers of a text with at least `digits` digits (by default not single digits, which any sentence may
    contain)."""
    found = (n.replace(',', '') for n in _NUMBER.findall(text))
    return frozenset(n for n in found if len(n.replace('.', '')) >= digits)
