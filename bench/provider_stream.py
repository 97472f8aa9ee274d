"""The event loop's CPU per streamed chunk, per provider client: what each token of an answer costs the server.

    .venv/bin/python bench/provider_stream.py [--chunks 1000] [--rate 250] [--rounds 3]

Each provider's real client (coach/providers) reads an answer of `--chunks` one-word chunks, `--rate` a second
(each in a network packet of its own, as a model sends them), from the local stand-in that speaks its wire
format (tests/coach/provider_stand_in.py, in a thread of this process). The figure is the CPU time of the loop's
thread alone, so the stand-in's work is not in it. Loopback only.
"""
import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from coach.providers.anthropic import AnthropicProvider  # noqa: E402
from coach.providers.gemini import GeminiProvider  # noqa: E402
from coach.providers.openai import OpenAIProvider  # noqa: E402
from coach.types import Request, Turn  # noqa: E402
from tests.coach.provider_stand_in import Reply, StandIn  # noqa: E402

REQUEST = Request(system='You are a coach.', messages=(Turn('user', 'How can I fill the quiet afternoons?'),),
                  question='How can I fill the quiet afternoons?', snapshot=None, passages=())


async def cpu_per_chunk(provider, stand_in: StandIn, name: str, chunks: int, rate: float) -> float:
    stand_in.script(name, Reply(chunks=tuple(f'word{i} ' for i in range(chunks)), chunk_delay=1 / rate, paced=True))
    started, texts = time.thread_time(), 0
    async for item in provider.stream(REQUEST):
        texts += isinstance(item, str)
    if texts != chunks:
        raise RuntimeError(f'{name}: {texts} of {chunks} chunks arrived')
    return (time.thread_time() - started) / chunks


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--chunks', type=int, default=1000)
    parser.add_argument('--rate', type=float, default=250, help='chunks a second')
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    stand_in = StandIn()
    stand_in.start()
    try:
        providers = {'openai': OpenAIProvider('bench', 'gpt-test', base_url=stand_in.base_url('openai')),
                     'anthropic': AnthropicProvider('bench', 'claude-test', base_url=stand_in.base_url('anthropic')),
                     'gemini': GeminiProvider('bench', 'gemini-test', base_url=stand_in.base_url('gemini'))}
        print(f'| provider | loop CPU per chunk (µs): {args.rounds} rounds, {args.chunks} chunks at {args.rate:g}/s |')
        print('|---|---|')
        for name, provider in providers.items():
            figures = [await cpu_per_chunk(provider, stand_in, name, args.chunks, args.rate)
                       for _ in range(args.rounds)]
            print(f'| {name} | {", ".join(f"{f * 1e6:.0f}" for f in figures)} |', flush=True)
            await provider.aclose()
    finally:
        stand_in.stop()


if __name__ == '__main__':
    asyncio.run(main())
