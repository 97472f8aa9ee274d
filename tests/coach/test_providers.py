"""The real OpenAI, Anthropic and Gemini SDKs against the stand-in: streams, failures, deadlines, fallback, stop."""
import asyncio
import socket
import time
from dataclasses import replace

import pytest

from coach import Coach, Policy
from coach.providers import OfflineProvider

from .conftest import FAST, KEY_ENV, LABELS, PASSAGES, PROVIDERS, collect, make_provider
from .provider_stand_in import Reply

NEXT = {'openai': 'anthropic', 'anthropic': 'gemini', 'gemini': 'openai'}
ANSWER = ''.join(Reply().chunks)
QUESTION = 'How can I fill the quiet afternoons?'


@pytest.fixture
def chain(server, coaches):
    def make(name: str, key: str = 'test-key') -> Coach:
        providers = [make_provider(name, server, key), make_provider(NEXT[name], server), OfflineProvider()]
        coach = Coach(None, providers=providers, policy=FAST)
        coaches.append(coach)
        return coach
    return make


async def ask(coach: Coach, snapshot=None):
    return await collect(coach.answer(QUESTION, snapshot, passages=PASSAGES))


def system_prompt(seen) -> str:
    body = seen.body
    return {'openai': lambda: body['messages'][0]['content'], 'anthropic': lambda: body['system'],
            'gemini': lambda: body['systemInstruction']['parts'][0]['text']}[seen.provider]()


async def until(condition, seconds: float = 30.0) -> bool:
    """Waits for the stand-in to see what the client did (a bound on a hang, not a measure of speed)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return condition()


@pytest.mark.parametrize('name', PROVIDERS)
async def test_normal_stream(name, server, chain, snapshot):
    text, notices, done = await ask(chain(name), snapshot)
    assert text == ANSWER == done.text
    assert notices == []
    meta = done.meta
    assert (meta.provider, meta.offline, meta.cut_off, meta.note) == (LABELS[name], False, False, '')
    assert meta.usage.input_tokens == 42
    assert meta.finish_reason in ('stop', 'end_turn', 'STOP')
    assert meta.grounding.cited == (1,)
    [seen] = server.seen
    assert 'test-key' in (seen.headers.get('authorization', '') + seen.headers.get('x-api-key', '')
                          + seen.headers.get('x-goog-api-key', ''))
    assert f'${snapshot.today.revenue:,.0f}' in system_prompt(seen)
    assert '[1] Filling quiet hours' in system_prompt(seen)
    assert QUESTION in str(seen.body)


@pytest.mark.parametrize('name', PROVIDERS)
async def test_rate_limited_then_success_honours_retry_after(name, server, chain):
    server.script(name, Reply(429, retry_after='0.4'))
    text, notices, done = await ask(chain(name))
    first, second = server.requests(name)
    assert second.at - first.at >= 0.4
    assert text == ANSWER and done.meta.provider == LABELS[name]
    assert [(a.ok, a.kind) for a in done.meta.attempts] == [(False, 'rate_limit'), (True, '')]
    assert notices == [f'{LABELS[name]} is limiting requests (429 Too Many Requests). Trying again in 0.4 s.']


@pytest.mark.parametrize('name', PROVIDERS)
async def test_three_server_errors_fall_back_to_next_provider(name, server, chain):
    server.script(name, *[Reply(500)] * 3)
    coach = chain(name)
    text, notices, done = await ask(coach)
    assert len(server.requests(name)) == 3 and len(server.requests(NEXT[name])) == 1
    assert text == ANSWER and done.meta.provider == LABELS[NEXT[name]]
    assert [a.kind for a in done.meta.fallbacks] == ['server'] * 3
    assert done.meta.note == f'{LABELS[name]} had a server error (500). Answered by {LABELS[NEXT[name]]} instead.'
    assert notices[-1] == f'{LABELS[name]} is unavailable; asking {LABELS[NEXT[name]]}.'
    status = {s['name']: s for s in coach.providers_status()}
    assert status[name]['last_failure_reason'] == f'{LABELS[name]} had a server error (500).'
    assert status[name]['last_success'] is None and status[NEXT[name]]['last_success'] is not None


@pytest.mark.parametrize('name', PROVIDERS)
async def test_rejected_key_is_not_retried_and_is_reported(name, server, chain, caplog):
    server.script(name, Reply(401))
    text, _, done = await ask(chain(name, key='sk-secret-0123456789'))
    assert len(server.requests(name)) == 1
    assert done.meta.provider == LABELS[NEXT[name]] and text == ANSWER
    [failed] = done.meta.fallbacks
    assert (failed.kind, failed.reason) == ('auth', f'{LABELS[name]} rejected the API key; check {KEY_ENV[name]}.')
    assert failed.reason in done.meta.note
    assert 'sk-secret-0123456789' not in caplog.text + repr(done.meta)


@pytest.mark.parametrize('name', PROVIDERS)
async def test_a_provider_nobody_listens_for_is_reported_unreachable(name, server, coaches):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    down = make_provider(name, server, url=f'http://127.0.0.1:{port}/v1')
    coach = Coach(None, providers=[down, OfflineProvider()], policy=FAST)
    coaches.append(coach)
    _, _, done = await ask(coach)
    assert done.meta.offline
    [attempt, *_] = done.meta.fallbacks
    assert attempt.kind == 'connection' and attempt.reason.startswith(f'Could not reach {down.label} (')


def tight(name: str, server, coaches, **deadlines) -> Coach:
    """The provider under test with tight deadlines, then the offline coach, which answers without waiting: the
    stand-in sends nothing more, so only the deadline can end the wait, however fast the machine."""
    coach = Coach(None, providers=[make_provider(name, server), OfflineProvider()], policy=replace(FAST, **deadlines))
    coaches.append(coach)
    return coach


@pytest.mark.parametrize('name', PROVIDERS)
async def test_no_first_token_before_the_deadline(name, server, coaches):
    server.script(name, Reply(hang=True), Reply(stall_after=0), Reply(stall_after=0))  # no headers; headers, no text
    text, _, done = await ask(tight(name, server, coaches, first_token=0.4))
    assert done.meta.offline and 'Offline coach' in text
    assert [a.reason for a in done.meta.fallbacks] == [f'{LABELS[name]} sent nothing within 0.4 s.'] * 3
    assert await until(lambda: all(s.disconnected for s in server.requests(name)))  # each request was closed


@pytest.mark.parametrize('name', PROVIDERS)
async def test_stall_mid_stream_keeps_the_partial_answer_marked_cut_off(name, server, coaches):
    server.script(name, Reply(stall_after=1))
    text, _, done = await ask(tight(name, server, coaches, gap=0.3))
    assert text == Reply().chunks[0] == done.text
    meta = done.meta
    assert meta.cut_off and meta.provider == LABELS[name]
    assert meta.note == f'The answer was cut off: {LABELS[name]} stopped sending for 0.3 s mid-answer. ' \
                        'What is shown is partial; ask again to retry.'
    assert len(server.seen) == 1  # neither retried nor handed to another provider once text was shown
    assert await until(lambda: server.seen[0].disconnected)


@pytest.mark.parametrize('name', PROVIDERS)
async def test_in_stream_error_before_any_text_is_retried(name, server, chain):
    server.script(name, Reply(error_after=0))
    text, _, done = await ask(chain(name))
    assert text == ANSWER and done.meta.provider == LABELS[name]
    assert [a.ok for a in done.meta.attempts] == [False, True]
    assert done.meta.attempts[0].kind in ('stream_error', 'server')


@pytest.mark.parametrize('name', PROVIDERS)
async def test_in_stream_error_after_text_is_cut_off(name, server, chain):
    server.script(name, Reply(error_after=2))
    text, _, done = await ask(chain(name))
    assert text == ''.join(Reply().chunks[:2]) and done.meta.cut_off
    assert done.meta.note.startswith('The answer was cut off:') and len(server.seen) == 1


@pytest.mark.parametrize('how', ['cancel', 'aclose'])
@pytest.mark.parametrize('name', PROVIDERS)
async def test_stop_closes_the_upstream_request(name, how, server, chain):
    server.script(name, Reply(chunks=('word ',) * 50, chunk_delay=0.1))
    stream = chain(name).answer(QUESTION, None, passages=PASSAGES)
    if how == 'aclose':  # the consumer stops iterating and closes the stream
        async for item in stream:
            if isinstance(item, str):
                break
        await stream.aclose()
    else:  # the UI's stop button cancels the task that reads the answer
        first = asyncio.Event()

        async def consume() -> None:
            async for item in stream:
                if isinstance(item, str):
                    first.set()
        task = asyncio.create_task(consume())
        await asyncio.wait_for(first.wait(), 30)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert await until(lambda: server.seen[0].disconnected)
    assert len(server.seen) == 1


async def test_a_retry_after_beyond_the_cap_moves_on_at_once(server, chain):
    server.script('openai', Reply(429, retry_after='60'))
    _, _, done = await ask(chain('openai'))
    assert len(server.requests('openai')) == 1 and done.meta.provider == 'Anthropic'
    assert done.meta.fallbacks[0].reason == 'OpenAI is limiting requests (429 Too Many Requests). It asked to wait ' \
                                            '60 s, too long for a chat.'


async def test_when_the_time_budget_is_spent_the_offline_coach_answers(server, coaches):
    coach = Coach(None, providers=[make_provider('openai', server), OfflineProvider()],
                  policy=Policy(budget=0))
    coaches.append(coach)
    _, _, done = await ask(coach)
    assert server.seen == [] and done.meta.offline
    assert done.meta.note == 'OpenAI was skipped: the coach had run out of time. Answered by Offline coach instead.'
