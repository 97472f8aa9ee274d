"""The analyst's answers, one per shape, each from the same tools a model calls: the number first, in the first
sentence, with the dates it covers; then the comparison that gives it meaning; then advice only where it helps."""
from __future__ import annotations

from datetime import timedelta

from engine.analytics import FIGURES

from ..tools import Toolbox, canonical
from ..tools.periods import WEEKDAYS
from .advice import recommendations
from .say import NOUNS, capital, change, label, listing, value, when
from .understand import RATES, Intent

ADVICE_DROP = 0.10  # a fall of 10% or more is worth a word of advice


async def value_answer(intent: Intent, box: Toolbox, question: str) -> str:
    figure = intent.figure
    if figure == 'retention':
        return await _retention(intent, box)
    if intent.barbers and intent.services:
        return await _barber_and_service(intent, box)
    scope = _scope(intent)
    names = [figure] + (['reviews'] if figure == 'rating' else ['no_shows', 'appointments_due']
                        if figure == 'no_show_rate' else [])
    call = await box.call('figures', {'figures': names, 'period': canonical(intent.period), **scope})
    if not call.ok:
        return _cannot(call.result['error'])
    result = call.result
    if 'figures' not in result:
        return _no_history(intent, result)
    this = result['figures'][figure]
    period = when(intent.phrase, result['covered'])
    lines = [_first(intent, figure, this['value'], period) + _detail(figure, result['figures'])]
    if intent.barbers and intent.services:
        lines.append(f'The figures are kept per barber and per service, not for both together, so this counts all '
                     f"of {intent.barbers[0]}'s services, not only {intent.services[0]}.")
    lines.append(await _compared(intent, box, figure, this['value'], result, scope))
    if figure in RATES or (this.get('change') or 0) <= -ADVICE_DROP:
        lines.append(await _advice(box, f'{FIGURES[figure].label} {question}'))
    return _join(lines)


async def compare_answer(intent: Intent, box: Toolbox, question: str) -> str:
    figure = intent.figure
    if len(intent.barbers) > 1 or len(intent.services) > 1:
        return await _compare_groups(intent, box)
    same_part = intent.other is None or _unit_before(intent.period, intent.other)
    against = 'previous' if same_part else canonical(intent.other)
    if intent.other is None and intent.period.days == 1:  # a day against the same weekday a week before
        same_part, against = False, (intent.period.start - timedelta(7)).isoformat()
    call = await box.call('compare', {'figure': figure, 'period': canonical(intent.period), 'against': against,
                                      **_scope(intent)})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    this, other = r['this'], r['other']
    period = when(intent.phrase, this['period'])
    other_when = when(intent.other_phrase or _week_before_words(intent), other['period']) if not same_part else \
        _before_words(intent.period, other['period'], _partial(intent, this['period']))
    head = _first(intent, figure, this['value'], period)
    if other['value'] is None or this['value'] is None:
        return _join([head, f'There is nothing to compare it with {other_when}: the history does not reach it.'])
    moved = change(figure, this['value'], other['value'])
    lines = [f'{head[:-1]}, {moved} on {_with(other_when, value(figure, other["value"]))}.']
    if (r.get('change') or 0) <= -ADVICE_DROP:
        lines.append(await _advice(box, f'{FIGURES[figure].label} down {question}'))
    return _join(lines)


async def why_answer(intent: Intent, box: Toolbox, question: str) -> str:
    figure = intent.figure
    if intent.barbers or intent.services:
        return await compare_answer(intent, box, question)
    against = canonical(intent.other) if intent.other is not None else 'previous'
    other_phrase = intent.other_phrase
    if intent.other is None and intent.period.days == 1:  # a day against the same weekday a week before
        against, other_phrase = (intent.period.start - timedelta(7)).isoformat(), 'the same day a week before'
    call = await box.call('explain_change', {'figure': figure, 'period': canonical(intent.period), 'against': against})
    if not call.ok:
        return _cannot(call.result['error'])
    r = call.result
    period = when(intent.phrase, r['this']['period'])
    other_when = when(other_phrase, r['other']['period']) if other_phrase else \
        _before_words(intent.period, r['other']['period'], _partial(intent, r['this']['period']))
    if r.get('difference') is None:
        return _join([_first(intent, figure, r['this'].get('value'), period),
                      r.get('note', 'There is nothing to compare it with.')])
    lines = [f'{_first(intent, figure, r["this"]["value"], period)[:-1]}, '
             f'{change(figure, r["this"]["value"], r["other"]["value"])} on '
             f'{_with(other_when, value(figure, r["other"]["value"]))}.']
    if drivers := r.get('drivers'):
        visits, ticket = drivers['visits'], drivers['average_ticket']
        bigger = 'the number of visits' if abs(visits.get('change') or 0) >= abs(ticket.get('change') or 0) else \
            'the average ticket'
        lines.append(f'Taken apart: visits went from {visits["other"]:,} to {visits["this"]:,} '
                     f'({_percent(visits.get("change"))}) and the average ticket from '
                     f'{value("average_ticket", ticket["other"])} to {value("average_ticket", ticket["this"])} '
                     f'({_percent(ticket.get("change"))}), so most of the change came from {bigger}.')
    for by in ('barber', 'service', 'weekday'):
        movers = [m for m in r.get(f'by_{by}', []) if m.get('difference')]
        if movers:
            moved = [f'{m["key"]} {_signed(figure, m["difference"])}' for m in movers[:3]]
            lines.append(f'By {by}, what moved most: {listing(moved)}.')
    lines.append(await _advice(box, f'why {FIGURES[figure].label} changed {question}'))
    return _join(lines)


# --- pieces ---

def _scope(intent: Intent) -> dict:
    if intent.barbers:
        return {'barber': intent.barbers[0]}
    if intent.services:
        return {'service': intent.services[0]}
    return {}


def _first(intent: Intent, figure: str, number, period: str) -> str:
    """The first sentence: who or what, the figure, the period, and the number."""
    shown = value(figure, number)
    kind = FIGURES[figure].kind
    barber = intent.barbers[0] if intent.barbers else None
    service = intent.services[0] if intent.services else None
    if kind == 'count' and figure in NOUNS:
        noun, were = (NOUNS[figure][:-1], 'was') if number == 1 else (NOUNS[figure], 'were')
        if barber:
            return f'{barber} had {shown} {noun} {period}.'
        if service:
            return f'There {were} {shown} {service} {noun} {period}.'
        return f'There {were} {shown} {noun} {period}.'
    verb = 'were' if label(figure).endswith('s') else 'was'
    if barber:
        return f"{barber}'s {label(figure, article=False)} {period} {verb} {shown}."
    if service:
        return f'{capital(label(figure))} for {service} {period} {verb} {shown}.'
    return f'{capital(label(figure))} {period} {verb} {shown}.'


def _detail(figure: str, figures: dict) -> str:
    if figure == 'rating' and figures['rating']['value'] is not None:
        count = figures['reviews']['value']
        return f' It comes from {count} review{"s" * (count != 1)}.'
    if figure == 'no_show_rate' and figures['no_show_rate']['value'] is not None:
        return f' That is {figures["no_shows"]["text"]} no-shows of {figures["appointments_due"]["text"]} ' \
               'appointments due.'
    return ''


async def _compared(intent: Intent, box: Toolbox, figure: str, now, result: dict, scope: dict) -> str:
    """A day against the same weekday a week before (as the dashboard compares); any other period against the
    period before (the same part of it, for one under way) and the year before where the history reaches it."""
    period = intent.period
    if period.days == 1:
        week_before = period.start - timedelta(7)
        call = await box.call('compare', {'figure': figure, 'period': canonical(period),
                                          'against': week_before.isoformat(), **scope})
        before = call.result['other']['value'] if call.ok else None
        moved = change(figure, now, before)
        if not moved:
            return ''
        return f'That is {moved} on the same day a week before ({WEEKDAYS[week_before.weekday()]} ' \
               f'{week_before.day} {_month(week_before)}: {value(figure, before)}).'
    this = result['figures'][figure]
    sentences = []
    if (moved := change(figure, now, this['previous'])) and result['compared_with']['previous']:
        before = _before_words(period, result['compared_with']['previous'], _partial(intent, result['covered']))
        sentences.append(f'That is {moved} on {_with(before, value(figure, this["previous"]))}.')
    if (moved := change(figure, now, this['year_before'])) and result['compared_with']['year_before']:
        sentences.append(f'A year before it was {value(figure, this["year_before"])} ({moved} since).')
    return ' '.join(sentences)


async def _barber_and_service(intent: Intent, box: Toolbox) -> str:
    """The figures are kept per barber and per service, not for both together: said first, then each apart."""
    barber, service, figure = intent.barbers[0], intent.services[0], intent.figure
    lines = [f"I can't give {label(figure, article=False)} for {barber}'s {service} services alone: the shop's figures "
             'are kept per barber and per service, not for both together.']
    for scope in ({'barber': barber}, {'service': service}):
        call = await box.call('figures', {'figures': [figure], 'period': canonical(intent.period), **scope})
        if call.ok and 'figures' in call.result:
            one = Intent(intent.shape, figure, barbers=(barber,) if 'barber' in scope else (),
                         services=(service,) if 'service' in scope else ())
            lines.append(_first(one, figure, call.result['figures'][figure]['value'],
                                when(intent.phrase, call.result['covered'])))
    return _join(lines)


async def _retention(intent: Intent, box: Toolbox) -> str:
    names = ['retention_30', 'retention_60', 'retention_90']
    call = await box.call('figures', {'figures': names, 'period': canonical(intent.period)})
    if not call.ok:
        return _cannot(call.result['error'])
    if 'figures' not in call.result:
        return _no_history(intent, call.result)
    f = call.result['figures']
    period = when(intent.phrase, call.result['covered'])
    head = f'Retention {period}: {f["retention_30"]["text"]} of clients came back within 30 days, ' \
           f'{f["retention_60"]["text"]} within 60 and {f["retention_90"]["text"]} within 90.'
    return _join([head, await _advice(box, 'client retention coming back')])


async def _compare_groups(intent: Intent, box: Toolbox) -> str:
    figure = intent.figure
    axis, names = ('barber', intent.barbers) if len(intent.barbers) > 1 else ('service', intent.services)
    results = []
    for name in names[:2]:
        call = await box.call('figures', {'figures': [figure], 'period': canonical(intent.period), axis: name})
        if not call.ok:
            return _cannot(call.result['error'])
        if 'figures' not in call.result:
            return _no_history(intent, call.result)
        results.append((name, call.result['figures'][figure]['value'], call.result['covered']))
    (a, first, covered), (b, second, _) = results
    period = when(intent.phrase, covered)
    if first is None or second is None:
        return _join([f'{a}: {value(figure, first)}, {b}: {value(figure, second)} {period}.'])
    difference = first - second
    kind = FIGURES[figure].kind
    gap = f'{abs(difference) * 100:.1f} points' if kind == 'share' else value(figure, abs(difference))
    more = ('more' if difference > 0 else 'less') if kind in ('money', 'count') else \
        ('higher' if difference > 0 else 'lower')
    subject = _first(intent.__class__(intent.shape, barbers=(a,)) if axis == 'barber' else
                     intent.__class__(intent.shape, services=(a,)), figure, first, period)[:-1]
    if not difference:
        return _join([f'{subject}, the same as {b}.'])
    return _join([f'{subject}, {gap} {more} than {b} ({value(figure, second)}).'])


async def _advice(box: Toolbox, query: str, given_only: bool = False) -> str:
    """Advice from the passages given with the question (each above the relevance threshold), else from a search for
    `query`; a sentence of each, cited; '' when no passage matches well enough."""
    passages = box.context.passages
    numbers = list(range(1, len(passages) + 1))
    if not passages and not given_only and box.has('search_knowledge'):
        call = await box.call('search_knowledge', {'query': query[:300], 'k': 2})
        numbers = [p['n'] for p in call.result['passages']] if call.ok else []
    picked = recommendations(query, (), [passages[n - 1] for n in numbers])[:3]
    if not picked:
        return ''
    return 'From the knowledge base:\n' + '\n'.join(f'- {sentence} [{numbers[i - 1]}]' for i, sentence in picked)


def _no_history(intent: Intent, result: dict) -> str:
    dates = result['period']['dates'] if result.get('period') else 'that period'
    return _join([f"The shop's history has no day in {dates}, so I have no figures for it. Ask about a period "
                  'since the history began.'])


def _cannot(error: str) -> str:
    return _join([f'I could not look that up: {error}'])


def _before_words(period, covered: dict | None, partial: bool = False) -> str:
    """What a period is compared with, in words: 'the week before (9 to 15 November 2026)', 'the same days of the
    month before (1 to 24 October 2026)' for a period under way, 'the 30 days before (...)'."""
    if period is not None and period.unit is not None:
        name = f'the same days of the {period.unit} before' if partial else f'the {period.unit} before'
    elif period is not None:
        name = f'the {period.days} days before'
    else:
        name = 'the period before'
    return name if covered is None else f'{name} ({covered["dates"]})'


def _week_before_words(intent: Intent) -> str:
    return 'the same day a week before' if intent.period is not None and intent.period.days == 1 else ''


def _partial(intent: Intent, covered: dict | None) -> bool:
    return covered is not None and intent.period is not None and covered['days'] < intent.period.days


def _with(words: str, shown: str) -> str:
    """'the week before (9 to 15 November 2026)' and '$11,142' -> 'the week before (9 to 15 November 2026: $11,142)'."""
    return f'{words[:-1]}: {shown})' if words.endswith(')') else f'{words} ({shown})'


def _unit_before(period, other) -> bool:
    """Whether `other` is the calendar unit just before `period` (last week against this week)."""
    if period is None or other is None or period.unit is None or other.unit != period.unit:
        return False
    from .when import Shift, shifted
    before = shifted(period, Shift(period.unit, 1, 0, 0, ''))
    return (before.start, before.end) == (other.start, other.end)


def _signed(figure: str, difference) -> str:
    kind = FIGURES[figure].kind
    sign = '+' if difference > 0 else '-'
    if kind == 'share':
        return f'{sign}{abs(difference) * 100:.1f} points'
    return f'{sign}{value(figure, abs(difference))}'


def _percent(change: float | None) -> str:
    return 'no change' if not change else f'{change:+.1%}'


def _month(day) -> str:
    from ..tools.periods import MONTHS
    return MONTHS[day.month - 1]


def _join(lines: list[str]) -> str:
    return '\n\n'.join(line for line in lines if line)
