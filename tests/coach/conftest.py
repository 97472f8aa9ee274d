from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from coach import Policy
from coach.providers import AnthropicProvider, GeminiProvider, OfflineProvider, OpenAIProvider
from engine import ShopEngine, SimClock, demo_profile

from .provider_stand_in import StandIn

PROVIDERS = ('openai', 'anthropic', 'gemini')
LABELS = {'openai': 'OpenAI', 'anthropic': 'Anthropic', 'gemini': 'Gemini'}
KEY_ENV = {'openai': 'OPENAI_API_KEY', 'anthropic': 'ANTHROPIC_API_KEY', 'gemini': 'GEMINI_API_KEY'}
# Retries quickly, and waits as long as a slow or busy machine needs for an answer that is coming: a deadline test
# makes its own tight deadlines (TIGHT), which only a stand-in that never sends can miss.
FAST = Policy(first_token=30, gap=30, backoff=0.01, backoff_max=0.05, jitter=0.0, retry_after_cap=2.0, budget=120)


@dataclass(frozen=True)
class P:
    """A passage as knowledge.Passage has it; the coach only reads these attributes."""
    id: str
    doc_id: str
    title: str
    heading: str
    text: str
    score: float
    source: str


PASSAGES = (
    P('quiet-hours#0', 'quiet-hours', 'Filling quiet hours', 'Offers',
      'Quiet afternoons cost the same rent as busy mornings. Offer a small weekday discount to regulars who '
      'rebook before they leave the chair.\n\n- Send a text reminder to clients due for a cut on quiet days.\n'
      '- Post open slots on Instagram an hour ahead.', 0.031, 'quiet-hours.md'),
    P('rebooking#1', 'rebooking', 'Rebooking at the chair', 'Why it works',
      'Clients who rebook at the chair come back sooner. Ask every client to book the next visit before paying, '
      'and keep the chair times that suit them.', 0.024, 'rebooking.md'),
    P('reviews#0', 'reviews', 'Reviews', 'Asking for reviews',
      'Ask happy clients for a review while they are still in the shop; answer every review within a day.',
      0.012, 'reviews.md'),
)


@pytest.fixture(scope='session')
def stand_in() -> Iterator[StandIn]:
    server = StandIn()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(stand_in: StandIn) -> Iterator[StandIn]:
    stand_in.reset()
    yield stand_in
    stand_in.reset()


def make_provider(name: str, server: StandIn, key: str = 'test-key', url: str = ''):
    url = url or server.base_url(name)
    if name == 'openai':
        return OpenAIProvider(key, 'gpt-test', url, timeout=10, label='OpenAI')
    if name == 'anthropic':
        return AnthropicProvider(key, 'claude-test', url, timeout=10)
    if name == 'gemini':
        return GeminiProvider(key, 'gemini-test', url, timeout=10)
    return OfflineProvider()


@pytest.fixture(scope='session')
def snapshot():
    """A real engine snapshot: Tuesday 24 November 2026, 15:00 UTC, ten days of simulated history."""
    clock = SimClock(start=datetime(2026, 11, 24, 15, tzinfo=UTC).timestamp(), speed=0)
    engine = ShopEngine.simulated(demo_profile('UTC'), clock, 7, history_days=10)
    engine.advance()
    return engine.snapshot()


@dataclass
class History:
    engine: ShopEngine
    events: list  # every event the engine applied, in order


@pytest.fixture(scope='session')
def history() -> History:
    """A demo shop with 60 days of history at Tuesday 24 November 2026, 15:00 UTC; its clock stands still.
    Read-only: tests that need another instant make their own."""
    clock = SimClock(start=datetime(2026, 11, 24, 15, tzinfo=UTC).timestamp(), speed=0)
    engine = ShopEngine.simulated(demo_profile('UTC'), clock, 7, history_days=60)
    events: list = []
    engine.listeners.append(events.append)
    engine.advance()
    engine.go_live()
    return History(engine, events)


@pytest.fixture
async def coaches():
    """Coaches made by a test, closed after it (their SDK clients hold connections)."""
    made = []
    yield made
    for coach in made:
        await coach.aclose()


async def collect(stream) -> tuple[str, list, object]:
    """(text shown, notices, the Done) of one answer."""
    from coach import Done, Notice
    text, notices, done = '', [], None
    async for item in stream:
        if isinstance(item, str):
            text += item
        elif isinstance(item, Notice):
            notices.append(item.text)
        elif isinstance(item, Done):
            done = item
    return text, notices, done
