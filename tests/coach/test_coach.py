"""The Coach as the UI uses it: providers from Settings, retrieval, the answer stream, and provider health."""
import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from coach import Coach, Policy
from coach.providers import OfflineProvider
from settings import Settings

from .conftest import PASSAGES, collect

NO_KEYS = dict(_env_file=None, openai_api_key=None, anthropic_api_key=None, gemini_api_key=None, openai_base_url='',
               coach_providers='')


def names(coach: Coach) -> list[str]:
    return [p.name for p in coach.providers]


async def test_provider_order_from_settings(coaches):
    def make(**values) -> Coach:
        coaches.append(coach := Coach(Settings(**{**NO_KEYS, **values})))
        return coach
    assert names(make()) == ['offline']
    assert names(make(gemini_api_key='g', anthropic_api_key='a')) == ['anthropic', 'gemini', 'offline']
    every = dict(openai_api_key='o', anthropic_api_key='a', gemini_api_key='g')
    assert names(make(**every, coach_providers='gemini, OpenAI,nonsense,offline')) == ['gemini', 'openai', 'offline']
    assert names(make(openai_api_key='o', coach_providers='anthropic,openai')) == ['openai', 'offline']
    local = make(openai_base_url='http://user:pw@127.0.0.1:11434/v1', openai_model='llama3.2')
    assert [p.label for p in local.providers] == ['OpenAI-compatible server at 127.0.0.1:11434', 'Offline coach']
    status = local.providers_status()
    assert [s['name'] for s in status] == ['openai', 'offline'] and status[0]['model'] == 'llama3.2'
    assert status[0]['last_success'] is status[0]['last_failure'] is None


async def test_retrieval_feeds_the_prompt_and_the_answer(snapshot, coaches):
    asked = []

    async def retrieve(question: str):
        asked.append(question)
        return list(PASSAGES) * 3
    coaches.append(coach := Coach(None, retrieve, providers=[OfflineProvider()], passages=4))
    _, _, done = await collect(coach.answer('  How can I fill the quiet afternoons? ', snapshot))
    assert asked == ['How can I fill the quiet afternoons?']
    assert len(done.meta.passages) == 4 and done.meta.note == ''
    assert coach.providers_status()[0]['last_success'] is not None


@pytest.mark.parametrize('failure, note', [
    ('raise', 'The knowledge base is not available, so this answer uses your figures only.'),
    ('slow', 'The knowledge base did not answer in time, so this answer uses your figures only.'),
])
async def test_a_failing_knowledge_base_still_gets_an_answer(failure, note, snapshot, coaches):
    async def retrieve(question: str):
        if failure == 'slow':
            await asyncio.sleep(5)
        raise RuntimeError('index not built')
    coaches.append(coach := Coach(None, retrieve, providers=[OfflineProvider()], retrieve_timeout=0.1))
    text, _, done = await collect(coach.answer('How are we doing?', snapshot))
    assert done.meta.note == note and f'${snapshot.today.revenue:,.0f}' in text and done.meta.passages == ()


def test_backoff_grows_and_honours_retry_after_up_to_the_cap():
    policy = Policy(backoff=0.5, backoff_max=8, jitter=0, retry_after_cap=20)
    assert [policy.wait(n, None) for n in (1, 2, 3, 6)] == [0.5, 1.0, 2.0, 8]
    assert policy.wait(1, 3.0) == 3.0 and policy.wait(1, 60.0) is None
    jittered = Policy(backoff=1, jitter=0.5).wait(1, None)
    assert 1 <= jittered <= 1.5


class Broken:
    """A provider with a bug: the chain must not retry it, and must still answer."""
    name, label, model, key_env, offline = 'broken', 'Broken', 'x', 'X_KEY', False

    async def stream(self, request):
        raise KeyError('choices')
        yield  # an async generator, like the real providers

    async def aclose(self) -> None:
        pass


async def test_an_unexpected_error_is_not_retried_and_the_offline_coach_answers(snapshot, caplog):
    coach = Coach(None, providers=[Broken(), OfflineProvider()], policy=Policy(backoff=0.01))
    _, notices, done = await collect(coach.answer('How are we doing?', snapshot))
    assert [(a.kind, a.reason) for a in done.meta.fallbacks] == [('unexpected',
                                                                  "Broken failed unexpectedly (KeyError: 'choices').")]
    assert notices == ['Broken is unavailable; asking Offline coach.'] and done.meta.offline
    assert 'Traceback' in caplog.text  # a bug is logged with its traceback


def test_the_coach_imports_no_ui():
    code = 'import sys, coach, coach.providers\n' \
           'sys.exit(any(m.split(".")[0] in ("nicegui", "ui") for m in sys.modules))'
    assert subprocess.run([sys.executable, '-c', code], cwd=Path(__file__).parents[2]).returncode == 0
