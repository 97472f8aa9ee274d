"""The coach's tools over a real demo shop: figures worked out again from the raw events, the dates covered said,
and every bad call an error result a model can act on, never an exception."""
import json
from datetime import date, timedelta

import pytest
from pydantic import BaseModel, Field

from coach.relevance import THRESHOLD
from coach.tools import TOOLS, Context, Toolbox
from coach.tools.registry import plain_schema
from engine import ServiceCompleted

from .conftest import PASSAGES, P

TUESDAY = date(2026, 11, 24)  # the shop's today (see conftest.history)


def completed(history, start: date, end: date, barber: str | None = None, service: str | None = None):
    """The raw services completed between two local dates (both included)."""
    profile = history.engine.profile
    return [e for e in history.events if isinstance(e, ServiceCompleted) and start <= profile.local(e.at).date() <= end
            and barber in (None, e.barber) and service in (None, e.service)]


def revenue(events) -> float:
    return sum(e.price + e.retail for e in events)


@pytest.fixture
def toolbox(history):
    engine = history.engine
    return Toolbox(TOOLS, Context(shop=engine, now=engine.clock.now(), snapshot=engine.snapshot()))


async def test_figures_of_last_week_are_the_raw_events_and_say_their_dates(history, toolbox):
    call = await toolbox.call('figures', {'figures': ['revenue', 'visits'], 'period': 'last_week'})
    assert call.ok
    week = completed(history, date(2026, 11, 16), date(2026, 11, 22))
    before = completed(history, date(2026, 11, 9), date(2026, 11, 15))
    figures = call.result['figures']
    assert figures['revenue']['value'] == revenue(week) and figures['visits']['value'] == len(week)
    assert figures['revenue']['previous'] == revenue(before)
    assert call.result['covered'] == {'from': '2026-11-16', 'to': '2026-11-22', 'days': 7,
                                      'dates': '16 to 22 November 2026', 'name': 'Last week'}
    assert call.result['compared_with']['previous']['dates'] == '9 to 15 November 2026'
    assert figures['revenue']['text'] == f'${revenue(week):,.0f}'


async def test_one_barbers_figures_by_any_spelling_of_the_name(history, toolbox):
    call = await toolbox.call('figures', {'figures': ['revenue'], 'period': '2026-11-23', 'barber': 'dEE'})
    assert call.ok and call.result['barber'] == 'Dee'
    assert call.result['figures']['revenue']['value'] == revenue(completed(history, date(2026, 11, 23),
                                                                           date(2026, 11, 23), barber='Dee'))
    wrong = await toolbox.call('figures', {'figures': ['revenue'], 'period': 'yesterday', 'barber': 'Deb'})
    assert not wrong.ok
    assert wrong.result['error'] == "No barber is called 'Deb'; the barbers are: Marco, Dee, Sam, Luis."


async def test_a_period_under_way_or_before_the_history_says_what_it_covered(toolbox):
    month = await toolbox.call('figures', {'figures': ['visits'], 'period': 'this_month'})
    assert month.result['period']['to'] == '2026-11-30' and month.result['covered']['to'] == '2026-11-24'
    assert 'Only part of the period is covered' in month.result['note']
    early = await toolbox.call('figures', {'figures': ['visits'], 'period': '2025-01'})
    assert early.ok and early.result['covered'] is None and 'figures' not in early.result
    assert early.result['note'] == "The shop's history has no day in this period."


async def test_rank_orders_the_barbers_by_their_raw_revenue(history, toolbox):
    first, last = date(2026, 11, 1), date(2026, 11, 22)
    raw = {b: revenue(completed(history, first, last, barber=b)) for b in history.engine.profile.barbers}
    top = await toolbox.call('rank', {'figure': 'revenue', 'by': 'barber', 'period': '2026-11-01..2026-11-22',
                                      'n': 2})
    assert [(r['key'], r['value']) for r in top.result['rows']] == sorted(raw.items(), key=lambda i: -i[1])[:2]
    assert top.result['total']['value'] == sum(raw.values()) and top.result['ranked'] == 4
    bottom = await toolbox.call('rank', {'figure': 'revenue', 'by': 'barber', 'period': '2026-11-01..2026-11-22',
                                         'n': 1, 'order': 'bottom'})
    assert bottom.result['rows'][0]['key'] == min(raw, key=raw.get)
    days = await toolbox.call('rank', {'figure': 'visits', 'by': 'weekday', 'period': 'last_30_days', 'n': 7})
    assert {r['key'] for r in days.result['rows']} <= {'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday',
                                                       'Saturday', 'Sunday'}


async def test_compare_and_explain_give_the_difference_and_what_moved(history, toolbox):
    week, before = (revenue(completed(history, *span)) for span in ((date(2026, 11, 16), date(2026, 11, 22)),
                                                                    (date(2026, 11, 9), date(2026, 11, 15))))
    compared = await toolbox.call('compare', {'figure': 'revenue', 'period': 'last_week', 'against': 'previous'})
    assert (compared.result['this']['value'], compared.result['other']['value']) == (week, before)
    assert compared.result['difference'] == round(week - before, 4)
    assert compared.result['difference_text'] == f'{"up" if week > before else "down"} ${abs(week - before):,.0f}'
    explained = await toolbox.call('explain_change', {'figure': 'revenue', 'period': 'last_week'})
    drivers = explained.result['drivers']
    assert drivers['visits']['this'] * drivers['average_ticket']['this'] == pytest.approx(week, abs=0.01)
    moved = explained.result['by_barber']
    assert abs(moved[0]['difference']) == max(abs(m['difference']) for m in moved)
    assert {'by_service', 'by_weekday'} <= set(explained.result)


@pytest.mark.parametrize('name, arguments, says', [
    ('payroll', {}, "There is no tool named 'payroll' here. The tools are: figures, compare, rank, explain_change, "
                    'forecast, floor_now, notifications, what_if.'),
    ('figures', '{"figures": ["revenue"], "period": ', 'were not a JSON object'),
    ('figures', '["revenue"]', 'send one object with figures, period'),
    ('figures', {'figures': ['revenu'], 'period': 'today'}, 'figures.0: Input should be'),
    ('figures', {'figures': ['revenue']}, 'period: Field required.'),
    ('figures', {'figures': ['revenue'], 'period': 'today', 'colour': 'red'}, 'colour: Extra inputs are not permitted'),
    ('figures', {'figures': ['revenue'], 'period': 'the other week'}, "'the other week' is not a period I know"),
    ('figures', {'figures': ['revenue'], 'period': '2026-11-20..2026-11-02'}, 'ends on or after its start'),
    ('figures', {'figures': ['rating'], 'period': 'today', 'by': 'service'},
     'Rating is not kept by service; it is kept by: barber, weekday, day.'),
    ('figures', {'figures': ['revenue'], 'period': 'today', 'barber': 'Dee', 'service': 'Haircut'},
     'not per barber and service together'),
    ('rank', {'figure': 'revenue', 'by': 'barber', 'period': 'today', 'n': 0}, 'n: Input should be greater than'),
])
async def test_a_bad_call_is_an_error_result_that_says_what_to_fix(name, arguments, says, toolbox):
    call = await toolbox.call(name, arguments)
    assert not call.ok and says in call.result['error']
    assert json.loads(call.content) == call.result  # what the model reads


async def test_a_failing_tool_is_an_error_result_and_logged(toolbox, caplog):
    class Args(BaseModel):
        pass
    registry = TOOLS.copy()

    @registry.tool
    def broken(ctx, args: Args) -> dict:
        """Always fails."""
        raise KeyError('x')
    call = await Toolbox(registry, toolbox.context).call('broken', {})
    assert call.result == {'error': 'The tool broken failed (KeyError); answer without it.'} and not call.ok
    assert 'Traceback' in caplog.text


async def test_adding_a_tool_is_one_function_and_its_arguments(toolbox):
    class AheadArgs(BaseModel):
        days: int = Field(7, ge=1, le=28, description='How many days ahead')
    registry = TOOLS.copy()

    @registry.tool(needs='history')
    def revenue_ahead(ctx: Context, args: AheadArgs) -> dict:
        """Expected revenue for the coming days."""
        return {'days': args.days, 'from': (ctx.today + timedelta(1)).isoformat()}
    box = Toolbox(registry, toolbox.context)
    spec = next(s for s in box.specs() if s.name == 'revenue_ahead')
    assert spec.description == 'Expected revenue for the coming days.'
    assert spec.parameters['properties']['days'] == {'default': 7, 'description': 'How many days ahead',
                                                     'maximum': 28, 'minimum': 1, 'type': 'integer'}
    assert (await box.call('revenue_ahead', '{"days": 3}')).result == {'days': 3, 'from': '2026-11-25'}
    with pytest.raises(ValueError, match="'revenue_ahead' is already registered"):
        registry.tool(revenue_ahead)


def test_schemas_are_plain_for_every_provider():
    for tool in TOOLS:
        text = json.dumps(tool.spec.parameters)
        assert '$ref' not in text and '"title"' not in text and '"null"' not in text, tool.name
        assert tool.spec.parameters['type'] == 'object' and tool.spec.description
    figures = plain_schema(TOOLS.get('figures').args)
    assert figures['required'] == ['figures', 'period'] and 'revenue' in figures['properties']['figures']['items'][
        'enum']


async def test_only_the_tools_the_shop_can_answer_are_offered(history):
    snapshot = history.engine.snapshot()
    live_only = Toolbox(TOOLS, Context(snapshot=snapshot, now=snapshot.at))
    assert [s.name for s in live_only.specs()] == ['floor_now', 'notifications']
    call = await live_only.call('figures', {'figures': ['revenue'], 'period': 'today'})
    assert not call.ok and 'no tool named' in call.result['error']

    async def search(query):
        return PASSAGES
    both = Toolbox(TOOLS, Context(shop=history.engine, snapshot=snapshot, now=snapshot.at, retrieve=search))
    assert len(both.specs()) == len(TOOLS.names())


async def test_the_floor_now_is_the_snapshots(history, toolbox):
    snapshot = toolbox.context.snapshot
    call = await toolbox.call('floor_now')
    assert [c['barber'] for c in call.result['chairs']] == list(history.engine.profile.barbers)
    assert (call.result['waiting'], call.result['busy_chairs']) == (snapshot.waiting, snapshot.busy_chairs)
    assert call.result['status'] == snapshot.status


async def test_knowledge_search_keeps_matching_passages_numbered_after_the_answers_own(toolbox):
    weak = P('weak#0', 'weak', 'Weak', 'Weak', 'Unrelated text.', 0.03, 'weak.md', )
    strong = P('strong#0', 'strong', 'Strong', 'Strong', 'Ask every client to rebook.', 0.02, 'strong.md')
    scored = [_with_similarity(weak, THRESHOLD - 0.01), _with_similarity(strong, THRESHOLD + 0.1)]

    async def search(query):
        return scored
    context = toolbox.context
    context.retrieve, context.passages = search, [PASSAGES[0]]
    call = await toolbox.call('search_knowledge', {'query': 'rebooking at the chair'})
    assert [(p['n'], p['title']) for p in call.result['passages']] == [(2, 'Strong')]
    assert [p.id for p in context.passages] == [PASSAGES[0].id, 'strong#0']


async def test_a_repeated_call_is_answered_from_what_was_looked_up(toolbox):
    first = await toolbox.call('figures', {'figures': ['tips'], 'period': 'yesterday'}, 'a')
    again = await toolbox.call('figures', '{"period": "yesterday", "figures": ["tips"]}', 'b')
    assert again.result is first.result and again.id == 'b' and len(toolbox.calls) == 1


def _with_similarity(passage, value):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Scored(P):
        similarity: float = 0.0
    return Scored(**passage.__dict__, similarity=value)
