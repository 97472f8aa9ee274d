"""A shop's analytics at rest, on SQLite and PostgreSQL: saved as they change, loaded to go on without replaying the
event log, and rebuilt from it by the command when their definitions change."""
import importlib.util
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from engine import Event
from engine.analytics import GROUPINGS, Analytics, Period, codec
from store.aggregates import MIXED, load_aggregates, save_aggregates, stored_size
from store.events import append_events
from store.shops import ensure_shop, get_shop

from ..unit.handmade import handmade_log
from ..unit.test_analytics import handmade_profile

PROFILE = handmade_profile()
NOW = datetime(2026, 12, 4, 16, tzinfo=PROFILE.tz).timestamp()


def _log() -> list[Event]:
    return [e for e in handmade_log(9, PROFILE, date(2026, 9, 1), 95) if e.at <= NOW]


async def _shop(db, shop_id: str = 'fade-street') -> str:
    await ensure_shop(db, shop_id, 'Fade Street', PROFILE.timezone, PROFILE.to_dict(), mode='live')
    return shop_id


def _replayed(log: list[Event]) -> Analytics:
    analytics = Analytics(PROFILE)
    for event in log:
        analytics.apply(event)
    return analytics


def _same_reports(a: Analytics, b: Analytics) -> None:
    today = PROFILE.local(NOW).date()
    for period in (Period(today - timedelta(60), today), Period(date(2026, 10, 20), date(2026, 11, 3))):
        for by in (None, *GROUPINGS):
            assert a.report(period, by, now=NOW) == b.report(period, by, now=NOW), (period, by)


async def test_a_restart_from_stored_aggregates_goes_on_as_if_every_event_had_been_replayed(db):
    shop_id, log = await _shop(db), _log()
    running = Analytics(PROFILE)
    for part in (log[:2000], log[2000:3000]):  # saved twice as it runs: the second time only the days that changed
        for event in part:
            running.apply(event)
        changed = running.take_changed()
        dumped = codec.dump(running, changed)
        await save_aggregates(db, shop_id, dumped.definitions, dumped.state, dumped.days)
    assert len(changed) < len(running.days)
    stored = await load_aggregates(db, shop_id)
    assert stored.definitions == codec.DEFINITIONS and stored.days.keys() == running.days.keys()
    restarted = codec.load(PROFILE, stored.definitions, stored.state, stored.days)
    for event in log[3000:]:
        restarted.apply(event)
    _same_reports(restarted, _replayed(log))
    recent = await load_aggregates(db, shop_id, since=date(2026, 11, 1))
    assert min(recent.days) >= date(2026, 11, 1) and recent.state == stored.state
    assert await load_aggregates(db, 'another-shop') is None


async def test_the_rebuild_command_writes_a_shops_days_anew_from_its_event_log(db):
    shop_id, log = await _shop(db), _log()
    await append_events(db, shop_id, [event.to_dict() for event in log])
    stale = codec.dump(_replayed(log[:500]))
    await save_aggregates(db, shop_id, codec.DEFINITIONS - 1, stale.state,
                          {**stale.days, date(2020, 1, 6): stale.days[min(stale.days)]})  # and a day never open
    stored = await load_aggregates(db, shop_id)
    with pytest.raises(codec.StaleAggregates, match='rebuild them from the event log'):
        codec.load(PROFILE, stored.definitions, stored.state, stored.days)
    rebuilt = await _script().rebuild(db, await get_shop(db, shop_id))
    assert rebuilt.events == len(log)
    stored = await load_aggregates(db, shop_id)
    assert date(2020, 1, 6) not in stored.days and rebuilt.days == len(stored.days)
    _same_reports(codec.load(PROFILE, stored.definitions, stored.state, stored.days), _replayed(log))
    days, size = await stored_size(db, shop_id)
    assert (days, size) == (rebuilt.days, rebuilt.size)


async def test_days_of_other_definitions_than_the_state_are_not_read(db):
    shop_id = await _shop(db)
    dumped = codec.dump(_replayed(_log()[:800]))
    await save_aggregates(db, shop_id, dumped.definitions, dumped.state, dumped.days)
    await save_aggregates(db, shop_id, dumped.definitions + 1, dumped.state, {})  # only the state moved on
    assert (await load_aggregates(db, shop_id)).definitions == MIXED


def _script():
    path = Path(__file__).resolve().parents[2] / 'scripts' / 'rebuild_aggregates.py'
    spec = importlib.util.spec_from_file_location('rebuild_aggregates', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
