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
SEND_PAUSE = 0.05  # seconds between a tick's halves: the watched shops' updates leave while the others wait


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
        self.tick_seconds = 0.0  # the last tick's work: every shop advanced and published (its halves)
        self.ticks = 0
        self.snapshots = 0  # built in the last tick: one per watched shop
        self.errors: dict[str, str] = {}  # shop id -> the last error, while it lasts (a stopped shop: its `failure`)

    def tick(self) -> None:
        """Advance every shop and publish the snapshot of each watched one; one failing shop does not stop the
        others."""
        self.tick_others(self.tick_watched())

    def tick_watched(self) -> list[tuple[str, ShopEngine]]:
        """The first half of a tick: the watched shops advanced and published. Returns the others."""
        started, others = time.perf_counter(), []
        self.snapshots = 0
        for shop_id, engine in list(self.engines.items()):
            if self.watched(shop_id):
                self._step(shop_id, engine, snapshot=True)
            else:
                others.append((shop_id, engine))
        self.tick_seconds = time.perf_counter() - started
        return others

    def tick_others(self, others: list[tuple[str, ShopEngine]]) -> None:
        """The second half: the shops nobody watches advanced (their notifications raised), no snapshot made."""
        started = time.perf_counter()
        for shop_id, engine in others:
            if self.engines.get(shop_id) is engine:  # not stopped, restarted or moved away between the halves
                self._step(shop_id, engine, snapshot=False)
        self.last_tick = time.time()
        self.tick_seconds += time.perf_counter() - started
        self.ticks += 1

    def _step(self, shop_id: str, engine: ShopEngine, snapshot: bool) -> None:
        if shop_id in self.aside:  # its clock catches up at the next tick after
            return
        if engine.failure is not None:  # stopped for good (its events cannot be applied): said once, then skipped
            if self.errors.get(shop_id) != engine.failure:
                self.report_failure(shop_id, engine.failure)
            self.errors[shop_id] = engine.failure
            return
        try:
            engine.advance()
            taken = engine.snapshot() if snapshot else None
        except Exception as error:
            if shop_id not in self.errors:
                log.exception('engine of shop %s failed', shop_id)
                self.report_failure(shop_id, 'Engine stopped: figures are not updating')
            self.errors[shop_id] = f'{type(error).__name__}: {error}'
            return
        self.errors.pop(shop_id, None)
        if taken is not None:
            self.publish(taken)
            self.snapshots += 1
        raised = engine.take_raised()
        if raised:
            self.keep(shop_id, raised)

    async def run(self) -> None:
        """Ticks start every `period` on a fixed beat, not a period after the last tick ended: the shop's clock shows
        seconds, and with a thousand pages open a tick takes 50 ms, so it skipped one every 20 seconds.

        Between the halves of a tick the event loop is free for SEND_PAUSE, so that the watched shops' updates leave
        before the others' half (40 ms with a thousand shops): NiceGUI's outbox hands them to python-engineio's writer
        task, a few turns of the loop later, and one turn did not change delivery (README, A thousand shops)."""
        self.running = True
        due = time.monotonic()
        try:
            while True:
                others = self.tick_watched()
                if others and self.snapshots:  # pages to update, and shops that can wait
                    await asyncio.sleep(SEND_PAUSE)
                self.tick_others(others)
                due = max(due + self.period, time.monotonic())  # late (a long pause): the beat starts again from now
                await asyncio.sleep(due - time.monotonic())
        finally:
            self.running = False

    def seconds_since_tick(self) -> float | None:
        return None if self.last_tick is None else round(time.time() - self.last_tick, 3)
