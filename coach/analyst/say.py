"""Figures and periods in the analyst's words: the number first, then what it is compared with."""
from __future__ import annotations

import re

from engine.analytics import FIGURES
from engine.words import spoken

NOUNS = {'visits': 'visits', 'new_clients': 'new clients', 'returning_clients': 'returning clients',
         'clients': 'clients', 'bookings': 'bookings', 'bookings_made': 'bookings made', 'appointments_due':
         'appointments due', 'cancellations': 'cancellations', 'late_cancellations': 'late cancellations',
         'no_shows': 'no-shows', 'check_ins': 'check-ins', 'walk_ins': 'walk-ins', 'walk_outs': 'walk-outs',
         'waits': 'waits', 'reviews': 'reviews'}
GROUP_NOUNS = {'barber': 'barbers', 'service': 'services', 'weekday': 'weekdays', 'hour': 'hours', 'day': 'days'}


LABELS = {'rebooking_rate': 'rebooking rate', 'late_cancel_rate': 'late-cancellation rate', 'walk_ins_lost':
          'share of walk-ins lost', 'retail_attachment': 'retail attachment rate', 'rating': 'average rating',
          'utilization': 'chair utilization'}


def label(figure: str, article: bool = True) -> str:
    """'revenue', 'the no-show rate', 'the average ticket': a figure's name inside a sentence."""
    text = LABELS.get(figure, FIGURES[figure].label)
    if not article:
        return text[0].lower() + text[1:]
    lower = text[0].lower() + text[1:]
    if figure in ('revenue', 'service_revenue', 'retail_revenue', 'tips', 'retention_30', 'retention_60',
                  'retention_90') or FIGURES[figure].kind == 'count':
        return lower
    return f'the {lower}'


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def value(figure: str, number) -> str:
    return spoken(FIGURES[figure].kind, number)


def when(phrase: str, covered: dict | None) -> str:
    """The period as the question named it, with the dates it covered: 'yesterday (Monday 23 November 2026)',
    'in October 2026', 'from 9 to 15 November 2026'."""
    phrase = _names_capitalised(phrase)
    if covered is None:
        return phrase or 'in that period'
    dates = covered['dates']
    if phrase.startswith('in ') and phrase[3:].split()[0].lower() == dates.split()[0].lower():
        return f'in {dates}'
    if phrase.startswith('the same day'):
        phrase = f'on {phrase}'
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
    amount = spoken(kind, abs(difference)) if kind != 'rating' else f'{abs(difference):.2f} stars'
    percent = f' ({abs(difference) / before:.1%})' if before else ''
    return f'{word} {amount}{percent}'


def _names_capitalised(phrase: str) -> str:
    return re.sub(r'\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|'
                  r'july|august|september|october|november|december)\b', lambda m: m.group(1).capitalize(), phrase)


def day_key(key: str) -> str:
    """A day row's key ('2026-11-21 (Saturday)') as words: its weekday first, 'Saturday (21 November)'."""
    match = re.match(r'(\d{4})-(\d{2})-(\d{2}) \((\w+)\)', str(key))
    if not match:
        return str(key)
    months = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
              'November', 'December')
    return f'{match[4]} ({int(match[3])} {months[int(match[2]) - 1]})'


def listing(items: list[str]) -> str:
    if len(items) <= 1:
        return ''.join(items)
    return ', '.join(items[:-1]) + f' and {items[-1]}'
