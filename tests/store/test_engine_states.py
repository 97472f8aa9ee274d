"""A restart loads each shop's stored engine state from the store and replays only what came after it: a live shop
its events stored since, a demo shop its simulation from the stored point. A state that cannot be used gives way to
a full replay, with the reason in the log, never a crash and never other figures."""
import asyncio
import logging
import threading
from dataclasses import replace
from datetime import UTC, datetime

from engine import ShopEngine, SimClock, demo_profile, state
from engine.loop import EngineLoop
from engine.simulation import Simulation
from settings import Settings
from shops.service import Shops
from store.db import Database
from store.engine_states import load_engine_state, save_engine_state
from store.events import append_events
from store.shops import ensure_shop, get_shop

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC).timestamp()


async def _shops(db_url: str, clock: SimClock) -> Shops:
    shops = Shops(Settings(database_url=db_url, sim_history_days=60), clock, real_clock=clock)
    await shops.open()
    while await shops.start_next() is not None:  # what catch_up does in the app, here in the test's own time
        pass
    return shops


async def test_a_restart_loads_the_stored_states_and_replays_only_what_came_after(db: Database, db_url: str,
                                                                                caplog) -> None:
    profile = demo_profile('UTC', 'fed')
    await ensure_shop(db, 'fed', 'Fed', 'UTC', profile.to_dict(), mode='live')
    await ensure_shop(db, 'demo', 'Demo', 'UTC', demo_profile('UTC', 'demo').to_dict())
    simulation = Simulation(profile, 3)
    events = sorted((e for n in range(50) for e in simulation.events_for_day(
        datetime.fromtimestamp(NOW - (49 - n) * 86400, UTC).date())), key=lambda e: (e.at, e.id))
    before = [e for e in events if e.at <= NOW - 86400]
    after = [e for e in events if NOW - 86400 < e.at <= NOW]
    await append_events(db, 'fed', [e.to_dict() for e in before])
    clock = SimClock(NOW - 86400, speed=0)
    first = await _shops(db_url, clock)
    for shop_id in ('fed', 'demo'):
        await first.states.save(shop_id)
    await first.db.close()

    await append_events(db, 'fed', [e.to_dict() for e in after])  # posted while the app was down
    clock.advance(86400)
    caplog.set_level(logging.INFO, 'shops.states')
    second = await _shops(db_url, clock)
    loaded = [r.getMessage() for r in caplog.records if 'state loaded' in r.getMessage()]
    assert len(loaded) == 2 and f'{len(after)} events after it' in ' '.join(loaded)
    replayed = ShopEngine(replace(profile, name='Fed'), clock)
    replayed.apply_all(events[:len(before) + len(after)])
    replayed.advance()
    replayed.go_live()
    assert replace(second.engines['fed'].snapshot(), made_at=0) == replace(replayed.snapshot(), made_at=0)
    demo = second.engines['demo']
    assert demo.metrics.events_applied > 0 and demo.snapshot().events_applied == demo.metrics.events_applied
    await second.db.close()


async def test_a_state_that_cannot_be_used_is_replaced_by_a_replay_and_the_log_says_why(db: Database, db_url: str,
                                                                                       caplog) -> None:
    await ensure_shop(db, 'demo', 'Demo', 'UTC', demo_profile('UTC', 'demo').to_dict())
    await save_engine_state(db, 'demo', b'not a state')
    caplog.set_level(logging.INFO, 'shops.states')
    clock = SimClock(NOW, speed=0)
    shops = await _shops(db_url, clock)
    assert 'its stored state is not used, its history is replayed: the state cannot be read' in caplog.text
    engine = shops.engines['demo']
    assert engine.failure is None
    replayed = shops.new_engine(await get_shop(shops.store, 'demo'))
    replayed.advance()
    assert engine.metrics.events_applied == replayed.metrics.events_applied > 0
    await shops.db.close()



async def test_a_save_reads_the_engine_in_a_thread_and_the_loop_leaves_that_shop_alone_meanwhile(
        db: Database, db_url: str, monkeypatch) -> None:
    """On the event loop, reading a shop took 58-151 ms: at 1,000 shops, every page waited that long once a second
    for a quarter of an hour after midnight, when the day's saves run."""
    await ensure_shop(db, 'demo', 'Demo', 'UTC', demo_profile('UTC', 'demo').to_dict())
    clock = SimClock(NOW, speed=0)
    shops = await _shops(db_url, clock)
    engine = shops.engines['demo']
    loop = EngineLoop(shops.engines, lambda snapshot: None, lambda shop_id, message: None, aside=shops.aside)
    reading, go_on, readers = threading.Event(), threading.Event(), []

    def held_take(taken_engine):
        readers.append(threading.current_thread())
        reading.set()
        go_on.wait(30)  # a bound, should the test fail before it lets go
        return take(taken_engine)
    take = state.take
    monkeypatch.setattr(state, 'take', held_take)
    saving = asyncio.create_task(shops.states.save('demo'))
    assert await asyncio.to_thread(reading.wait, 30)
    applied = engine.metrics.events_applied
    clock.advance(3600)
    loop.tick()  # the event loop is free while the thread reads: and it leaves the shop as it is
    assert engine.metrics.events_applied == applied
    go_on.set()
    await saving
    assert readers[0] is not threading.main_thread()
    loop.tick()
    assert engine.metrics.events_applied > applied, 'the shop catches up at the next tick'
    assert await load_engine_state(db, 'demo') is not None
    await shops.db.close()
