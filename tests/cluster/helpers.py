"""What the cluster tests that run real workers share: who holds a shop, and waiting for something to come true."""
import asyncio
import os
import time

import psycopg
import pytest

from engine import demo_profile
from store.leases import SHOPS, conninfo, shop_key

REAL_CLUSTER = pytest.mark.skipif(os.environ.get('CHAIRSIDE_TEST_SKIP_POSTGRES') == '1' or
                                  os.environ.get('CHAIRSIDE_TEST_SKIP_HAPROXY') == '1',
                                  reason='CHAIRSIDE_TEST_SKIP_POSTGRES or _HAPROXY=1: the cluster needs both')


async def holder(url: str, shop_id: str) -> str | None:
    """The worker holding the shop's lease, in PostgreSQL's own words."""
    async with await psycopg.AsyncConnection.connect(conninfo(url), autocommit=True) as connection:
        cursor = await connection.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE "
            "l.locktype = 'advisory' AND l.classid = %s AND l.objid = %s AND l.objsubid = 2 AND l.granted",
            (SHOPS, shop_key(shop_id)))
        row = await cursor.fetchone()
        return row[0].removeprefix('chairside:') if row else None


async def spread(url: str, shop_ids: list[str]) -> bool:
    return len({await holder(url, shop_id) for shop_id in shop_ids} - {None}) == len(shop_ids)


async def until(check, bound: float, what: str):
    """Polls `check()` until it answers something truthy; fails after `bound` seconds."""
    deadline = time.monotonic() + bound
    while True:
        found = await check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f'{what}: not within {bound:.0f} s')
        await asyncio.sleep(0.1)


def open_now(margin: float = 3600.0) -> str:
    """A time zone in which the demo shop is open now, at least `margin` seconds from opening and closing. A shop fed
    events at the real clock shows them as today's from its opening on (before it, its pages show the last open day),
    so a test that posts them now must not depend on the hour it runs at."""
    now = time.time()
    for hours_ahead in range(-12, 15):  # Etc/GMT-5 is 5 hours ahead of UTC (POSIX signs)
        zone = f'Etc/GMT{-hours_ahead:+d}'
        profile = demo_profile(zone)
        span = profile.open_span(profile.local(now).date())
        if span is not None and span[0] + margin <= now <= span[1] - margin:
            return zone
    raise AssertionError('no time zone where the demo shop is open now')
