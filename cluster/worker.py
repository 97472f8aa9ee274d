"""A worker of a cluster: its leases say which shops it runs; the relay brings their events in; browsers' sign-ins
follow the other workers' (browser_storage.py, installed by main.py).

It is the Shops' placement (shops/placement.py): Shops starts no shop at its own start but those it holds (none yet),
and starts each when its lease is gained.
"""
import asyncio
import contextlib
import logging
import os
import socket

from shops import Shops
from shops.placement import MOVED
from store.shops import all_shops, get_shop

from .browser_storage import BrowserStorages
from .leases import Leases
from .relay import EventRelay

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, shops: Shops, url: str, name: str = '', period: float = 3.0) -> None:
        self.shops = shops
        self.name = name or f'{socket.gethostname()}:{os.getpid()}'
        self.leases = Leases(url, self.name, self._shop_ids, self._gained, self._lost, period)
        self.relay = EventRelay(shops, url, self.leases.holds)
        self.browsers = BrowserStorages(shops, url, self.name)
        self.tasks: list[asyncio.Task] = []
        shops.placement = self

    def owns(self, shop_id: str) -> bool:
        return self.leases.holds(shop_id)

    def holder(self, shop_id: str) -> str | None:
        return self.leases.holder(shop_id)

    async def start(self) -> None:
        """The first round at once (this worker's share starts before the app serves), then rounds and the relay."""
        await self.round()
        self.tasks = [asyncio.create_task(self.relay.run(), name='event relay'),
                      asyncio.create_task(self.browsers.run(), name='browser storage'),
                      asyncio.create_task(self._rounds(), name='leases')]

    async def _rounds(self) -> None:
        while True:
            await asyncio.sleep(self.leases.period)
            await self.round()

    async def round(self) -> None:
        """The leases' round; then an engine started here without a lease (a shop just made, in Settings or at the
        first set-up) stops: the worker that gained the shop's lease runs it, maybe this one."""
        await self.leases.round()
        for shop_id in [shop_id for shop_id in self.shops.engines if not self.leases.holds(shop_id)]:
            await self._lost(shop_id)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.leases.close()

    async def _shop_ids(self) -> list[str]:
        return [shop.id for shop in await all_shops(self.shops.store)]

    async def _gained(self, shop_id: str) -> None:
        shop = await get_shop(self.shops.store, shop_id)
        if shop is None:
            return
        log.info('worker %s runs shop %s', self.name, shop_id)
        async with self.relay.fenced(shop_id):
            await self.shops.open_shop(shop)

    async def _lost(self, shop_id: str) -> None:
        log.info('worker %s no longer runs shop %s', self.name, shop_id)
        self.relay.forget(shop_id)
        if self.shops.engines.pop(shop_id, None) is not None:
            self.shops.live.report_failure(shop_id, MOVED)
