"""The analyst's rankings and breakdowns: who or what was first (or last) by a figure, and every group's figure."""
from __future__ import annotations

from engine.analytics import FIGURES

from ..tools import Toolbox, canonical
from .answers import _cannot, _join
from .say import GROUP_NOUNS, capital, day_key, label, listing, value, when
from .understand import Intent


async def best_answer(intent: Intent, box: Toolbox) -> str:
    figure, by = intent.figure, intent.by or 'barber'
    if by not in FIGURES[figure].groupings:
        figure = 'visits' if by in FIGURES['visits'].groupings else figure
    n = max(intent.n, 4)
    call = await box.call('rank', {'figure': figure, 'by': by, 'period': canonical(intent.period), 'n': n,
                                   'order': intent.order})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    rows = r.get('rows') or []
    period = when(intent.phrase, r['covered'])
    if not rows:
        return _join([f'There is no {label(figure)} to rank {period}.'])
    kind = FIGURES[figure].kind
    most = ('the most' if intent.order == 'top' else 'the fewest') if kind == 'count' else \
        ('the highest' if intent.order == 'top' else 'the lowest')
    rows = [row | {'key': day_key(row['key'])} for row in rows]
    shown = [f'{row["key"]} ({row["text"]})' for row in rows]
    if intent.n > 1:
        head = f'The {"top" if intent.order == "top" else "bottom"} {min(intent.n, len(rows))} {GROUP_NOUNS[by]} by ' \
               f'{label(figure)} {period} were {listing(shown[:intent.n])}.'
        rest = shown[intent.n:]
    else:
        first = rows[0]
        head = f'{first["key"]} had {most} {label(figure, article=False)} of the {GROUP_NOUNS[by]} {period}: ' \
               f'{first["text"]}.'
        rest = shown[1:]
    lines = [head]
    if rest:
        total = f'; {value(figure, r["total"]["value"])} in all' if 'share' in rows[0] else ''
        lines.append(f'{"Then" if intent.order == "top" else "Above them"}: {listing(rest)}{total}.')
    return _join(lines)


async def breakdown_answer(intent: Intent, box: Toolbox) -> str:
    figure, by = intent.figure, intent.by or 'barber'
    call = await box.call('rank', {'figure': figure, 'by': by, 'period': canonical(intent.period), 'n': 31})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    rows = r.get('rows') or []
    period = when(intent.phrase, r['covered'])
    if not rows:
        return _join([f'There is no {label(figure)} {period}.'])
    shown = [f'{day_key(row["key"])} {row["text"]}' for row in rows]
    return _join([f'{capital(label(figure))} by {by} {period}: {listing(shown)}.',
                  f'In all: {r["total"]["text"]}.' if r.get('total') else ''])
