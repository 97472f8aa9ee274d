"""Which shops this worker runs: take the free ones, at most a fair share first, and give back what is beyond it.

Every `period` seconds a round reads who holds what (store/leases.py) and:
- takes free shops up to its share (the shops over the workers connected, rounded up);
- takes free shops beyond its share only when they were free a round before too (nobody else took them: the other
  workers are full or gone), so that a dead worker's shops run again within two rounds;
- gives back what it holds beyond its share while another worker holds less than its share (a worker that joined).
A lost lease connection loses every shop at once (PostgreSQL freed them); the next round connects again.
"""
import asyncio
import logging
import math
from collections.abc import Awaitable, Callable

import psycopg

from store.leases import LeaseConnection, shop_key

log = logging.getLogger(__name__)
Changed = Callable[[str], Awaitable[None]]


class Leases:
    def __init__(self, url: str, worker: str, shop_ids: Callable[[], Awaitable[list[str]]],
                 gained: Changed, lost: Changed, period: float = 3.0) -> None:
        self.url, self.worker, self.shop_ids = url, worker, shop_ids
        self.gained, self.lost, self.period = gained, lost, period
        self.held: set[str] = set()
        self.holders: dict[str, str] = {}  # shop id -> worker name, as of the last round
        self.connection: LeaseConnection | None = None
        self._free_before: set[str] = set()

    def holds(self, shop_id: str) -> bool:
        return shop_id in self.held

    def holder(self, shop_id: str) -> str | None:
        """The worker running the shop as of the last round, or None while nobody does."""
        return self.holders.get(shop_id)

    async def round(self) -> None:
        """One look at who holds what, and the takes and give-backs it calls for."""
        try:
            if self.connection is None or self.connection.closed:
                self.connection = await LeaseConnection.open(self.url, self.worker)
            await self._round(self.connection)
        except (psycopg.Error, OSError) as error:
            log.warning('worker %s: the lease connection failed (%s): its %d shop(s) are given up', self.worker,
                        error, len(self.held))
            await self._lose_all()

    async def _round(self, connection: LeaseConnection) -> None:
        ids = await self.shop_ids()
        by_key = await connection.holders()
        workers = await connection.workers()
        share = math.ceil(len(ids) / max(1, len(workers)))
        free = [shop_id for shop_id in ids if shop_key(shop_id) not in by_key]
        for shop_id in free:
            if len(self.held) >= share and shop_id not in self._free_before:
                continue
            if await connection.try_take(shop_id):
                self.held.add(shop_id)
                by_key[shop_key(shop_id)] = self.worker
                await self.gained(shop_id)
        self._free_before = {shop_id for shop_id in free if shop_key(shop_id) not in by_key}
        counts = {name: 0 for name in workers} | _counts(by_key)
        if len(self.held) > share and min(counts.values()) < share:
            for shop_id in sorted(self.held)[share:]:
                await self._give_back(connection, shop_id)
                by_key.pop(shop_key(shop_id), None)
        self.holders = {shop_id: by_key[shop_key(shop_id)] for shop_id in ids if shop_key(shop_id) in by_key}

    async def _give_back(self, connection: LeaseConnection, shop_id: str) -> None:
        self.held.discard(shop_id)
        await self.lost(shop_id)  # the engine stops before another worker may start one
        await connection.release(shop_id)

    async def _lose_all(self) -> None:
        held, self.held, self.holders = self.held, set(), {}
        for shop_id in sorted(held):
            await self.lost(shop_id)
        if self.connection is not None:
            await self.connection.close()
            self.connection = None

    async def run(self) -> None:
        while True:
            await self.round()
            await asyncio.sleep(self.period)

    async def close(self) -> None:
        """Every shop given up, the connection closed: the other workers take them at their next round."""
        await self._lose_all()


def _counts(by_key: dict[int, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in by_key.values():
        counts[name] = counts.get(name, 0) + 1
    return counts
