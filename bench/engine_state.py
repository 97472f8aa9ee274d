"""A shop's engine stored and loaded against replayed: one demo shop with --days of history.

    .venv/bin/python bench/engine_state.py [--days 120] [--runs 3]

Prints the replay's time, the state's size, the time to read it off the engine (on the event loop), to make it
bytes (a thread) and to load it (a fresh engine set to it, and its first advance), best of --runs.
"""
import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopEngine, SimClock, demo_profile, state  # noqa: E402

START = datetime(2026, 11, 24, 11, 30, tzinfo=UTC).timestamp()


def best(runs: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument('--days', type=int, default=120)
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()
    profile = demo_profile('America/New_York', 'bench')

    def replay() -> ShopEngine:
        engine = ShopEngine.simulated(profile, SimClock(START, 0), 7, args.days)
        engine.advance()
        return engine

    def load() -> ShopEngine:
        engine = ShopEngine.simulated(profile, SimClock(START, 0), 7, args.days)
        state.load_into(engine, data)
        engine.advance()
        return engine

    replayed_s, engine = best(args.runs, replay)
    take_s, taken = best(args.runs, lambda: state.take(engine))
    pack_s, data = best(args.runs, lambda: state.pack(taken))
    load_s, _ = best(args.runs, load)
    print(f'{args.days} days, {engine.metrics.events_applied:,} events: replay {replayed_s:.2f} s; state '
          f'{len(data) / 1e3:.0f} KB: take {take_s * 1e3:.0f} ms (event loop), pack {pack_s * 1e3:.0f} ms (thread), '
          f'load and first advance {load_s:.2f} s ({replayed_s / load_s:.1f}x faster than the replay)')


if __name__ == '__main__':
    main()
