"""What one demo shop's engine keeps: tracemalloc of one engine with --days of history, grouped by file and line.

    .venv/bin/python bench/engine_memory.py [--days 120] [--top 25] [--from-state]

--from-state: the engine a restart holds, loaded from the stored state of one replayed outside the measure.
"""
import argparse
import gc
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopEngine, SimClock, demo_profile, state  # noqa: E402

ROOT = f'{Path(__file__).parents[1]}/'
START = datetime(2026, 11, 24, 11, 30, tzinfo=UTC).timestamp()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--days', type=int, default=120)
    parser.add_argument('--top', type=int, default=25)
    parser.add_argument('--from-state', action='store_true', help='loaded from a stored state, as at a restart')
    args = parser.parse_args()
    profile = demo_profile('America/New_York', 'm')  # imports and caches outside the measure
    stored = state.dump(_replayed(profile, args.days)) if args.from_state else None
    tracemalloc.start(1)
    before = tracemalloc.take_snapshot()
    started = time.perf_counter()
    if stored is None:
        engine = _replayed(profile, args.days)
    else:
        engine = ShopEngine.simulated(profile, SimClock(START, 0), 7, args.days)
        state.load_into(engine, stored)
        engine.advance()
    engine.go_live()
    engine.snapshot()
    seconds = time.perf_counter() - started
    gc.collect()  # what is held, not the garbage the collector has not come to yet
    after = tracemalloc.take_snapshot()
    stats = after.compare_to(before, 'lineno')
    total, blocks = sum(s.size_diff for s in stats), sum(s.count_diff for s in stats)
    how = 'loaded from a state' if stored else 'replay'
    print(f'{how} {seconds:.2f} s, traced {total / 1e6:.2f} MB in {blocks:,} blocks for one shop of {args.days} days '
          '(and each block a few bytes more in the allocator: fewer objects, less memory)')
    by_file: dict[str, tuple[int, int]] = {}
    for s in stats:
        name = s.traceback[0].filename.removeprefix(ROOT)
        size, count = by_file.get(name, (0, 0))
        by_file[name] = (size + s.size_diff, count + s.count_diff)
    for name, (size, count) in sorted(by_file.items(), key=lambda item: -item[1][0])[:12]:
        print(f'{size / 1e3:9.1f} KB {count:8,} blocks  {name}')
    print('--- by line')
    for s in stats[:args.top]:
        where = f'{s.traceback[0].filename.removeprefix(ROOT)}:{s.traceback[0].lineno}'
        print(f'{s.size_diff / 1e3:9.1f} KB {s.count_diff:8,} blocks  {where}')
    del engine


def _replayed(profile, days: int) -> ShopEngine:
    engine = ShopEngine.simulated(profile, SimClock(START, 0), 7, days)
    engine.advance()
    return engine


if __name__ == '__main__':
    main()
