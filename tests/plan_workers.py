"""Waiting for a what-if's worker processes to start, for tests that then cancel or close it."""
import asyncio


async def until_workers(run, count: int = 2) -> list:
    """The run's workers once `count` have started (a generous bound: a busy machine is slow to fork)."""
    for _ in range(3000):
        if len(run.workers) == count:
            break
        await asyncio.sleep(0.01)
    return run.workers
