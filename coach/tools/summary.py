"""A tool call in words, as the chat shows it under an answer: the tool, the figure, the period with its dates, and
the result; small enough to store with the answer (the full result is not kept)."""
from __future__ import annotations

from .toolbox import ToolCall

TITLES = {'figures': 'Figures', 'compare': 'Comparison', 'rank': 'Ranking', 'explain_change': 'Change explained',
          'floor_now': 'The floor now', 'notifications': 'Notifications', 'search_knowledge': 'Knowledge search',
          'forecast': 'Forecast', 'what_if': 'What-if'}


def summary(call: ToolCall) -> dict:
    """{'tool', 'title', 'figure', 'period', 'result', 'ok'}: each a line of words ('' where it does not apply)."""
    r, args = call.result, call.arguments if isinstance(call.arguments, dict) else {}
    out = {'tool': call.name, 'title': TITLES.get(call.name, call.name), 'figure': '', 'period': '', 'result': '',
           'ok': call.ok}
    if not call.ok:
        return out | {'result': r.get('error', 'failed')}
    said = _SAY.get(call.name)
    return out | (said(args, r) if said else {})


def _dates(period: dict | None) -> str:
    if not period:
        return ''
    name = period.get('name')
    return f'{name}: {period["dates"]}' if name and name != period['dates'] else period['dates']


def _figures(args: dict, r: dict) -> dict:
    figures = r.get('figures') or {}
    scope = r.get('barber') or r.get('service')
    label = ', '.join(f['label'] for f in figures.values()) or ', '.join(args.get('figures', []))
    result = '; '.join(f'{f["label"]} {f["text"]}' for f in figures.values()) or r.get('note', '')
    if rows := r.get('rows'):
        result += f' ({len(rows)} rows by {args.get("by")})'
    return {'figure': label + (f' ({scope})' if scope else ''), 'period': _dates(r.get('covered') or r.get('period')),
            'result': result}


def _compare(args: dict, r: dict) -> dict:
    this, other = r['this'], r['other']
    moved = f', {r["difference_text"]}' if r.get('difference_text') else ''
    return {'figure': r['label'], 'period': f'{_dates(this["period"])} against {_dates(other["period"])}',
            'result': f'{this["text"]} against {other["text"]}{moved}'}


def _rank(args: dict, r: dict) -> dict:
    rows = ', '.join(f'{row["rank"]}. {row["key"]} {row["text"]}' for row in r.get('rows', []))
    return {'figure': f'{r["label"]} by {r["by"]} ({r["order"]})', 'period': _dates(r.get('covered')),
            'result': rows or r.get('note', '')}


def _explain(args: dict, r: dict) -> dict:
    result = r.get('difference_text') or r.get('note', '')
    if 'text' in r['this']:
        result = f'{r["this"]["text"]} against {r["other"]["text"]}, {result}'
    return {'figure': r['label'], 'period': f'{_dates(r["this"]["period"])} against {_dates(r["other"]["period"])}',
            'result': result}


def _floor(args: dict, r: dict) -> dict:
    return {'period': r['at'], 'result': f'{r["status"]}; {r["busy_chairs"]} chairs busy, {r["waiting"]} waiting'}


def _notifications(args: dict, r: dict) -> dict:
    return {'result': '; '.join(n['title'] for n in r['notifications']) or 'none'}


def _search(args: dict, r: dict) -> dict:
    return {'figure': f'"{r["query"]}"', 'result': f'{len(r["passages"])} passages' if r['passages'] else r['note']}


def _forecast(args: dict, r: dict) -> dict:
    return {'figure': 'Revenue and visits', 'period': _dates(r['period']),
            'result': f'revenue {r["revenue"]["text"]} (80% range {r["revenue"]["range"]}), visits '
                      f'{r["visits"]["text"]} ({r["visits"]["range"]}); {r["taken"]["revenue_text"]} taken so far'}


def _what_if(args: dict, r: dict) -> dict:
    change = r['figures']['revenue']['change']
    return {'figure': '; '.join(_change(c) for c in r['changes']),
            'period': f'{r["weeks"]} weeks from {r["from"]}, {r["futures"]} simulated futures',
            'result': f'revenue {change["text"]} a week (range {change["range"]})'}


def _change(change: dict) -> str:
    return change['kind'].replace('_', ' ') + ': ' + ', '.join(
        f'{key} {", ".join(value) if isinstance(value, list) else value}' for key, value in change.items()
        if key not in ('kind', 'was'))


_SAY = {'figures': _figures, 'compare': _compare, 'rank': _rank, 'explain_change': _explain, 'floor_now': _floor,
        'notifications': _notifications, 'search_knowledge': _search, 'forecast': _forecast, 'what_if': _what_if}
