"""The analyst evaluation: the set is sound, the runner grades what it should, and the analyst holds its floor.

The last test runs the whole set through `coach.cli.ask` and is skipped until the offline analyst exists.
"""
import sys
from collections import Counter
from dataclasses import dataclass

import pytest

from tests.unit.reference import client_kpis, day_figures, kpis

from . import raw_answers as raw
from .analyst_eval import DEMO_ENV, AnalystMissing, accuracy, evaluate, load_ask, report
from .analyst_grading import BARBERS, Change, NotUnderstood, Value
from .analyst_set import SHAPES, expected_items
from .raw_log import AT, PERIODS, shop_log

FLOOR = 0.95


def test_the_set_covers_every_shape_with_enough_questions():
    items = expected_items()
    shapes = Counter(item.shape for item, _ in items)
    assert len(items) >= 100 and set(shapes) == set(SHAPES)
    assert shapes['follow-up'] >= 10 and shapes['not understood'] >= 5 and shapes['compare'] >= 10
    assert len({item.id for item, _ in items}) == len(items)
    assert all(len(turns) in (2, 3) for item, turns in items if item.shape == 'follow-up')
    asked = {spec.figure for item, _ in items for _, spec in item.turns if spec is not None}
    assert asked >= set(raw.FIGURES)  # every figure is asked at least once


def test_raw_answers_agree_with_the_reference_recomputation():
    """tests/unit/reference.py is the product's from-scratch definition of the dashboard's figures: the raw answers
    must say the same where both define a figure (a different route to the same truth)."""
    log, at = shop_log(), AT.timestamp()
    for name in ('today', 'yesterday', 'last saturday'):
        period = PERIODS[name]
        ref = day_figures(log.profile, log.events, period.first, at)
        assert raw.revenue(log, period) == ref['revenue'] and raw.tips(log, period) == ref['tips']
        assert raw.bookings(log, period) == ref['bookings'] and raw.reviews(log, period) == ref['reviews']
        assert raw.rating(log, period) == pytest.approx(ref['satisfaction'])
        assert raw.utilization(log, period) == pytest.approx(100 * ref['utilization'])
        assert {s: raw.visits(log, period, service=s) for s in ref['services']} == ref['services']
    month = PERIODS['last 30 days']
    ref = kpis(log.profile, log.events, month.last, 30, at)
    assert raw.average_ticket(log, month) == pytest.approx(ref['average_ticket'])
    assert {b: raw.revenue(log, month, b) for b in BARBERS} == ref['barber_revenue']
    clients = client_kpis(log.profile, log.events, month.last, 30, at)
    assert raw.new_clients(log, month) == clients['new_clients']
    assert raw.returning_clients(log, month) == clients['returning_clients']
    assert raw.rebooking_rate(log, month) == pytest.approx(100 * clients['rebooking_rate'])


def test_hand_checked_values():
    """A few expected values worked out by hand from the printed log, so a change of the simulation shows here."""
    f = raw.Figure
    assert raw.expected(f('revenue', 'yesterday')) == Value('money', 1742.0)
    assert raw.expected(f('visits', 'last week', service='Haircut')) == Value('count', 89)
    assert raw.expected(raw.Best('revenue', 'barber', 'october')).value == 'Dee'
    assert raw.expected(raw.Best('revenue', 'service', 'this month')).value == 'Cut & beard'
    assert raw.expected(raw.Compare('revenue', 'last week', 'the week before last')) == Change('money', 11502, 11142)


@dataclass(frozen=True)
class _Answer:
    text: str


def _says(expected, wrong: bool = False) -> str:
    """An answer an analyst could give, its first sentence cluttered with dates and spans; `wrong` shifts it."""
    preface = 'As of 15:00 on Tuesday 24 November 2026 (the last 7 days), '
    if isinstance(expected, NotUnderstood):
        return 'Revenue today: $1,051.' if wrong else \
            "I didn't understand that. You could ask:\n- How much did we take yesterday?\n- Who was top last month?"
    if isinstance(expected, Change):
        word = ('down' if expected.delta > 0 else 'up') if wrong else ('up' if expected.delta > 0 else 'down')
        amount = abs(expected.delta)
        shown = f'${amount:,.0f}' if expected.kind == 'money' else f'{amount:,.0f}'
        return f'{preface}{word} {shown} on before.'
    kind, value = expected.kind, expected.value
    if kind == 'name':
        rival = next(r for r in expected.rivals if r != value)
        return f'{preface}{rival if wrong else value} came first.'
    shift = {'money': 2, 'count': 1, 'percent': 1, 'rating': 0.1, 'minutes': 1}[kind] if wrong else 0
    value += shift
    shown = {'money': f'${value:,.0f}', 'count': f'{value:,.0f}', 'percent': f'{value:.0f}%',
             'rating': f'{value:.1f} stars', 'minutes': f'{value:.0f} minutes'}[kind]
    return f'{preface}it was {shown}. Next sentence.'


def _oracle(wrong: bool = False):
    """Answers every question of the set from the expected values; checks each turn gets the conversation so far."""
    answers = {question: expected for _, turns in expected_items() for question, expected in turns}

    def ask(question: str, *, history=(), at=None, shop=None, provider='offline') -> _Answer:
        assert at == AT.isoformat() and provider == 'offline' and shop is None
        assert all(role in ('user', 'assistant') for role, _ in history) and len(history) % 2 == 0
        return _Answer(_says(answers[question], wrong))
    return ask


def test_an_analyst_that_answers_right_first_passes_every_item():
    outcomes = evaluate(_oracle())
    assert accuracy(outcomes) == 1.0, report(outcomes)


def test_an_analyst_that_is_slightly_off_fails_every_item():
    outcomes = evaluate(_oracle(wrong=True))
    assert accuracy(outcomes) == 0.0, report(outcomes)
    assert 'expected: $1,742.00' in report(outcomes)  # the report shows what was expected and what was said


def test_a_follow_up_is_asked_with_the_conversation_so_far():
    seen = []

    def ask(question, *, history=(), at=None, shop=None, provider='offline'):
        seen.append((question, list(history)))
        return _Answer(_says(answers[question]))
    item = next((i, t) for i, t in expected_items() if i.id == 'follow-barbers')
    answers = dict(item[1])
    evaluate(ask, [item])
    assert [len(history) for _, history in seen] == [0, 2, 4]
    assert seen[2][1][0] == ('user', 'how much did marco make yesterday') and seen[2][1][2][1] == 'what about Dee?'


def test_the_runner_says_clearly_when_the_analyst_is_not_there(monkeypatch):
    monkeypatch.setitem(sys.modules, 'coach.cli', None)  # as if coach/cli.py did not exist
    with pytest.raises(AnalystMissing, match=r'not built yet: `from coach\.cli import ask` failed'):
        load_ask()


def test_the_analyst_answers_the_owners_questions(monkeypatch):
    for name, value in DEMO_ENV.items():
        monkeypatch.setenv(name, value)
    pytest.importorskip('coach.cli', reason='the offline analyst (coach.cli.ask, issue 20) is not built yet')
    outcomes = evaluate(load_ask())
    assert accuracy(outcomes) >= FLOOR, report(outcomes)
