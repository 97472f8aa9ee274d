"""A shop's engine stored in the middle of a year and loaded shows what a full replay shows, figure for figure: the
snapshot every page is made from, reports of any period, the forecast, and the notifications raised after the load.
For a demo shop (its simulation goes on from the stored point) and for a shop fed with events (the rest applied)."""
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from engine import ShopEngine, SimClock, demo_profile, state
from engine.analytics import period_for
from engine.forecast import forecast_period
from engine.simulation import Simulation

ROOT = Path(__file__).parents[2]

MIDDLE = datetime(2026, 11, 20, 10, 17, tzinfo=UTC).timestamp()  # a Friday morning, shop open, a year behind it
STEP, STEPS = 5 * 3600.0, 60  # then 12.5 days on, in steps across days, nights and a weekend
PERIODS = ('today', 'yesterday', 'last_week', 'this_month', 'last_month', 'last_90_days', 'this_year')


def _seen(engine: ShopEngine) -> dict:
    """What the pages show of the shop now (the snapshot, without the wall-clock instant it was made)."""
    now = engine.clock.now()
    today = engine.profile.local(now).date()
    return {
        'snapshot': replace(engine.snapshot(), made_at=0.0),
        'reports': [engine.analytics.report(period_for(preset, today), by, now=now)
                    for preset in PERIODS for by in (None, 'barber', 'hour')],
        'forecast': forecast_period(engine.analytics, now, 'this_week'),
    }


def _go_on(engines: list[ShopEngine], clocks: list[SimClock], feed=None) -> None:
    """Both engines on, step by step, compared at each step."""
    for step in range(STEPS):
        for engine, clock in zip(engines, clocks, strict=True):
            clock.advance(STEP)
            if feed is not None:
                engine.apply_all(feed(clock.now()))
            engine.advance()
        full, loaded = (engine.snapshot() for engine in engines)
        assert replace(loaded, made_at=0.0) == replace(full, made_at=0.0), f'step {step}'
        assert engines[1].take_raised() == engines[0].take_raised(), f'step {step}'
    full, loaded = (_seen(engine) for engine in engines)
    assert loaded == full


def test_a_demo_shop_loaded_from_its_state_goes_on_as_the_one_replayed():
    profile = demo_profile('America/New_York', 'demo-a')
    clocks = [SimClock(MIDDLE, speed=0), SimClock(MIDDLE, speed=0)]
    full = ShopEngine.simulated(profile, clocks[0], 7, 365)
    full.advance()
    full.go_live()
    data = state.dump(full)
    loaded = ShopEngine.simulated(profile, clocks[1], 7, 365)
    state.load_into(loaded, data)
    assert loaded.feed.simulation.clientele is not full.feed.simulation.clientele  # regenerated from the seed
    loaded.advance()
    loaded.go_live()
    assert full.metrics.events_applied > 55_000  # a year
    _go_on([full, loaded], clocks)


class Posted:
    """A shop's events as its own system would post them: a year of the simulation's, released as time passes."""

    def __init__(self, profile, start: date, days: int) -> None:
        simulation = Simulation(profile, 11)
        self.events = sorted((e for n in range(days) for e in simulation.events_for_day(start + timedelta(n))),
                             key=lambda e: (e.at, e.id))
        self.sent = 0

    def due(self, now: float) -> list:
        start = self.sent
        while self.sent < len(self.events) and self.events[self.sent].at <= now:
            self.sent += 1
        return self.events[start:self.sent]


def test_a_shop_fed_with_events_loaded_from_its_state_goes_on_as_the_one_replayed():
    profile = demo_profile('Europe/Berlin', 'fed')
    first = date(2025, 11, 1)
    clocks = [SimClock(MIDDLE, speed=0), SimClock(MIDDLE, speed=0)]
    posted = Posted(profile, first, 400)
    full = ShopEngine(profile, clocks[0])
    day = datetime(2025, 11, 1, tzinfo=UTC).timestamp()
    while day < MIDDLE:  # posted day by day, as a shop's system would
        day = min(day + 86400, MIDDLE)
        full.apply_all(posted.due(day))
    full.advance()
    full.go_live()
    data = state.dump(full)
    loaded = ShopEngine(profile, clocks[1])
    state.load_into(loaded, data)
    loaded.advance()
    loaded.go_live()
    assert state.header(data).events == full.metrics.events_applied > 55_000
    later = Posted(profile, first, 400)
    later.sent = posted.sent
    feeds = iter([posted.due, later.due] * STEPS)
    _go_on([full, loaded], clocks, feed=lambda now: next(feeds)(now))


def test_a_state_that_cannot_be_used_says_why_and_loads_nothing():
    clock = SimClock(MIDDLE, speed=0)
    engine = ShopEngine.simulated(demo_profile('UTC', 'x'), clock, 7, 30)
    engine.advance()
    data = state.dump(engine)
    with pytest.raises(state.StaleState, match='cannot be read'):
        state.load_into(ShopEngine.simulated(demo_profile('UTC', 'x'), clock, 7, 30), data[:-40])
    with pytest.raises(state.StaleState, match='profile or seed changed'):
        state.load_into(ShopEngine.simulated(demo_profile('UTC', 'x'), clock, 8, 30), data)
    with pytest.raises(state.StaleState, match='seed changed'):
        state.load_into(ShopEngine(demo_profile('UTC', 'x'), clock), data)


def test_every_attribute_of_the_engine_is_kept_or_made_anew():
    """An attribute added to a part of the engine must be kept by the state (engine/state.py PARTS) or be one a fresh
    engine makes again (below): else a loaded engine would silently lack it."""
    made_anew = {
        '': {'profile', 'clock', 'feed', 'metrics', 'floor', 'kpis', 'peaks', 'analytics', 'listeners', 'alerts',
             'notifications', 'raised', 'live', 'closing', 'failure'},
        'metrics': {'profile', '_day_span', '_day', '_handlers', 'settles_at'},  # settles again at the first event
        'floor': {'profile', '_booked', '_by_time'},  # booked (a property) is kept: its setter makes both
        'kpis': {'metrics', 'clients', '_spans', 'version', '_sums'},
        'kpis.clients': {'metrics', '_cache', '_handlers'},
        'peaks': {'metrics', '_expected'},
        'alerts': {'profile', 'metrics', 'gate', 'demand', 'idle', '_spans', '_handlers'},
        'alerts.gate': {'settings'},
        'alerts.demand': {'profile', '_menu_minutes'},
        'alerts.idle': {'metrics'},
        'closing': {'metrics', '_day'},
        'feed': {'simulation', '_strings', '_tomorrow'},
    }
    engine = ShopEngine.simulated(demo_profile('UTC', 'x'), SimClock(MIDDLE, speed=0), 7, 1)
    for path, kept in state.PARTS.items():
        part = engine
        for name in filter(None, path.split('.')):
            part = getattr(part, name)
        kept_properties = {name for name in kept if isinstance(getattr(type(part), name, None), property)}
        assert set(vars(part)) | kept_properties == set(kept) | made_anew[path], path


def test_another_process_of_the_same_code_reads_the_state():
    """A restart is another process: the state's fingerprint must not depend on anything but the engine's shape (an
    order of a set of classes, say, which differs from process to process), or every restart replays every shop."""
    fingerprints = {subprocess.run([sys.executable, '-c', 'from engine import state; print(state.FINGERPRINT)'],
                                   capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
                    for _ in range(3)}
    assert fingerprints == {state.FINGERPRINT}
