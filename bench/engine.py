"""One simulated shop-year through the engine, and what one snapshot costs. Prints figures; asserts nothing.

    .venv/bin/python bench/engine.py [--days 365] [--seed 7]
"""
import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopEngine, SimClock, demo_profile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--days', type=int, default=365)
    parser.add_argument('--seed', type=int, default=7)
    args = parser.parse_args()

    profile = demo_profile('America/New_York')
    clock = SimClock(start=datetime(2026, 11, 24, 15, tzinfo=profile.tz).timestamp(), speed=0)
    started = time.perf_counter()
    engine = ShopEngine.simulated(profile, clock, args.seed, history_days=args.days)
    events = engine.advance()
    seconds = time.perf_counter() - started
    print(f'simulated and aggregated {args.days} days: {events:,} events in {seconds:.3f} s '
          f'({events / seconds:,.0f} events/s)')

    rounds = 10_000
    started = time.perf_counter()
    for _ in range(rounds):
        engine.snapshot()
    print(f'one snapshot: {(time.perf_counter() - started) / rounds * 1e6:.1f} µs')
    month = engine.snapshot().kpis_month
    retention = ', '.join(f'{_percent(getattr(month, f"retention_{n}"))} within {n} days' for n in (30, 60, 90))
    print(f'last 30 days: {month.new_clients} new and {month.returning_clients} returning clients, '
          f'{_percent(month.rebooking_rate)} of visits rebooked before leaving; retention {retention}')


def _percent(value: float | None) -> str:
    return '–' if value is None else f'{value:.0%}'


if __name__ == '__main__':
    main()
