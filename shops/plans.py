"""The shops' what-if plans, run in worker processes (planning/): one at a time per shop, all ended on shutdown.

One at a time per shop: a plan takes both cores' spare time for a few seconds, and a second one started meanwhile
would only make both slower; whoever asks while one runs is told so and may cancel it.
"""
import asyncio
from collections.abc import Callable, Mapping

import planning
from engine import ShopEngine
from engine.planner import PlanResult
from planning import PlanRun


class PlanBusy(RuntimeError):
    """The shop already has a plan running."""


class Plans:
    def __init__(self, engines: Mapping[str, ShopEngine]) -> None:
        self._engines = engines
        self.running: dict[str, tuple[PlanRun, asyncio.Future[PlanResult]]] = {}  # by shop id

    def start(self, shop_id: str, changes: list[dict], weeks: int = 8, seeds: int = 8,
              on_progress: Callable[[int, int], None] | None = None) -> tuple[PlanRun, asyncio.Future[PlanResult]]:
        """A what-if of `changes` (as engine.planner.parse takes them) on the shop as it is now, running at once: the
        run (progress, workers) and its result to await (engine.planner.Cancelled once cancelled); the shop is free
        for the next plan before whoever awaits it hears. Raises PlanError (a change), ValueError (weeks, seeds) or
        PlanBusy."""
        if shop_id in self.running:
            raise PlanBusy('A plan is already running for this shop: wait for its result or cancel it.')
        run = planning.start(self._engines[shop_id], changes, weeks, seeds, on_progress)
        done = asyncio.ensure_future(self._run(shop_id, run))
        done.add_done_callback(lambda f: f.cancelled() or f.exception())  # retrieved: a Cancelled is no news
        self.running[shop_id] = run, done
        return run, done

    def cancel(self, shop_id: str, run: PlanRun | None = None) -> None:
        """Cancel the shop's plan (only if it is still `run`, when given); its workers stop within a simulated day."""
        current = self.running.get(shop_id)
        if current is not None and (run is None or current[0] is run):
            current[0].cancel()

    async def close(self) -> None:
        """Cancel every plan and wait until their workers have ended (the app's shutdown)."""
        running = list(self.running.values())
        for run, _ in running:
            run.cancel()
        await asyncio.gather(*(done for _, done in running), return_exceptions=True)

    async def _run(self, shop_id: str, run: PlanRun) -> PlanResult:
        try:
            return await run.result()
        finally:
            del self.running[shop_id]
