"""Where a shop's memory goes in the app, the engine and all around it: tracemalloc of `Shops` with N shops started,
then N more, grouped by file (what the second N added, per shop).

    .venv/bin/python bench/shops_memory.py [--shops 2] [--top 25]

Demo shops are seeded through the store in a temporary folder and started as the app starts them (`start_next`), with
no page open and no engine loop: what a shop costs that nobody watches.
"""
import argparse
import asyncio
import gc
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench.live_app import ZONE, seed  # noqa: E402
from engine import SimClock  # noqa: E402
from settings import Settings  # noqa: E402
from shops.service import Shops  # noqa: E402

ROOT = f'{Path(__file__).parents[1]}/'
START = datetime(2026, 11, 24, 11, 30, tzinfo=UTC)


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix='chairside-shops-memory-') as folder:
        await seed(Path(folder), 2 * args.shops)
        settings = Settings(data_dir=Path(folder), sim_start=START, sim_speed=0, shop_timezone=ZONE, _env_file=None)
        shops = Shops(settings, SimClock(start=START.timestamp(), speed=0))
        await shops.open()
        await _start(shops, args.shops)  # the first ones also warm up what every shop shares (imports, caches)
        tracemalloc.start(1)
        before = _snapshot()
        started = time.perf_counter()
        await _start(shops, args.shops)
        seconds = time.perf_counter() - started
        stats = _snapshot().compare_to(before, 'lineno')
        await shops.store.close()
    total, blocks = sum(s.size_diff for s in stats), sum(s.count_diff for s in stats)
    print(f'{args.shops} shops more in {seconds:.1f} s: '
          f'traced {total / 1e6 / args.shops:.2f} MB in {blocks / args.shops:.0f} blocks a shop')
    by_file: dict[str, list[int]] = {}
    for s in stats:
        size_blocks = by_file.setdefault(s.traceback[0].filename.removeprefix(ROOT), [0, 0])
        size_blocks[0] += s.size_diff
        size_blocks[1] += s.count_diff
    for name, (size, count) in sorted(by_file.items(), key=lambda item: -item[1][0])[:args.top]:
        print(f'{size / 1e3 / args.shops:9.1f} KB {count / args.shops:7.0f} blocks a shop  {name}')
    print('--- by line')
    for s in stats[:args.top]:
        frame = s.traceback[0]
        print(f'{s.size_diff / 1e3 / args.shops:9.1f} KB {s.count_diff / args.shops:7.0f} blocks a shop  '
              f'{frame.filename.removeprefix(ROOT)}:{frame.lineno}')


async def _start(shops: Shops, count: int) -> None:
    for _ in range(count):
        assert await shops.start_next() is not None


def _snapshot() -> tracemalloc.Snapshot:
    gc.collect()
    return tracemalloc.take_snapshot()


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--shops', type=int, default=2)
    parser.add_argument('--top', type=int, default=25)
    asyncio.run(main(parser.parse_args()))
