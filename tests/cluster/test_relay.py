"""Events posted to any worker are stored, acknowledged, and reach the engine of the worker that runs the shop, also
when they were posted while no worker ran it. Two workers in one process, on one real PostgreSQL."""
import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from cluster.worker import Worker
from engine import SimClock, demo_profile
from engine.events import event_from_dict
from settings import Settings
from shops import Shops
from shops.ingest import ingest, intake
from store.shops import ensure_shop, get_shop
from tests.api.helpers import NOW, visit

SHOP = 'fade-street'
NEVER = 3600.0  # the rounds' own beat: the tests take the rounds themselves


async def worker(url: str, name: str, data: Path) -> Worker:
    settings = Settings(database_url=url, data_dir=data / name, cluster=True, storage_secret='s')
    shops = Shops(settings, SimClock(start=NOW, speed=0), real_clock=SimClock(start=NOW, speed=0))
    cluster = Worker(shops, url, name, period=NEVER)
    await shops.open()
    await ensure_shop(shops.store, SHOP, 'Fade Street', 'Europe/London', demo_profile().to_dict(), mode='live')
    await cluster.start()
    return cluster


async def post(on: Worker, n: int) -> int:
    """One visit's events posted to `on` as the API does (checked against what `intake` gives); answers how many
    were accepted."""
    await intake(on.shops, SHOP)
    rows = visit(n)
    return (await ingest(on.shops, SHOP, rows, [event_from_dict(row) for row in rows])).accepted


async def applied(on: Worker, count: int) -> int:
    """The events the worker's engine of the shop holds, once it holds `count` (or 30 s have passed)."""
    deadline = time.monotonic() + 30  # a bound on a hang (a busy machine), not a measure of speed
    while time.monotonic() < deadline:
        engine = on.shops.engines.get(SHOP)
        if engine is not None and engine.metrics.events_applied >= count:
            break
        await asyncio.sleep(0.02)
    engine = on.shops.engines.get(SHOP)
    return -1 if engine is None else engine.metrics.events_applied


@pytest.fixture
async def pair(pg_url: str, tmp_path: Path) -> AsyncIterator[tuple[Worker, Worker]]:
    a = await worker(pg_url, 'a', tmp_path)
    b = await worker(pg_url, 'b', tmp_path)
    yield a, b
    for each in (a, b):
        await each.stop()
        await each.shops.store.close()


async def test_an_event_posted_to_a_worker_that_does_not_run_the_shop_reaches_the_one_that_does(pair):
    a, b = pair
    assert a.leases.holds(SHOP) and SHOP in a.shops.engines
    assert SHOP not in b.shops.engines, 'only the worker holding the lease runs the engine'
    assert await post(b, 1) == 3
    assert await applied(a, 3) == 3
    assert await post(a, 2) == 3
    assert await applied(a, 6) == 6
    assert await post(b, 1) == 0, 'a batch sent again is kept once'
    assert await post(b, 3) == 3
    assert await applied(a, 9) == 9, 'each event applied once'
    assert SHOP not in b.shops.engines


async def test_events_posted_while_no_worker_runs_the_shop_are_kept_and_applied_by_the_next(pair):
    a, b = pair
    assert await post(b, 1) == 3
    assert await applied(a, 3) == 3
    for task in a.tasks:  # a dies: no goodbye; its lease connection ends with it
        task.cancel()
    await a.leases.connection.connection.close()
    assert await post(b, 2) == 3  # nobody runs the shop now: stored and acknowledged all the same
    deadline = time.monotonic() + 30  # a bound: PostgreSQL frees a's lease once it has seen the end
    while not b.leases.holds(SHOP) and time.monotonic() < deadline:
        await b.leases.round()
        await asyncio.sleep(0.05)
    assert await applied(b, 6) == 6
    assert await post(b, 3) == 3
    assert await applied(b, 9) == 9


async def test_an_engine_started_without_the_shops_lease_stops_at_the_next_round(pair):
    """A shop made in Settings starts at once on the worker that made it; the lease decides where it runs."""
    a, b = pair
    shop = await get_shop(b.shops.store, SHOP)
    b.shops.start_shop(shop)  # as Settings > Shops does for a new shop, on b, which does not hold it
    await b.round()
    assert SHOP not in b.shops.engines and SHOP in a.shops.engines
