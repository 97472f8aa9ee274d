"""Answers about what is ahead, through the forecast and what_if tools: the expected figure and its 80% range first;
for a what-if, the change in revenue with its range over the simulated futures, then the other figures and the
assumptions the result rests on."""
from __future__ import annotations

from ..tools import Toolbox
from .answers import _cannot, _join
from .say import capital, listing
from .understand import Intent

LANDS = {'today': 'is likely to close at', 'this_week': 'is likely to land at', 'this_month': 'is likely to land at',
         'next_7_days': 'are likely to bring'}
OTHERS = ('visits', 'walk_outs', 'average_wait', 'utilization')


async def forecast_answer(intent: Intent, box: Toolbox) -> str:
    call = await box.call('forecast', {'period': intent.ahead})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    period, taken = r['period'], r['taken']
    figure, other = ('visits', 'revenue') if intent.figure == 'visits' else ('revenue', 'visits')
    noun = {'revenue': 'in revenue', 'visits': 'visits'}
    head = f'{period["name"]} ({period["dates"]}) {LANDS[intent.ahead]} {_with_range(r[figure])} {noun[figure]}, ' \
           f'with 8 chances in 10 of falling in that range.'
    if intent.ahead == 'today':
        so_far = f'{capital(taken["revenue_text"])} is taken so far; the rest is what the same weekdays took after ' \
                 f'this hour, moved by the appointments still on the book.'
    elif intent.ahead == 'next_7_days':
        so_far = f'Of it, {taken["revenue_text"]} is taken today so far; the rest is the forecast of the ' \
                 f'{r["days_left"]} open days, moved by the bookings already on the book.'
    else:
        so_far = f'{capital(taken["revenue_text"])} is taken so far; the rest is the forecast of the ' \
                 f'{r["days_left"]} open days left (today included), moved by the bookings on the book.'
    lines = [head, so_far, f'{capital(noun[other].replace("in ", ""))}: {_with_range(r[other])}.']
    lines += r['notes']
    return _join(lines)


async def what_if_answer(intent: Intent, box: Toolbox) -> str:
    call = await box.call('what_if', {'changes': list(intent.changes)})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    revenue = r['figures']['revenue']
    futures = f'{r["futures"]} simulated futures of {r["weeks"]} weeks'
    head = f'{capital(describe(r["changes"]))} would change revenue by {revenue["change"]["text"]} a week ' \
           f'(range {revenue["change"]["range"]} over {futures}): {revenue["before"]["text"]} a week as the shop is, ' \
           f'{revenue["after"]["text"]} with the change.'
    rest = [f'- {r["figures"][name]["label"]}: {_changed(r["figures"][name])}' for name in OTHERS]
    lines = [head, 'The other figures, change (range over the futures):\n' + '\n'.join(rest),
             '**Assumptions**\n' + '\n'.join(f'- {line}' for line in r['assumptions']),
             'For a longer run (more weeks and futures), try it on the Plan page.']
    return _join(lines)


def describe(changes: list[dict]) -> str:
    """The changes in words: 'adding a barber on Saturdays', 'Haircut at $38.50 instead of $35'."""
    said = []
    prices = [c for c in changes if c['kind'] == 'price']
    for change in changes:
        kind = change['kind']
        if kind == 'add_barber':
            said.append(f'adding a barber {_days(change["weekdays"])}')
        elif kind == 'remove_barber':
            said.append(f'taking {change["name"]} off {_days(change.get("weekdays"))}')
        elif kind == 'hours':
            day = f'{change["weekday"]}s'
            said.append(f'opening on {day} {change["opens"]}-{change["closes"]}' if change.get('opens')
                        else f'closing on {day}')
        elif kind == 'rebooking':
            said.append(f'rebooking {change["rate"]:.0%} of visits at checkout')
    if prices:
        said.append('the price of ' + listing([f'{c["service"]} at ${c["price"]:,.2f} instead of ${c["was"]:,.2f}'
                                               for c in prices]))
    return listing(said)


def _days(weekdays: list[str] | None) -> str:
    if not weekdays or len(weekdays) == 7:
        return 'every day'
    return 'on ' + listing([f'{day.capitalize()}s' for day in weekdays])


def _with_range(figure: dict) -> str:
    return f'{figure["text"]} (range {figure["range"]})'


def _changed(figure: dict) -> str:
    unit = ' a week' if figure['unit'].endswith('a week') else ''
    return f'{figure["change"]["text"]}{unit} ({figure["change"]["range"]})'
