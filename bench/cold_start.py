"""How long `python main.py` takes to answer a page, and to have its knowledge index, from a fresh data folder.

    .venv/bin/python bench/cold_start.py [--runs 3]

Each run starts the app on a new data folder holding an owner and a demo shop (whose 120 days of simulated history
the app replays as it starts), with the knowledge index already built in --knowledge-dir (as after a first start),
and polls the sign-in page every 50 ms. Prints seconds to its first answer, and to /api/health saying the knowledge
is ready (the embedding model loads in the background, after the pages already answer).
"""
import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.live_app import Server, get_health, monitor_browser, seed  # noqa: E402


async def one_run(knowledge_dir: Path) -> tuple[float | None, float | None]:
    with tempfile.TemporaryDirectory(prefix='chairside-cold-') as folder:
        _, monitor = await seed(Path(folder), 1)  # an owner and a demo shop, whose history the app replays as it starts
        server = Server(Path(folder), 1.0, '2026-11-24T11:30:00', knowledge_dir, Path(folder) / 'app.log')
        started = time.monotonic()
        server.launch()
        page = knowledge = None
        try:
            async with monitor_browser(monitor) as http:
                while knowledge is None and time.monotonic() - started < 120:
                    if page is None:
                        page = await _answered(http, server.url + '/login', started)
                    else:
                        health = await get_health(http, server.url)
                        if health and health.get('knowledge') == 'ready':
                            knowledge = time.monotonic() - started
                    await asyncio.sleep(0.05)
        finally:
            server.stop()
        return page, knowledge


async def _answered(http: aiohttp.ClientSession, url: str, started: float) -> float | None:
    try:
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
            return time.monotonic() - started if response.status == 200 else None
    except (aiohttp.ClientError, TimeoutError, OSError):
        return None


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--knowledge-dir', type=Path, default=Path(tempfile.gettempdir()) / 'chairside-bench-knowledge')
    args = parser.parse_args()
    for run in range(args.runs):
        page, knowledge = await one_run(args.knowledge_dir)
        print(f'run {run + 1}: first page answered after {page:.2f} s; knowledge ready after {knowledge:.2f} s',
              flush=True)


if __name__ == '__main__':
    asyncio.run(main())
