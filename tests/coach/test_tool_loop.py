"""The tool loop through the real SDKs against the stand-in, in each provider's own wire format: a model that calls
tools, one that calls an unknown tool, sends malformed arguments, loops past the bound, or fails mid-loop."""
import json
from dataclasses import replace

import pytest

from coach import Coach
from coach.providers import OfflineProvider
from coach.tools import parse

from .conftest import FAST, LABELS, PROVIDERS, collect, make_provider
from .provider_stand_in import Call, Reply

NEXT = {'openai': 'anthropic', 'anthropic': 'gemini', 'gemini': 'openai'}
QUESTION = 'How much did we make last week?'
LAST_WEEK = Call('figures', '{"figures": ["revenue"], "period": "last_week"}')


@pytest.fixture
def ask(server, coaches, history):
    async def ask(*names: str, question: str = QUESTION, **policy):
        providers = [make_provider(name, server) for name in names] + [OfflineProvider()]
        coach = Coach(None, providers=providers, policy=replace(FAST, **policy))
        coaches.append(coach)
        engine = history.engine
        return await collect(coach.answer(question, engine.snapshot(), passages=[], shop=engine))
    return ask


@pytest.fixture
def last_week(history) -> str:
    """Last week's revenue as the shop's analytics have it, in the words a tool result gives it."""
    engine, now = history.engine, history.engine.clock.now()
    report = engine.analytics.report(parse('last_week', engine.profile.local(now).date()), now=now)
    return f'${report.figures["revenue"]:,.0f}'


def offered(seen) -> list[str]:
    body = seen.body
    if seen.provider == 'openai':
        return [t['function']['name'] for t in body.get('tools', ())]
    if seen.provider == 'anthropic':
        return [t['name'] for t in body.get('tools', ())]
    return [d['name'] for t in body.get('tools', ()) for d in t['functionDeclarations']]


def tool_choice(seen) -> str:
    body = seen.body
    if seen.provider == 'openai':
        return body['tool_choice']
    if seen.provider == 'anthropic':
        return body['tool_choice']['type']
    return body['toolConfig']['functionCallingConfig']['mode'].lower()


def results_sent(seen) -> list[dict]:
    """The tool results a request carries back to the model, decoded, in the provider's own format."""
    body = seen.body
    if seen.provider == 'openai':
        return [json.loads(m['content']) for m in body['messages'] if m['role'] == 'tool']
    if seen.provider == 'anthropic':
        return [json.loads(block['content']) for m in body['messages'] if isinstance(m['content'], list)
                for block in m['content'] if block['type'] == 'tool_result']
    return [part['functionResponse']['response'] for c in body['contents'] for part in c['parts']
            if 'functionResponse' in part]


def calls_sent(seen) -> list[tuple[str, str]]:
    """The model's own earlier calls as a request repeats them: (id, name); each result must name the same id."""
    body = seen.body
    if seen.provider == 'openai':
        calls = [(c['id'], c['function']['name']) for m in body['messages'] for c in m.get('tool_calls') or ()]
        assert [m['tool_call_id'] for m in body['messages'] if m['role'] == 'tool'] == [i for i, _ in calls]
        return calls
    if seen.provider == 'anthropic':
        blocks = [b for m in body['messages'] if isinstance(m['content'], list) for b in m['content']]
        calls = [(b['id'], b['name']) for b in blocks if b['type'] == 'tool_use']
        assert [b['tool_use_id'] for b in blocks if b['type'] == 'tool_result'] == [i for i, _ in calls]
        return calls
    parts = [p for c in body['contents'] for p in c['parts']]
    return [(p.get('thoughtSignature', ''), p['functionCall']['name']) for p in parts if 'functionCall' in p]


@pytest.mark.parametrize('name', PROVIDERS)
async def test_a_model_calls_a_tool_and_answers_from_its_result(name, server, ask, last_week):
    server.script(name, Reply.calling(LAST_WEEK, chunks=('Let me check. ',)),
                  Reply(chunks=(f'Revenue last week was {last_week}', ', up on the week before.')))
    text, notices, done = await ask(name)
    first, second = server.requests(name)
    assert 'figures' in offered(first) and 'floor_now' in offered(first) and tool_choice(first) == 'auto'
    [result] = results_sent(second)
    assert result['figures']['revenue']['text'] == last_week and result['covered']['dates'] == '16 to 22 November 2026'
    assert [n for _, n in calls_sent(second)] == ['figures']
    if name == 'gemini':  # its thought signature goes back with its call, as Gemini 3 requires
        assert calls_sent(second)[0][0] == 'c2lnbmVk'
    assert text == f'Let me check. \n\nRevenue last week was {last_week}, up on the week before.' == done.text
    assert 'Looking up figures.' in notices
    [call] = done.meta.tool_calls
    assert (call.name, call.arguments, call.ok) == ('figures', {'figures': ['revenue'], 'period': 'last_week'}, True)
    assert done.meta.provider == LABELS[name] and done.meta.grounding.level == 'high'


@pytest.mark.parametrize('name', PROVIDERS)
async def test_an_unknown_tool_gets_an_error_the_model_recovers_from(name, server, ask, last_week):
    server.script(name, Reply.calling(Call('payroll', '{"days": 7}')), Reply.calling(LAST_WEEK),
                  Reply(chunks=(f'Revenue last week was {last_week}.',)))
    text, _, done = await ask(name)
    assert len(server.requests(name)) == 3
    error, result = results_sent(server.requests(name)[2])
    assert error['error'].startswith("There is no tool named 'payroll' here. The tools are: figures, compare,")
    assert result['figures']['revenue']['text'] == last_week
    assert [(c.name, c.ok) for c in done.meta.tool_calls] == [('payroll', False), ('figures', True)]
    assert text == f'Revenue last week was {last_week}.'


@pytest.mark.parametrize('name', PROVIDERS)
async def test_malformed_arguments_get_an_error_that_says_what_to_fix(name, server, ask, last_week):
    # Gemini sends arguments as an object, so its malformed call is one of the wrong shape
    bad = '{"figures": "revenue", "period": "last_week"}' if name == 'gemini' else '{"figures": ["revenue"], "period'
    server.script(name, Reply.calling(Call('figures', bad)), Reply.calling(LAST_WEEK),
                  Reply(chunks=(f'Revenue last week was {last_week}.',)))
    text, _, done = await ask(name)
    error = results_sent(server.requests(name)[1])[0]['error']
    assert error.startswith('The arguments of figures ')
    assert ('figures: Input should be a valid list' in error) if name == 'gemini' else ('not a JSON object' in error)
    assert [c.ok for c in done.meta.tool_calls] == [False, True] and text.endswith(f'{last_week}.')


@pytest.mark.parametrize('name', PROVIDERS)
async def test_a_model_looping_past_the_bound_must_answer_then_is_replaced(name, server, ask):
    server.script(name, *[Reply.calling(Call('figures', json.dumps({'figures': ['tips'], 'period': period})))
                          for period in ('yesterday', 'last_week', 'last_month')])
    text, _, done = await ask(name, tool_rounds=2)
    requests = server.requests(name)
    assert [tool_choice(seen) for seen in requests] == ['auto', 'auto', 'none']  # the third may not call tools
    assert len(results_sent(requests[2])) == 2  # but gets what the first two rounds looked up
    assert done.meta.offline and [a.kind for a in done.meta.fallbacks] == ['tool_loop']
    assert done.meta.fallbacks[0].reason == f'{LABELS[name]} kept asking for figures instead of answering (after 2 ' \
                                            'rounds of tools).'
    assert [c.arguments['period'] for c in done.meta.tool_calls][:2] == ['yesterday', 'last_week']


@pytest.mark.parametrize('name', PROVIDERS)
async def test_past_the_loops_deadline_the_model_answers_without_tools(name, server, ask):
    await ask(name, tool_deadline=0)
    assert tool_choice(server.requests(name)[0]) == 'none'


@pytest.mark.parametrize('name', PROVIDERS)
async def test_a_provider_failing_mid_loop_hands_its_results_to_the_next(name, server, ask, last_week):
    server.script(name, Reply.calling(LAST_WEEK, chunks=('Let me check. ',)), *[Reply(500)] * 3)
    server.script(NEXT[name], Reply(chunks=(f'Revenue last week was {last_week}.',)))
    text, _, done = await ask(name, NEXT[name])
    assert len(server.requests(name)) == 4 and len(server.requests(NEXT[name])) == 1
    [handed] = server.requests(NEXT[name])
    assert [n for _, n in calls_sent(handed)] == ['figures']  # the next provider sees the loop so far, in its format
    assert results_sent(handed)[0]['figures']['revenue']['text'] == last_week
    assert not done.meta.cut_off and done.meta.provider == LABELS[NEXT[name]]
    assert text == f'Let me check. \n\nRevenue last week was {last_week}.'
    assert [c.name for c in done.meta.tool_calls] == ['figures']


@pytest.mark.parametrize('name', PROVIDERS)
async def test_the_offline_coach_finishes_a_loop_a_provider_left(name, server, ask, last_week):
    server.script(name, Reply.calling(LAST_WEEK), Reply(401))
    text, _, done = await ask(name)
    assert done.meta.offline and done.meta.fallbacks[0].kind == 'auth'
    assert done.meta.tool_calls[0].arguments == {'figures': ['revenue'], 'period': 'last_week'}
    assert last_week in text.split('\n')[0] or last_week in text
