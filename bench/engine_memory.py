"""What one demo shop's engine keeps: tracemalloc of one engine with --days of history, grouped by file and line.

    .venv/bin/python bench/engine_memory.py [--days 120] [--top 25]
"""
import argparse
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopEngine, SimClock, demo_profile  # noqa: E402

ROOT = f'{Path(__file__).parents[1]}/'
START = datetime(2026, 11, 24, 11, 30, tzinfo=UTC).timestamp()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--days', type=int, default=120)
    parser.add_argument('--top', type=int, default=25)
    args = parser.parse_args()
    demo_profile()  # imports and caches outside the measure
    tracemalloc.start(1)
    before = tracemalloc.take_snapshot()
    started = time.perf_counter()
    engine = ShopEngine.simulated(demo_profile('America/New_York', 'm'), SimClock(START, 0), 7, args.days)
    engine.advance()
    engine.go_live()
    engine.snapshot()
    seconds = time.perf_counter() - started
    after = tracemalloc.take_snapshot()
    stats = after.compare_to(before, 'lineno')
    total = sum(s.size_diff for s in stats)
    print(f'replay {seconds:.2f} s, traced {total / 1e6:.2f} MB for one shop of {args.days} days')
    by_file: dict[str, int] = {}
    for s in stats:
        name = s.traceback[0].filename.removeprefix(ROOT)
        by_file[name] = by_file.get(name, 0) + s.size_diff
    for name, size in sorted(by_file.items(), key=lambda item: -item[1])[:12]:
        print(f'{size / 1e3:9.1f} KB  {name}')
    print('--- by line')
    for s in stats[:args.top]:
        frame = s.traceback[0]
        print(f'{s.size_diff / 1e3:9.1f} KB  {frame.filename.removeprefix(ROOT)}:{frame.lineno}')
    del engine


if __name__ == '__main__':
    main()
