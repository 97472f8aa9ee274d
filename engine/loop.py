"""The one app-level loop that drives every shop's engine and hands each watched shop's snapshot to whoever publishes
it: a shop nobody watches advances its clock, applies its events and raises its notifications, but builds no snapshot
(whoever starts watching it asks for a fresh one: shops/live.py)."""
import asyncio
import logging
import time
from collections.abc import Callable

from .alerts import Notification
from .shop import ShopEngine
from .snapshot import Snapshot

log = logging.getLogger(__name__)


class EngineLoop:
    def __init__(self, engines: dict[str, ShopEngine], publish: Callable[[Snapshot], None],
                 report_failure: Callable[[str, str], None],
                 keep: Callable[[str, list[Notification]], None] = lambda shop_id, notifications: None,
                 period: float = 1.0, watched: Callable[[str], bool] = lambda shop_id: True,
                 aside: set[str] | None = None) -> None:
        self.engines = engines
        self.aside = set() if aside is None else aside  # shops whose engine a thread reads whole: left until it is done
        self.publish = publish
        self.watched = watched  # whether a shop's snapshot has anyone to go to (an open page)
        self.report_failure = report_failure
        self.keep = keep  # hands new notifications to the store
        self.period = period
        self.running = False
        self.last_tick: float | None = None  # real time of the last finished tick
        self.tick_seconds = 0.0  # how long the last tick took: every shop advanced and published
        self.ticks = 0
        self.snapshots = 0  # built in the last tick: one per watched shop
        self.errors: dict[str, str] = {}  # shop id -> the last error, while it lasts (a stopped shop: its `failure`)

    def tick(self) -> None:
        """Advance every shop and publish the snapshot of each watched one; one failing shop does not stop the
        others."""
        started, snapshots = time.perf_counter(), 0
        for shop_id, engine in list(self.engines.items()):
            if shop_id in self.aside:  # its clock catches up at the next tick after
                continue
            if engine.failure is not None:  # stopped for good (its events cannot be applied): said once, then skipped
                if self.errors.get(shop_id) != engine.failure:
                    self.report_failure(shop_id, engine.failure)
                self.errors[shop_id] = engine.failure
                continue
            try:
                engine.advance()
                snapshot = engine.snapshot() if self.watched(shop_id) else None
            except Exception as error:
                if shop_id not in self.errors:
                    log.exception('engine of shop %s failed', shop_id)
                    self.report_failure(shop_id, 'Engine stopped: figures are not updating')
                self.errors[shop_id] = f'{type(error).__name__}: {error}'
                continue
            self.errors.pop(shop_id, None)
            if snapshot is not None:
                self.publish(snapshot)
                snapshots += 1
            raised = engine.take_raised()
            if raised:
                self.keep(shop_id, raised)
        self.last_tick = time.time()
        self.tick_seconds = time.perf_counter() - started
        self.ticks += 1
        self.snapshots = snapshots

    async def run(self) -> None:
        """Ticks start every `period` on a fixed beat, not a period after the last tick ended: the shop's clock shows
        seconds, and with a thousand pages open a tick takes 50 ms, so it skipped one every 20 seconds."""
        self.running = True
        due = time.monotonic()
        try:
            while True:
                self.tick()
                due = max(due + self.period, time.monotonic())  # late (a long pause): the beat starts again from now
                await asyncio.sleep(due - time.monotonic())
        finally:
            self.running = False

    def seconds_since_tick(self) -> float | None:
        return None if self.last_tick is None else round(time.time() - self.last_tick, 3)
