"""The analyst's answers at a glance: how a period went, who is in the chairs now, the latest notifications."""
from __future__ import annotations

from ..figures import describe
from ..tools import Toolbox, canonical
from .answers import _advice, _before_words, _cannot, _join, _no_history, _partial, _with
from .say import change, listing, value, when
from .understand import Intent


async def overview_answer(intent: Intent, box: Toolbox, question: str) -> str:
    context = box.context
    snapshot = context.snapshot
    today = intent.period is not None and intent.period.start == intent.period.end == context.today
    if snapshot is not None and (today or intent.period is None or not box.has('figures')):
        lines = describe(snapshot)
        order = ('revenue', 'bookings', 'satisfaction', 'utilization', 'tips', 'floor', 'services')
        return _join([_join([lines[key] for key in order if key in lines]).replace('\n\n', '\n'),
                      await _advice(box, question, given_only=True)])
    names = ['revenue', 'visits', 'average_ticket', 'new_clients', 'rating', 'reviews', 'no_show_rate']
    call = await box.call('figures', {'figures': names, 'period': canonical(intent.period)})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    if 'figures' not in r:
        return _no_history(intent, r)
    f = r['figures']
    period = when(intent.phrase, r['covered'])
    revenue = f['revenue']
    moved = change('revenue', revenue['value'], revenue['previous'])
    before = _with(_before_words(intent.period, r['compared_with']['previous'], _partial(intent, r['covered'])),
                   value('revenue', revenue['previous']))
    head = f'Revenue {period} was {revenue["text"]}' + (f', {moved} on {before}' if moved else '') + '.'
    rating = f'a rating of {f["rating"]["text"]} from {f["reviews"]["text"]} reviews' if f['rating']['value'] \
        else 'no reviews'
    return _join([head, f'{f["visits"]["text"]} visits at an average ticket of {f["average_ticket"]["text"]}; '
                        f'{f["new_clients"]["text"]} new clients; {rating}; a no-show rate of '
                        f'{f["no_show_rate"]["text"]}.', await _advice(box, question, given_only=True)])


async def floor_answer(box: Toolbox) -> str:
    call = await box.call('floor_now')
    if not call.ok:
        return _cannot(call.result['error'])
    f = call.result
    if not f['open']:
        return _join([f'The shop is closed now ({f["status"]}), so nobody is in the chairs.'])
    chairs = len(f['chairs'])
    waiting = f['waiting']
    busy = f['busy_chairs']
    head = f'Right now ({f["at"]}) {busy} of {chairs} chairs {"is" if busy == 1 else "are"} busy and {waiting} ' \
           f'{"person is" if waiting == 1 else "people are"} waiting.'
    seats = [f'{c["barber"]}: {c["client"]}, {c["service"]}, {c["minutes_left"]} min left' if c['client']
             else f'{c["barber"]}: free' for c in f['chairs']]
    lines = [head, f'{"; ".join(seats)}.']
    if f['queue']:
        lines.append(f'Waiting, first come first: {listing(f["queue"])}'.rstrip('.') + '.')
    if f.get('walk_in_wait_minutes'):
        lines.append(f'A walk-in would wait about {f["walk_in_wait_minutes"]:.0f} minutes.')
    if f['next_appointments']:
        nxt = f['next_appointments'][0]
        lines.append(f'Next appointment: {nxt["client"]} at {nxt["at"][-5:]} ({nxt["service"]}).')
    return _join(lines)


async def notifications_answer(box: Toolbox) -> str:
    call = await box.call('notifications', {'limit': 5})
    if not call.ok:
        return _cannot(call.result['error'])
    found = call.result['notifications']
    if not found:
        return _join(['There are no notifications yet.'])
    first = found[0]
    lines = [f'The latest notification ({first["at"]}): {first["title"]}. {first["body"]}']
    lines += [f'- {n["at"]}: {n["title"]}' for n in found[1:]]
    return _join(lines)
