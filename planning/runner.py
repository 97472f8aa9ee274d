"""A what-if's runs in worker processes, so the event loop stays free: progress as runs finish, and cancellable.

Each plan gets its own small pool (WORKERS processes, as many as the machine has cores at most), closed when the plan
ends. Cancelling sets an event every worker looks at before each simulated day, so a cancelled plan's workers stop
within a day's simulation (milliseconds); a worker that has not ended STOP_WAIT seconds later is terminated.

Start method: 'fork' by default, on purpose. 'spawn' and 'forkserver' start each worker by importing the app's main
module again (multiprocessing's rule for the __main__ module): main.py's imports alone take about 2 s per worker, and
its module code would run again in each. A forked worker is a copy-on-write image of the server that runs engine code
only (no I/O, no threads, no locks the server's other threads could hold); it freezes what it inherited so that its
collector never walks (and so copies) the server's objects, and undoes the server's signal handling. Workers run
at a lower priority (NICENESS), so that on a machine as small as 2 cores the server's pages keep the CPU they need.
"""
import asyncio
import gc
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.synchronize import Event

from engine.planner import Cancelled, Outcome, Plan, PlanResult

WORKERS = min(2, os.cpu_count() or 1)
STOP_WAIT = 5.0  # seconds a cancelled plan's workers have to stop before they are terminated
NICENESS = 10  # workers yield the CPU to the server: live pages come first, a plan takes longer on a busy machine

_cancelled: Event | None = None  # in a worker: its plan's cancel event


class PlanRun:
    """One what-if running: `await run.result()`, `run.progress` (seeds done, seeds in all), `run.cancel()`."""

    def __init__(self, what_if: Plan, on_progress: Callable[[int, int], None] | None = None,
                 workers: int = WORKERS, start_method: str = 'fork') -> None:
        self.plan = what_if
        self.progress = (0, len(what_if.seeds))
        self.on_progress = on_progress
        context = multiprocessing.get_context(start_method)
        self._cancel = context.Event()
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                         initargs=(self._cancel,))
        self._task: asyncio.Task | None = None

    async def result(self) -> PlanResult:
        """The result once every run is done; raises Cancelled if the plan was cancelled (or the caller was)."""
        if self._task is None:
            self._task = asyncio.ensure_future(self._run())
        return await self._task

    def cancel(self) -> None:
        """Stop the workers; `result()` then raises Cancelled."""
        self._cancel.set()
        if self._task is not None:
            self._task.cancel()

    @property
    def workers(self) -> list[multiprocessing.process.BaseProcess]:
        """The worker processes, while the pool has them."""
        return list((self._pool._processes or {}).values())

    async def _run(self) -> PlanResult:
        loop = asyncio.get_running_loop()
        futures = {loop.run_in_executor(self._pool, _run, self.plan, seed): seed for seed in self.plan.seeds}
        outcomes: dict[int, tuple[Outcome, Outcome]] = {}
        try:
            pending = set(futures)
            while pending:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for future in done:
                    outcomes[futures[future]] = future.result()
                self.progress = (len(outcomes), len(futures))
                if self.on_progress is not None:
                    self.on_progress(*self.progress)
            return self.plan.result(outcomes)
        except (asyncio.CancelledError, Cancelled):
            self._cancel.set()
            raise Cancelled() from None
        finally:
            await self._close(list(futures))

    async def _close(self, futures: list[asyncio.Future]) -> None:
        """Let the workers end their day (at once when cancelled) and the pool end them; terminate one that hangs."""
        processes = list((self._pool._processes or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        await asyncio.wait(futures, timeout=STOP_WAIT)
        for future in futures:
            if future.done() and not future.cancelled():
                future.exception()  # retrieved: a cancelled run's Cancelled is no news
        await _ended(processes)
        for process in processes:
            if process.is_alive():
                process.terminate()  # it did not stop by itself
        await _ended(processes)


async def _ended(processes: list[multiprocessing.process.BaseProcess]) -> None:
    """Wait until the processes have ended, STOP_WAIT seconds at most."""
    deadline = time.monotonic() + STOP_WAIT
    while any(process.is_alive() for process in processes) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


def _start_worker(cancel: Event) -> None:
    global _cancelled
    _cancelled = cancel
    gc.freeze()  # what the server had: never walked by this worker's collector, so never copied
    os.nice(NICENESS)
    signal.set_wakeup_fd(-1)  # the server's loop listens on it: a signal here must not reach the server
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which ends its workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(what_if: Plan, seed: int) -> tuple[Outcome, Outcome]:
    cancel = _cancelled
    return what_if.run(seed, cancel.is_set if cancel is not None else lambda: False)
