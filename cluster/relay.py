"""Events stored by any worker reach the engine of the worker that runs the shop: LISTEN, then read by seq.

Every append announces (shop, last seq) when it commits (store/events.py). The worker running the shop reads the
shop's events stored after the last seq it applied (its mark) and applies them; a lost announcement costs nothing,
since the next one, or the catch-up when the listening connection is made again, reads from the mark. Marks are
exact because a shop's appends are ordered (seq order is commit order) and because an engine is (re)built from the
store while appends of its shop wait (`appends_held`): it has everything up to that seq and nothing after.

Why LISTEN/NOTIFY and not polling: an event shows on the owner within milliseconds, and an idle shop costs no query.
"""
import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import psycopg

from engine import ShopEngine
from engine.shop import EngineFailed, EventRejected
from shops import Shops
from shops.service import stored_events
from store.event_feed import appended
from store.events import appends_held, events_after

log = logging.getLogger(__name__)


class EventRelay:
    def __init__(self, shops: Shops, url: str, holds: Callable[[str], bool]) -> None:
        self.shops, self.url, self.holds = shops, url, holds
        self.marks: dict[str, tuple[ShopEngine, int]] = {}  # shop id -> (its engine, the last seq applied to it)

    async def run(self) -> None:
        while True:
            try:
                async for shop_id, seq in appended(self.url, self._catch_up_all):
                    mark = self.marks.get(shop_id)
                    if self.holds(shop_id) and (mark is None or seq > mark[1]):
                        await self.catch_up(shop_id)
            except (psycopg.Error, OSError) as error:
                log.warning('event announcements: the connection failed (%s); connecting again', error)
                await asyncio.sleep(1)

    async def _catch_up_all(self) -> None:
        for shop_id in list(self.shops.engines):
            if self.holds(shop_id):
                await self.catch_up(shop_id)

    async def catch_up(self, shop_id: str) -> None:
        """The shop's engine gets what was stored after its mark. An engine the relay did not build (a reload after an
        import, a restart), or one that cannot take what was stored, is built again, fenced, to have a mark."""
        engine = self.shops.engines.get(shop_id)
        if engine is None or engine.feed is not None or engine.failure is not None:
            return  # not running here, a demo shop (it takes no events), or stopped (its page says why)
        mark = self.marks.get(shop_id)
        if mark is None or mark[0] is not engine or not await self._apply_after(shop_id, engine, mark[1]):
            await self.rebuild(shop_id)

    async def _apply_after(self, shop_id: str, engine: ShopEngine, seq: int) -> bool:
        """False when the engine must be built again: replaced meanwhile, or what was stored cannot be applied."""
        async with self.shops.shop_lock(shop_id):
            if self.shops.engines.get(shop_id) is not engine:
                return False
            stored = await events_after(self.shops.store, shop_id, seq)
            if not stored:
                return True
            try:
                events = stored_events(shop_id, [row for _, row in stored])
                engine.apply_all(sorted(events, key=lambda event: event.at))
            except (EventRejected, EngineFailed):
                log.exception('shop %s: stored events could not be applied; building it again', shop_id)
                return False
            self.marks[shop_id] = (engine, stored[-1][0])
            return True

    async def rebuild(self, shop_id: str) -> None:
        """The live shop's engine built from the store again (events that cannot be applied stop the shop with the
        reason on its pages, as at a start)."""
        async with self.fenced(shop_id):
            await self.shops.load_live_events(shop_id)

    @asynccontextmanager
    async def fenced(self, shop_id: str) -> AsyncIterator[None]:
        """An engine built in the block reads the store while the shop's appends wait: its mark is exact."""
        async with appends_held(self.shops.store, shop_id) as last:
            yield
            engine = self.shops.engines.get(shop_id)
            if engine is not None:
                self.marks[shop_id] = (engine, last)

    def forget(self, shop_id: str) -> None:
        self.marks.pop(shop_id, None)
