"""The forecast, backtested: a rolling origin over the demo shop's last 8 weeks, for three seeds. Prints figures;
asserts nothing.

    .venv/bin/python bench/forecast.py [--seeds 7,8,9] [--weeks 8] [--history 120]

Each evening (22:00, the shop closed) of the last `weeks` weeks, the forecast of the 7 days after it is made from the
shop's analytics as they stood then (the book included), and each day's revenue is compared with what came:
- MAPE (mean absolute percentage error) of the forecast, against the seasonal naive forecast (the same weekday a week
  before, known that evening). Goal: at most 0.8 x the naive one.
- Coverage of the 80% interval: the share of actual days inside it. Goal: 75-85%.
- Today at 13:00: the whole day's revenue (taken so far plus the rest) against "taken so far plus what the same
  weekday a week before took after 13:00".
- CPU per forecast (7 days ahead; there is nothing to fit apart from it: the model is made anew on each call).
The last line is one JSON object with the figures.
"""
import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopEngine, SimClock, demo_profile  # noqa: E402
from engine.forecast import Range, forecast  # noqa: E402
from engine.forecast.history import read  # noqa: E402

END = date(2026, 11, 23)  # the last day forecast (a Monday)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seeds', default='7,8,9', help='demo shops, by seed')
    parser.add_argument('--weeks', type=int, default=8, help='weeks of origins')
    parser.add_argument('--history', type=int, default=120, help='days of history before the first origin')
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(',')]
    result: dict = {'weeks': args.weeks, 'seeds': seeds, 'per_seed': {}}
    errors, naive_errors, inside, today_errors, today_naive, today_inside, cpu = [], [], [], [], [], [], []
    weeks_inside, week_errors = [], []
    for seed in seeds:
        run = _backtest(seed, args.weeks, args.history)
        errors += run['errors']
        naive_errors += run['naive']
        inside += run['inside']
        today_errors += run['today']
        today_naive += run['today_naive']
        today_inside += run['today_inside']
        weeks_inside += run['week_inside']
        week_errors += run['week']
        cpu += run['cpu_ms']
        result['per_seed'][str(seed)] = {'mape': _mean(run['errors']), 'naive_mape': _mean(run['naive']),
                                    'coverage': _mean(run['inside'])}
        print(f'seed {seed}: MAPE {_mean(run["errors"]):.1%} against the seasonal naive {_mean(run["naive"]):.1%} '
              f'(ratio {_mean(run["errors"]) / _mean(run["naive"]):.2f}); 80% interval covered '
              f'{_mean(run["inside"]):.0%} of {len(run["inside"])} days')
    ratio = _mean(errors) / _mean(naive_errors)
    print(f'all: daily revenue 1-7 days ahead, MAPE {_mean(errors):.1%}, seasonal naive {_mean(naive_errors):.1%}: '
          f'ratio {ratio:.2f} (goal <= 0.80); 80% interval coverage {_mean(inside):.1%} (goal 75-85%)')
    print(f"today at 13:00, the day's revenue: MAPE {_mean(today_errors):.1%}, taken plus last week's afternoon "
          f'{_mean(today_naive):.1%}; its 80% interval covered {_mean(today_inside):.0%} of {len(today_inside)} days')
    print(f'the 7 days ahead as one total: MAPE {_mean(week_errors):.1%}; its 80% interval (days as independent) '
          f'covered {_mean(weeks_inside):.0%} of {len(weeks_inside)} weeks')
    print(f'CPU per forecast (7 days ahead, from the analytics): p50 {_p(cpu, 50):.1f} ms, p95 {_p(cpu, 95):.1f} ms: '
          f'{_p(cpu, 50) * 1000 / 1000:.1f} s of CPU for a thousand shops')
    result.update({'mape': round(_mean(errors), 4), 'naive_mape': round(_mean(naive_errors), 4),
                   'ratio': round(ratio, 3), 'coverage': round(_mean(inside), 3),
                   'today_13h_mape': round(_mean(today_errors), 4),
                   'today_13h_naive_mape': round(_mean(today_naive), 4),
                   'today_13h_coverage': round(_mean(today_inside), 3),
                   'week_mape': round(_mean(week_errors), 4), 'week_coverage': round(_mean(weeks_inside), 3),
                   'cpu_ms_p50': round(_p(cpu, 50), 2), 'cpu_ms_p95': round(_p(cpu, 95), 2)})
    print(json.dumps(result))
    return result


def _backtest(seed: int, weeks: int, history: int) -> dict:
    profile = demo_profile('America/New_York')
    first_origin = END - timedelta(weeks * 7 + 6)
    start = datetime.combine(first_origin - timedelta(history), datetime.min.time(), profile.tz).timestamp()
    clock = SimClock(start=start, speed=0)
    engine = ShopEngine.simulated(profile, clock, seed, history_days=0)
    found: dict = {'errors': [], 'naive': [], 'inside': [], 'today': [], 'today_naive': [], 'today_inside': [],
                   'week': [], 'week_inside': [], 'cpu_ms': []}
    origins = [first_origin + timedelta(n) for n in range(weeks * 7)]
    made: dict[date, list] = {}
    midday: dict[date, tuple] = {}  # day -> (forecast at 13:00, taken then, last week's rest after 13:00)
    for origin in origins:
        _run_to(engine, clock, profile.instant(origin, datetime.min.time().replace(hour=13)))
        midday[origin] = _midday(engine, clock.now(), origin)
        _run_to(engine, clock, profile.instant(origin, datetime.min.time().replace(hour=22)))
        started = time.process_time()
        made[origin] = list(forecast(engine.analytics, clock.now(), 8).days[1:])
        found['cpu_ms'].append((time.process_time() - started) * 1000)
    _run_to(engine, clock, profile.instant(END + timedelta(8), datetime.min.time()))
    days = read(engine.analytics, first_origin - timedelta(7), END + timedelta(7))
    actual = {d: days.totals['revenue'][i] for i, d in enumerate(days.dates)}
    for ahead in made.values():
        if ahead[-1].day <= END:
            total, truth = Range.total([d.revenue for d in ahead]), sum(actual[d.day] for d in ahead)
            found['week'].append(abs(total.expected - truth) / truth)
            found['week_inside'].append(total.low <= truth <= total.high)
        for day in ahead:
            if day.day > END or not actual[day.day]:
                continue
            truth = actual[day.day]
            found['errors'].append(abs(day.revenue.expected - truth) / truth)
            found['naive'].append(abs(actual[day.day - timedelta(7)] - truth) / truth)
            found['inside'].append(day.revenue.low <= truth <= day.revenue.high)
    for origin, (expected, taken, naive_rest) in midday.items():
        truth = actual[origin]
        found['today'].append(abs(expected.expected - truth) / truth)
        found['today_inside'].append(expected.low <= truth <= expected.high)
        found['today_naive'].append(abs(taken + naive_rest - truth) / truth)
    return found


def _midday(engine: ShopEngine, now: float, today: date) -> tuple:
    result = forecast(engine.analytics, now, 1).today
    week_before = read(engine.analytics, today - timedelta(7), today - timedelta(7))
    return result.revenue, result.taken_revenue, float(week_before.hourly['revenue'][0, 13:].sum())


def _run_to(engine: ShopEngine, clock: SimClock, at: float) -> None:
    clock.advance(at - clock.now())
    engine.advance()


def _mean(values: list) -> float:
    return statistics.fmean(values) if values else float('nan')


def _p(values: list[float], percentile: int) -> float:
    return statistics.quantiles(values, n=100, method='inclusive')[percentile - 1] if len(values) > 1 else values[0]


if __name__ == '__main__':
    main()
