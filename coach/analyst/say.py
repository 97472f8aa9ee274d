"""Figures and periods in the analyst's words: the number first, then what it is compared with."""
from __future__ import annotations

from engine.analytics import FIGURES

from ..figures import show

NOUNS = {'visits': 'visits', 'new_clients': 'new clients', 'returning_clients': 'returning clients',
         'clients': 'clients', 'bookings': 'bookings', 'bookings_made': 'bookings made', 'appointments_due':
         'appointments due', 'cancellations': 'cancellations', 'late_cancellations': 'late cancellations',
         'no_shows': 'no-shows', 'check_ins': 'check-ins', 'walk_ins': 'walk-ins', 'walk_outs': 'walk-outs',
         'waits': 'waits', 'reviews': 'reviews'}
GROUP_NOUNS = {'barber': 'barbers', 'service': 'services', 'weekday': 'weekdays', 'hour': 'hours', 'day': 'days'}


def label(figure: str) -> str:
    """'revenue', 'the no-show rate', 'the average ticket': a figure's name inside a sentence."""
    text = FIGURES[figure].label
    lower = text[0].lower() + text[1:]
    if figure in ('revenue', 'service_revenue', 'retail_revenue', 'tips', 'utilization', 'retention_30',
                  'retention_60', 'retention_90') or FIGURES[figure].kind == 'count':
        return lower
    return f'the {lower}'


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def value(figure: str, number) -> str:
    return show(FIGURES[figure].kind, number)


def when(phrase: str, covered: dict | None) -> str:
    """The period as the question named it, with the dates it covered: 'yesterday (Monday 23 November 2026)',
    'in October 2026', 'from 9 to 15 November 2026'."""
    if covered is None:
        return phrase or 'in that period'
    dates = covered['dates']
    if phrase.startswith('in ') and phrase[3:].split()[0].lower() == dates.split()[0].lower():
        return f'in {dates}'
    if phrase:
        return f'{phrase} ({dates})'
    if covered['days'] == 1:
        return f'on {dates}'
    return f'in {dates}' if dates.split()[0].isalpha() else f'from {dates}'


def change(figure: str, now, before) -> str:
    """'up $360 (3.2%)', 'down 2 (4%)', 'up 1.2 points', 'unchanged'."""
    if now is None or before is None:
        return ''
    kind = FIGURES[figure].kind
    difference = now - before
    if abs(difference) < 1e-9:
        return 'unchanged'
    word = 'up' if difference > 0 else 'down'
    if kind == 'share':
        return f'{word} {abs(difference) * 100:.1f} points'
    amount = show(kind, abs(difference)) if kind != 'rating' else f'{abs(difference):.2f} stars'
    percent = f' ({abs(difference) / before:.1%})' if before else ''
    return f'{word} {amount}{percent}'


def listing(items: list[str]) -> str:
    if len(items) <= 1:
        return ''.join(items)
    return ', '.join(items[:-1]) + f' and {items[-1]}'
