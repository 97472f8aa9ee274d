"""Shop engines stored and loaded instead of replayed (engine/state.py's bytes, kept by store/engine_states.py).

A start loads a shop's stored state and replays only what came after it: a demo shop's simulation from the stored
point on, a live shop's stored events after the state's last one. A state that cannot be used (none yet, written by
another version of the engine, another profile, taken after the clock's now or too long ago, events stored behind it)
gives way to a full replay, and the log says why. States are saved after a shop's first start and once each day has
ended (one shop per beat), and at shutdown, as many as fit in the time given: a shop not saved then replays from its
last save. A save reads the engine in a thread, the shop set aside meanwhile (the engine loop does not advance it,
its events wait on its lock, a page opening on it starts from the last snapshot): at 1,000 shops, reading each on
the event loop (58-151 ms) held every page for that long, once a second, for a quarter of an hour after midnight.
"""
import asyncio
import logging
import time
from collections.abc import Callable
from datetime import date

from nicegui import run

from engine import Event, ShopEngine, state
from engine.events import event_from_dict
from engine.shop import EngineFailed, EventRejected
from store.db import Database
from store.engine_states import load_engine_state, save_engine_state
from store.events import count_events, load_events
from store.models import Shop

log = logging.getLogger(__name__)

BEAT = 1.0  # seconds between two shops' saves


async def restore(db: Database, shop: Shop, make: Callable[[], ShopEngine], max_age: float) -> ShopEngine | None:
    """A new engine (`make()`) set to the shop's stored state, with what came after applied; None (and why, in the log)
    when there is no state or it cannot be used: the caller replays the whole history. `max_age`: seconds behind the
    clock a demo shop's state may be (older, a full replay is no longer than the catching up)."""
    data = await load_engine_state(db, shop.id)
    if data is None:
        return None
    started = time.perf_counter()
    try:
        unpacked = await run.io_bound(state.unpack, data)  # CPU (the whole state opened): off the event loop, once
        if unpacked is None:  # shutting down
            return None
        taken = state.header(unpacked)
        after = []
        if shop.mode == 'live':
            if await count_events(db, shop.id, taken.last_at) != taken.events:
                raise state.StaleState('events were stored behind it (an import)')
            after = [event_from_dict(row) for row in await load_events(db, shop.id, since=taken.last_at)]
        engine = await run.io_bound(_load, make, unpacked, taken, after, max_age)
    except (state.StaleState, EventRejected, EngineFailed, KeyError, TypeError) as error:
        log.warning('shop %s: its stored state is not used, its history is replayed: %s', shop.id, error)
        return None
    if engine is None:  # shutting down
        return None
    log.info('shop %s: state loaded in %.2f s, %d events after it', shop.id, time.perf_counter() - started,
             len(after))
    return engine


def _load(make: Callable[[], ShopEngine], unpacked: state.Unpacked, taken: state.Header, after: list[Event],
          max_age: float) -> ShopEngine:
    engine = make()
    now = engine.clock.now()
    if taken.at > now:
        raise state.StaleState("it was taken after the shop's clock now")
    if engine.feed is not None and now - taken.at > max_age:
        raise state.StaleState('it is older than the history a demo shop keeps')
    state.load_into(engine, unpacked)
    engine.apply_all(after)
    return engine


class Keeper:
    """Saves each running shop's state once its local day has ended, one shop per beat, and at shutdown."""

    def __init__(self, engines: dict[str, ShopEngine], db: Callable[[], Database],
                 lock: Callable[[str], asyncio.Lock], aside: set[str]) -> None:
        self.engines = engines
        self.db = db
        self.lock = lock
        self.aside = aside  # the engine loop's: shops not advanced while their state is read
        self.saved: dict[str, tuple[ShopEngine, date]] = {}  # shop -> the engine saved and the local day it was on

    def loaded(self, shop_id: str, engine: ShopEngine) -> None:
        """A state just loaded counts as saved today."""
        self.saved[shop_id] = engine, _day(engine)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(BEAT)
            due = next((shop_id for shop_id, engine in list(self.engines.items()) if self._due(shop_id, engine)), None)
            if due is not None:
                await self.save(due)

    async def save(self, shop_id: str) -> None:
        engine = self.engines[shop_id]
        try:
            async with self.lock(shop_id):  # no batch half-stored and not yet applied
                self.aside.add(shop_id)
                try:
                    data = await asyncio.to_thread(lambda: state.pack(state.take(engine)))
                finally:
                    self.aside.discard(shop_id)
            await save_engine_state(self.db(), shop_id, data)
        except Exception:
            log.exception('shop %s: its state could not be saved; the next start replays its history', shop_id)
        self.saved[shop_id] = engine, _day(engine)

    async def close(self, seconds: float) -> int:
        """At shutdown: save every running shop, as many as fit in `seconds`; answers how many."""
        ends, count = time.monotonic() + seconds, 0
        for shop_id, engine in list(self.engines.items()):
            if time.monotonic() > ends:
                break
            if engine.failure is None and engine.live:
                await self.save(shop_id)
                count += 1
        log.info('saved the state of %d of %d shops', count, len(self.engines))
        return count

    def _due(self, shop_id: str, engine: ShopEngine) -> bool:
        if engine.failure is not None or not engine.live:
            return False
        saved = self.saved.get(shop_id)
        return saved is None or saved[0] is not engine or saved[1] != _day(engine)


def _day(engine: ShopEngine) -> date:
    return engine.profile.local(engine.clock.now()).date()
