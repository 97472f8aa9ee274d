"""What is ahead: the forecast and what_if tools, and the offline analyst's answers to 'where will this month land?'
and 'what if I add a barber on Saturdays?', checked against the engine's own forecast and planner run here."""
import re
import threading
from datetime import date

import pytest

from coach import Coach, Turn
from coach.analyst import read
from coach.providers import OfflineProvider
from coach.tools import TOOLS, Context, Toolbox
from coach.tools import what_if as what_if_tool
from engine.forecast import forecast_period
from engine.planner import parse, plan, run_plan
from engine.words import signed, spoken

from .conftest import collect

TODAY = date(2026, 11, 24)  # the history fixture's today, a Tuesday


@pytest.fixture
def ask(history, coaches):
    async def ask(question: str, earlier: tuple[str, ...] = ()):
        coach = Coach(None, providers=[OfflineProvider()])
        coaches.append(coach)
        turns = [turn for text in earlier for turn in (Turn('user', text), Turn('assistant', '...'))]
        engine = history.engine
        return await collect(coach.answer(question, engine.snapshot(), turns, shop=engine))
    return ask


def first_sentence(text: str) -> str:
    return re.split(r'(?<=[.!?])\s', text.strip(), maxsplit=1)[0]


def money(value: float) -> str:
    return spoken('money', value)


def what_if_of(history, changes: list[dict]):
    """The planner's own result for these changes, as the tool runs it by default (4 weeks x 4 futures)."""
    return run_plan(plan(history.engine.analytics, TODAY, parse(changes), 4, 4))


@pytest.mark.parametrize('question, period, figure', [
    ('where will this month land?', 'this_month', 'revenue'),
    ('How will today end', 'today', 'revenue'),
    ('forecast for next week', 'next_7_days', 'revenue'),
    ("what's the forecast for the week?", 'this_week', 'revenue'),
    ('how many customers will we have this week?', 'this_week', 'visits'),
    ('are we on track this month', 'this_month', 'revenue'),
    ('what if I add a barber on Saturdays?', None, None),
    ('how much did we make last month?', None, 'revenue'),  # the past stays the history's
])
def test_questions_about_what_is_ahead_are_told_from_the_past(question, period, figure, history):
    intent = read(question, history.engine.profile, TODAY)
    if period is None:
        assert intent.shape != 'forecast'
    else:
        assert (intent.shape, intent.ahead, intent.figure) == ('forecast', period, figure)


@pytest.mark.parametrize('question, changes', [
    ('what if I add a barber on Saturdays?', [{'kind': 'add_barber', 'weekdays': ['Saturday']}]),
    ('what if we hired another barber for weekends', [{'kind': 'add_barber', 'weekdays': ['Saturday', 'Sunday']}]),
    ('What if I raise haircut prices by 10%', [{'kind': 'price', 'service': 'Haircut', 'price': 38.5}]),
    ('what if the skin fade went up to $45 with an elasticity of -0.8',
     [{'kind': 'price', 'service': 'Skin fade', 'price': 45.0, 'elasticity': -0.8}]),
    ('what if Dee takes Mondays off', [{'kind': 'remove_barber', 'name': 'Dee', 'weekdays': ['Monday']}]),
    ('what if we close on mondays', [{'kind': 'hours', 'weekday': 'Monday'}]),
    ('what if we open on Sundays from 10 to 4', [{'kind': 'hours', 'weekday': 'Sunday', 'opens': '10:00',
                                                  'closes': '16:00'}]),
    ('what if rebooking went to 50%', [{'kind': 'rebooking', 'rate': 0.5}]),
])
def test_a_what_if_is_read_into_the_planners_changes(question, changes, history):
    intent = read(question, history.engine.profile, TODAY)
    assert intent.shape == 'what_if' and list(intent.changes) == changes
    parse(changes)  # the planner takes them as they are


def test_what_if_as_a_follow_up_of_figures_stays_a_follow_up(history):
    intent = read('what if we look at the week before?', history.engine.profile, TODAY,
                  ['how much did we make last week?'])
    assert intent.shape != 'what_if' and intent.period.start == date(2026, 11, 9)


async def test_where_this_month_lands_is_the_forecast_with_its_range_first(history, ask):
    engine = history.engine
    month = forecast_period(engine.analytics, engine.clock.now(), 'this_month')
    text, _, done = await ask('Where will this month land?')
    first = first_sentence(text)
    assert all(money(v) in first for v in (month.revenue.expected, month.revenue.low, month.revenue.high)), first
    assert 'November 2026' in first
    assert f'{money(month.taken_revenue)} is taken so far' in text
    assert [c.name for c in done.meta.tool_calls] == ['forecast']
    assert done.meta.grounding.level == 'high'
    text, _, done = await ask('and this week?', ('Where will this month land?',))  # a follow-up
    week = forecast_period(engine.analytics, engine.clock.now(), 'this_week')
    assert money(week.revenue.expected) in first_sentence(text) and '23 to 29 November 2026' in first_sentence(text)


async def test_how_today_ends_and_next_week(history, ask):
    engine = history.engine
    for question, period in (('how will today end?', 'today'), ('forecast for next week', 'next_7_days')):
        made = forecast_period(engine.analytics, engine.clock.now(), period)
        text, _, _ = await ask(question)
        assert money(made.revenue.expected) in first_sentence(text), (question, text)
        assert f'range {money(made.revenue.low)} to {money(made.revenue.high)}' in first_sentence(text)


async def test_the_forecast_tool_gives_the_engines_forecast_with_its_dates(history):
    engine = history.engine
    box = Toolbox(TOOLS, Context(shop=engine, now=engine.clock.now()))
    call = await box.call('forecast', {'period': 'this_week'})
    week = forecast_period(engine.analytics, engine.clock.now(), 'this_week')
    assert call.ok and call.result['period']['from'] == '2026-11-23' and call.result['period']['to'] == '2026-11-29'
    assert call.result['revenue']['expected'] == round(week.revenue.expected, 2)
    assert (call.result['visits']['low'], call.result['visits']['high']) == (round(week.visits.low, 2),
                                                                             round(week.visits.high, 2))
    assert [d['day'] for d in call.result['days']] == [d.day.isoformat() for d in week.forecast.days]
    wrong = await box.call('forecast', {'period': 'next_year'})
    assert not wrong.ok and 'this_month' in wrong.result['error']


async def test_a_barber_on_saturdays_answers_the_change_with_its_range_and_assumptions(history, ask):
    result = what_if_of(history, [{'kind': 'add_barber', 'weekdays': ['Saturday']}])
    change = result.figures['revenue'].change
    text, _, done = await ask('What if I add a barber on Saturdays?')
    first = first_sentence(text)
    assert first.startswith('Adding a barber on Saturdays would change revenue by')
    assert all(signed('money', v) in first for v in (change.median, change.low, change.high)), first
    walk_outs = result.figures['walk_outs'].change
    assert f'Walk-outs: {signed("count", walk_outs.median)} a week' in text
    assert all(line in text for line in result.assumptions)
    (call,) = done.meta.tool_calls
    assert call.name == 'what_if' and call.result['futures'] == 4 and call.result['weeks'] == 4


async def test_ten_percent_on_haircuts_is_tried_at_the_new_price(history, ask):
    result = what_if_of(history, [{'kind': 'price', 'service': 'Haircut', 'price': 38.5}])
    text, _, _ = await ask('what if I raise haircut prices by 10%')
    assert 'Haircut at $38.50 instead of $35.00' in first_sentence(text)
    assert signed('money', result.figures['revenue'].change.median) in first_sentence(text)
    assert 'price elasticity of -0.5' in text  # the assumption it rests on


async def test_a_what_if_runs_off_the_event_loop_and_a_bad_change_says_what_to_fix(history, monkeypatch):
    engine = history.engine
    box = Toolbox(TOOLS, Context(shop=engine, now=engine.clock.now()))
    threads = []

    def run_and_note_where(made):
        threads.append(threading.current_thread())
        return run_plan(made)
    monkeypatch.setattr(what_if_tool, 'run_plan', run_and_note_where)
    call = await box.call('what_if', {'changes': [{'kind': 'add_barber', 'weekdays': ['Friday']}], 'weeks': 2,
                                      'seeds': 2})
    assert call.ok and threads and threads[0] is not threading.main_thread()  # the loop kept turning meanwhile
    wrong = await box.call('what_if', {'changes': [{'kind': 'remove_barber', 'name': 'Zed'}]})
    assert not wrong.ok and 'Zed' in wrong.result['error']
    empty = await box.call('what_if', {'changes': []})
    assert not empty.ok and 'changes' in empty.result['error']
