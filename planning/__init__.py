"""The what-if planner as a service: plans made from a running shop's engine, run in worker processes.

shops/plans.py holds it for the app.

    result = await what_if(engine, [{'kind': 'add_barber', 'weekdays': ['Saturday']}], on_progress=show)
    run = start(engine, changes)          # to show progress and offer Cancel:
    run.progress; run.cancel(); await run.result()   # result() raises engine.planner.Cancelled once cancelled
"""
from collections.abc import Callable

from engine import ShopEngine
from engine.planner import Change, PlanResult, parse, plan

from .runner import PlanRun


def start(engine: ShopEngine, changes: list[dict] | list[Change], weeks: int = 8, seeds: int = 8,
          on_progress: Callable[[int, int], None] | None = None) -> PlanRun:
    """A what-if of `changes` (dicts as engine.planner.parse takes them, or Change objects) on the shop as it is now,
    ready to run: learned on the event loop (it reads the live analytics, ~30 ms), run in worker processes. Raises
    PlanError (with `field`) for a change that cannot be tried."""
    parsed = parse(changes) if changes and isinstance(changes[0], dict) else list(changes)  # type: ignore[arg-type]
    today = engine.profile.local(engine.clock.now()).date()
    return PlanRun(plan(engine.analytics, today, parsed, weeks, seeds), on_progress)


async def what_if(engine: ShopEngine, changes: list[dict] | list[Change], weeks: int = 8, seeds: int = 8,
                  on_progress: Callable[[int, int], None] | None = None) -> PlanResult:
    """`start` and wait for the result (what a coach tool or an API route calls)."""
    return await start(engine, changes, weeks, seeds, on_progress).result()


__all__ = ['PlanRun', 'start', 'what_if']
