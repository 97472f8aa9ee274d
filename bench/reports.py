"""Reports over a year of one shop's history: how long a 12-month report takes by each grouping, what the per-day
aggregates hold in memory (120 days and a year), and what they take stored. Prints figures; asserts nothing.

    .venv/bin/python bench/reports.py [--days 365] [--rounds 40] [--seed 7]

Memory is what the analytics keep after their events are gone (tracemalloc, events decoded inside the measure so
the strings the aggregates hold count). The last line is one JSON object with the figures.
"""
import argparse
import gc
import json
import statistics
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import SimulatedFeed, Simulation, demo_profile  # noqa: E402
from engine.analytics import GROUPINGS, Analytics, Period, codec, period_for  # noqa: E402
from engine.events import event_from_dict  # noqa: E402
from engine.profile import ShopProfile  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--days', type=int, default=365, help='days of history (default: a year)')
    parser.add_argument('--rounds', type=int, default=40, help='reports per grouping')
    parser.add_argument('--seed', type=int, default=7)
    args = parser.parse_args(argv)

    profile = demo_profile('America/New_York')
    now = datetime(2026, 11, 24, 15, tzinfo=profile.tz).timestamp()
    events = _history(profile, args.seed, now, args.days)
    log = [json.dumps(e.to_dict()) for e in events]
    print(f'{args.days} days of the demo shop: {len(log):,} events')

    analytics = Analytics(profile)
    started = time.process_time()
    for event in events:
        analytics.apply(event)
    seconds = time.process_time() - started
    print(f'applied: {seconds / len(log) * 1e6:.1f} µs CPU per event')

    today = profile.local(now).date()
    period = Period(today - timedelta(364), today)
    timings = {str(by): _timings(analytics, period, by, now, args.rounds) for by in (None, *GROUPINGS)}
    rounds = [sum(times[i] for times in timings.values()) for i in range(args.rounds)]
    comparisons = analytics.report(period, now=now)
    compared = sum(part is not None for part in (comparisons.previous, comparisons.year_before))
    print(f'12-month report ({period.start} to {period.end}; with {compared} of its 2 comparisons, as far as the '
          f'history reaches), {args.rounds} rounds, CPU ms p50 / p95:')
    for by, times in timings.items():
        print(f'  by {by:8}: {_p(times, 50):6.1f} / {_p(times, 95):6.1f}')
    print(f'  all six  : {_p(rounds, 50):6.1f} / {_p(rounds, 95):6.1f}')
    month = analytics.report(period_for('last_month', today), 'barber', now=now)
    print(f'last month: revenue {month.figures["revenue"]:,.0f}, {month.figures["visits"]:,} visits, utilization '
          f'{month.figures["utilization"]:.0%}; against the month before {month.change("revenue"):+.1%}')

    page = {preset: _page_timings(analytics, period_for(preset, today), now, args.rounds // 4 or 1)
            for preset in ('this_month', 'last_12_months')}
    print('Reports page, its figures, charts and tables built before its first paint (ui/reports/view.py), CPU ms '
          'p50 / p95: ' + ', '.join(f'{preset} {_p(t, 50):.1f} / {_p(t, 95):.1f}' for preset, t in page.items()))
    recent = [line for line in log if _after(line, now - 120 * 86400)]
    memory_120, memory_year = _memory(profile, recent), _memory(profile, log)
    dumped = codec.dump(analytics)
    day_bytes = sum(map(len, dumped.days.values()))
    per_year = day_bytes / len(dumped.days) * 365 + len(dumped.state)
    print(f'memory of the aggregates: 120 days {memory_120 / 1024:,.0f} KB, {args.days} days '
          f'{memory_year / 1024:,.0f} KB ({len(analytics.days)} days, {len(analytics.slots)} slots a day, '
          f'{len(analytics.clients):,} clients)')
    print(f'stored: {day_bytes / len(dumped.days):,.0f} bytes a day, and the state {len(dumped.state) / 1024:,.0f} KB: '
          f'{per_year / 1024:,.0f} KB per shop-year')
    result = {
        'days': args.days, 'events': len(log), 'comparisons': compared,
        'apply_us_per_event': round(seconds / len(log) * 1e6, 2),
        'report_12m_ms': {by: {'p50': round(_p(t, 50), 2), 'p95': round(_p(t, 95), 2)} for by, t in timings.items()},
        'report_12m_all_groupings_ms': {'p50': round(_p(rounds, 50), 2), 'p95': round(_p(rounds, 95), 2)},
        'memory_120_days_kb': round(memory_120 / 1024), f'memory_{args.days}_days_kb': round(memory_year / 1024),
        'stored_kb_per_shop_year': round(per_year / 1024),
        'reports_page_build_ms': {preset: {'p50': round(_p(t, 50), 2), 'p95': round(_p(t, 95), 2)}
                                  for preset, t in page.items()},
    }
    print(json.dumps(result))
    return result


def _history(profile: ShopProfile, seed: int, now: float, days: int) -> list:
    """The demo shop's events of `days` days up to `now`, in time order, as the engine gets them."""
    return SimulatedFeed(Simulation(profile, seed), now - days * 86400).due(now)


def _analytics(profile: ShopProfile, log: list[str]) -> Analytics:
    analytics = Analytics(profile)
    for line in log:
        analytics.apply(event_from_dict(json.loads(line)))
    return analytics


def _memory(profile: ShopProfile, log: list[str]) -> int:
    """Bytes the analytics keep once their events are gone."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    analytics = _analytics(profile, log)
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del analytics
    return kept


def _timings(analytics: Analytics, period: Period, by: str | None, now: float, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.process_time()
        analytics.report(period, by, now=now)
        times.append((time.process_time() - started) * 1000)
    return times


def _page_timings(analytics: Analytics, period: Period, now: float, rounds: int) -> list[float]:
    from ui.reports import view  # the page's own work; imported here so the rest of the bench needs no NiceGUI
    times = []
    for _ in range(rounds):
        started = time.process_time()
        view.build(analytics, period, now)
        times.append((time.process_time() - started) * 1000)
    return times


def _after(line: str, at: float) -> bool:
    return json.loads(line)['at'] >= at


def _p(values: list[float], percentile: int) -> float:
    return statistics.quantiles(values, n=100, method='inclusive')[percentile - 1] if len(values) > 1 else values[0]


if __name__ == '__main__':
    main()
