"""The shop's live figures in words, formatted as the dashboard shows them, for the prompt and the offline coach."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.snapshot import Snapshot

_NUMBER = re.compile(r'\d[\d,]*(?:\.\d+)?')


def money(value: float) -> str:
    return f'${value:,.0f}'


def show(kind: str, value: float | int | None) -> str:
    """A figure of any kind (engine.analytics.FIGURES[name].kind) as the coach says it."""
    if value is None:
        return 'no data'
    if kind == 'money':
        return f'${value:,.0f}' if abs(value) >= 100 or value == int(value) else f'${value:,.2f}'
    if kind == 'count':
        return f'{value:,.0f}'
    if kind == 'share':
        percent = value * 100
        return f'{percent:.1f}%' if abs(percent) < 10 and round(percent, 1) != round(percent) else f'{percent:.0f}%'
    if kind == 'rating':
        return f'{value:.1f} stars'
    if kind == 'minutes':
        return f'{value:.1f} minutes' if value < 10 else f'{value:.0f} minutes'
    return f'{value:,}'


def change(trend: float | None) -> str:
    """A trend as '+12%' or '-4%'; trends are percentages from Snapshot.trend."""
    return 'no comparison' if trend is None else f'{trend:+.0f}%'


def stars(value: float | None) -> str:
    return 'no reviews' if value is None else f'{value:.2f} ★'


def share(value: float | None) -> str:
    return 'not measured yet' if value is None else f'{value:.0%}'


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
