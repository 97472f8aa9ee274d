"""What the coach adds before a provider sees the question, and what its own parts cost. Prints figures only.

    .venv/bin/python bench/coach.py [--rounds 2000] [--knowledge DATA_DIR]

The analyst rows: the offline coach's whole answer to data questions (understanding, tool calls, wording) on a demo
shop with 120 days of history (goal: p95 under 300 ms), and each tool's call on its own (goal: under 50 ms).

Retrieval is a stub unless --knowledge names a data folder for the knowledge index (built there when absent,
then searched in a thread, as the app does). The SDK rows start the tests' provider stand-in on 127.0.0.1 and
time, per real SDK, the coach's question-to-first-token over loopback: each SDK's client-side cost, not any
provider's latency.
"""
import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from coach import Coach, Done, Policy, Turn, build_request, grounding  # noqa: E402
from coach.providers import OfflineProvider  # noqa: E402
from coach.providers.offline import compose  # noqa: E402
from coach.tools import TOOLS, Context, Toolbox  # noqa: E402
from coach.types import Finish  # noqa: E402
from engine import ShopEngine, SimClock, demo_profile  # noqa: E402
from tests.coach.conftest import PASSAGES, make_provider  # noqa: E402
from tests.coach.provider_stand_in import StandIn  # noqa: E402

QUESTION = 'How can I fill the quiet afternoons?'
HISTORY = [Turn('user' if i % 2 == 0 else 'assistant', f'An earlier turn of the conversation, number {i}. ' * 8)
           for i in range(12)]


class Probe:
    """A provider that notes when the chain hands it the request, and answers at once."""
    name, label, model, key_env, offline = 'probe', 'Probe', 'probe', '', False

    def __init__(self) -> None:
        self.called = 0.0

    async def stream(self, request):
        self.called = time.perf_counter()
        yield 'ok'
        yield Finish('stop')

    async def aclose(self) -> None:
        pass


def figures(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f'{label:<62} p50 {statistics.median(ms):8.3f} ms   p95 {p95:8.3f} ms   (n={len(ms)})')


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=2000)
    parser.add_argument('--knowledge', type=Path, help='a data folder with a built knowledge index')
    args = parser.parse_args()
    n = args.rounds

    clock = SimClock(start=datetime(2026, 11, 24, 15, tzinfo=UTC).timestamp(), speed=0)
    shop = ShopEngine.simulated(demo_profile('UTC'), clock, 7, history_days=35)
    shop.advance()
    snapshot = shop.snapshot()
    retrieve, passages = await _retrieval(args.knowledge)

    request = build_request(QUESTION, snapshot, passages, HISTORY)
    print(f'prompt: {len(request.system):,} characters of system prompt, {len(request.messages)} messages')
    figures(f'build_request (snapshot, {len(passages)} passages, 12-turn history)',
            _timed(lambda: build_request(QUESTION, snapshot, passages, HISTORY), n))
    answer = compose(request)
    figures('offline coach: compose one answer', _timed(lambda: compose(request), n))
    figures('grounding score of that answer', _timed(lambda: grounding(answer, passages, request.figure_numbers), n))

    probe = Probe()
    coach = Coach(None, retrieve, providers=[probe, OfflineProvider()])
    before = []
    for _ in range(n // 4):
        started = time.perf_counter()
        async for _item in coach.answer(QUESTION, snapshot, HISTORY):
            pass
        before.append(probe.called - started)
    figures(f'coach.answer() to provider request ({"real" if args.knowledge else "stub"} retrieval)', before)

    offline = Coach(None, retrieve, providers=[OfflineProvider()])
    figures('offline coach: whole streamed answer', await _answers(offline, snapshot, n // 10))
    await _analyst(retrieve, max(n // 40, 3))
    await _sdks(snapshot, n // 20)


DATA_QUESTIONS = (
    'How much did we take yesterday?', 'Who brought in the most money last month?', 'How many beard trims so far '
    'this month?', "What was Luis's rating in October?", 'Why did revenue change last week?', 'How does this week '
    'compare with last week?', 'What is our no-show rate?', 'Top 3 services in the last 30 days', 'Revenue by barber '
    'last week', 'How did we do last month?', 'Which weekday is busiest?', 'How many new clients in October?')
TOOL_CALLS = (
    ('figures', {'figures': ['revenue', 'visits'], 'period': 'last_week'}),
    ('figures', {'figures': ['revenue'], 'period': 'last_12_months', 'by': 'day'}),
    ('compare', {'figure': 'revenue', 'period': 'this_month', 'against': 'previous'}),
    ('rank', {'figure': 'revenue', 'by': 'barber', 'period': 'last_90_days'}),
    ('explain_change', {'figure': 'revenue', 'period': 'last_30_days'}),
    ('floor_now', {}), ('notifications', {'limit': 8}), ('search_knowledge', {'query': 'no-shows'}),
)


async def _analyst(retrieve, rounds: int) -> None:
    """The offline analyst on a demo shop with 120 days of history: each data question, then each tool alone."""
    clock = SimClock(start=datetime(2026, 11, 24, 15, tzinfo=UTC).timestamp(), speed=0)
    shop = ShopEngine.simulated(demo_profile('UTC'), clock, 7, history_days=120)
    shop.advance()
    shop.go_live()
    coach = Coach(None, retrieve, providers=[OfflineProvider()])
    times = []
    for _ in range(rounds):
        for question in DATA_QUESTIONS:
            started = time.perf_counter()
            async for _item in coach.answer(question, shop.snapshot(), passages=[], shop=shop):
                pass
            times.append(time.perf_counter() - started)
    figures(f'offline analyst: whole answer to a data question ({len(DATA_QUESTIONS)} kinds)', times)
    for name, arguments in TOOL_CALLS:
        calls = []
        for _ in range(rounds * 4):
            box = Toolbox(TOOLS, Context(shop=shop, now=clock.now(), snapshot=shop.snapshot(), retrieve=retrieve))
            started = time.perf_counter()
            await box.call(name, arguments)
            calls.append(time.perf_counter() - started)
        figures(f'tool {name}({", ".join(f"{k}={v}" for k, v in arguments.items())})'[:62], calls)


def _timed(call, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


async def _answers(coach: Coach, snapshot, rounds: int, first_token: bool = False) -> list[float]:
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        async for item in coach.answer(QUESTION, snapshot, HISTORY):
            if first_token and isinstance(item, str) or isinstance(item, Done):
                out.append(time.perf_counter() - started)
                break
    return out


async def _sdks(snapshot, rounds: int) -> None:
    server = StandIn()
    server.start()
    try:
        for name in ('openai', 'anthropic', 'gemini'):
            coach = Coach(None, None, providers=[make_provider(name, server), OfflineProvider()],
                          policy=Policy(first_token=5, gap=5))
            await _answers(coach, snapshot, 3, first_token=True)  # warm the connection
            figures(f'{name} SDK over loopback: question to first token', await _answers(coach, snapshot, rounds, True))
            await coach.aclose()
    finally:
        server.stop()


async def _retrieval(folder: Path | None):
    if folder is None:
        async def stub(question: str):
            return list(PASSAGES)
        return stub, list(PASSAGES)
    from knowledge import KnowledgeBase
    base = KnowledgeBase(folder)
    if not await asyncio.to_thread(base.open):
        started = time.perf_counter()
        await asyncio.to_thread(base.build)
        print(f'knowledge index built in {folder} in {time.perf_counter() - started:.1f} s (once)')

    async def search(question: str):
        return await asyncio.to_thread(base.search, question, 4)
    found = await search(QUESTION)
    started = time.perf_counter()
    for _ in range(20):
        await search(QUESTION)
    print(f'knowledge search in a thread: {(time.perf_counter() - started) / 20 * 1000:.1f} ms per question')
    return search, found


if __name__ == '__main__':
    asyncio.run(main())
