"""The what-if planner: how long 8 weeks x 8 seeds take in worker processes, and what the event loop feels meanwhile.
Prints figures; asserts nothing.

    .venv/bin/python bench/plan.py [--weeks 8] [--seeds 8] [--change '{"kind": "add_barber", "weekdays": ["Saturday"]}']

- Learning the model from the demo shop's analytics (on the event loop, as the app does), and the plan's wall time
  through planning/ (WORKERS niced worker processes), against the same runs one after the other in this process.
- The event loop's lag while the plan runs: a 10 ms ticker's lateness, p50 / p95 / max, against the same without a
  plan (the loop only awaits the workers; the CPU they take is what other work on the machine feels).
The last line is one JSON object with the figures.
"""
import argparse
import asyncio
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopEngine, SimClock, demo_profile  # noqa: E402
from engine.planner import parse, plan, run_plan  # noqa: E402
from planning import runner  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--weeks', type=int, default=8)
    parser.add_argument('--seeds', type=int, default=8)
    parser.add_argument('--change', default='{"kind": "add_barber", "weekdays": ["Saturday"]}')
    parser.add_argument('--idle', type=float, default=3.0, help='seconds the loop lag is measured without a plan')
    return asyncio.run(_main(parser.parse_args(argv)))


async def _main(args: argparse.Namespace) -> dict:
    profile = demo_profile('America/New_York')
    now = datetime(2026, 11, 24, 13, 30, tzinfo=profile.tz).timestamp()
    engine = ShopEngine.simulated(profile, SimClock(start=now, speed=0), 7, 120)
    engine.advance()
    changes = parse([json.loads(args.change)])
    started = time.perf_counter()
    what_if = plan(engine.analytics, profile.local(now).date(), changes, args.weeks, args.seeds)
    learn_ms = (time.perf_counter() - started) * 1000
    idle = await _lag(asyncio.sleep(args.idle))
    started = time.perf_counter()
    run = runner.PlanRun(what_if)
    lag = await _lag(run.result())
    wall = time.perf_counter() - started
    result = await run.result()
    started = time.process_time()
    serial = run_plan(what_if)
    cpu = time.process_time() - started
    assert serial == result
    print(f'learned the model in {learn_ms:.0f} ms; {args.weeks} weeks x {args.seeds} seeds, both arms '
          f'({2 * args.seeds} runs): {wall:.1f} s in {runner.WORKERS} worker processes (goal < 10 s), '
          f'{cpu:.1f} s of CPU one after the other')
    print(f'event loop lag, 10 ms ticker: without a plan p50 {idle[0]:.1f} / p95 {idle[1]:.1f} / max {idle[2]:.1f} ms; '
          f'with one running {lag[0]:.1f} / {lag[1]:.1f} / {lag[2]:.1f} ms')
    for figure in result.figures.values():
        c = figure.change
        print(f'  {figure.label} ({figure.unit}): {figure.before.median:,.2f} -> {figure.after.median:,.2f}, change '
              f'{c.median:+,.2f} (range {c.low:+,.2f} to {c.high:+,.2f})')
    print('  the shop itself, per week:', {k: round(v, 2) for k, v in result.actual.items()})
    out = {'weeks': args.weeks, 'seeds': args.seeds, 'workers': runner.WORKERS, 'learn_ms': round(learn_ms, 1),
           'wall_s': round(wall, 2), 'serial_cpu_s': round(cpu, 2),
           'loop_lag_ms': {'idle': [round(x, 1) for x in idle], 'plan': [round(x, 1) for x in lag]},
           'change': {name: [round(f.change.low, 2), round(f.change.median, 2), round(f.change.high, 2)]
                      for name, f in result.figures.items()}}
    print(json.dumps(out))
    return out


async def _lag(work) -> tuple[float, float, float]:
    """How late a 10 ms ticker runs while `work` is awaited (p50, p95, max in ms)."""
    late: list[float] = []
    task = asyncio.ensure_future(work)
    while not task.done():
        before = time.perf_counter()
        await asyncio.sleep(0.01)
        late.append((time.perf_counter() - before - 0.01) * 1000)
    await task
    ordered = statistics.quantiles(late, n=100, method='inclusive')
    return ordered[49], ordered[94], max(late)


if __name__ == '__main__':
    main()
