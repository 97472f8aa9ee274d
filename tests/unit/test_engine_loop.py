"""The engine loop's beat: a tick every period from the start of the last, however long a tick takes."""
import asyncio
import time
from types import SimpleNamespace

import pytest

from engine import loop as engine_loop
from engine.loop import EngineLoop


class FakeTime:
    """Time that moves only when a tick works or the loop sleeps, so the beat is checked without waiting. Only the
    engine loop's module sees it: patching `time.monotonic` and `asyncio.sleep` themselves would hand it to every
    thread of the test process too (another test's server sleeping in its own event loop moved this clock)."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.now += seconds


@pytest.fixture
def fake_time(monkeypatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(engine_loop, 'time', SimpleNamespace(monotonic=fake.monotonic, time=time.time,
                                                             perf_counter=time.perf_counter))
    monkeypatch.setattr(engine_loop, 'asyncio', SimpleNamespace(sleep=fake.sleep))
    return fake


def ticks_started(fake: FakeTime, tick_takes: list[float]) -> list[float]:
    """When each tick began, given how long each takes; the loop stops after the last."""
    loop, started = EngineLoop({}, lambda snapshot: None, lambda shop_id, message: None), []

    def tick() -> list:
        if len(started) == len(tick_takes):
            raise asyncio.CancelledError
        started.append(fake.now)
        fake.now += tick_takes[len(started) - 1]
        return []  # no other shops for the tick's second half
    loop.tick_watched = tick
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(loop.run())
    return started


def test_ticks_keep_a_one_second_beat_however_long_each_takes(fake_time):
    assert ticks_started(fake_time, [0.05, 0.3, 0.0, 0.9]) == [0.0, 1.0, 2.0, 3.0]


def test_after_a_tick_longer_than_the_beat_the_next_starts_at_once_and_the_beat_goes_on_from_there(fake_time):
    assert ticks_started(fake_time, [2.5, 0.1, 0.1]) == [0.0, 2.5, 3.5]


class Recorded:
    """A shop's engine that says when it advanced."""
    failure = None

    def __init__(self, name: str, order: list[str]) -> None:
        self.name, self.order = name, order

    def advance(self) -> None:
        self.order.append(f'{self.name} advanced')

    def snapshot(self) -> str:
        return self.name

    def take_raised(self) -> list:
        return []


def test_the_watched_shops_updates_go_out_before_the_other_shops_advance(monkeypatch):
    """Between the halves of a tick the event loop is free a moment: an update on its way to a page does not wait for
    the shops nobody watches (with a thousand shops, their half took 40 ms). The test owns the pause: it is ten turns
    of the event loop, whatever the machine's speed."""
    order: list[str] = []

    async def pause(seconds: float) -> None:
        order.append(f'paused {seconds}')
        for _ in range(10):
            await asyncio.sleep(0)

    monkeypatch.setattr(engine_loop, 'asyncio', SimpleNamespace(sleep=pause))

    async def send() -> None:  # as NiceGUI's outbox would, through python-engineio's writer task: a few turns
        for _ in range(5):
            await asyncio.sleep(0)
        order.append('its update sent')

    def publish(snapshot: str) -> None:
        order.append(f'{snapshot} published')
        asyncio.get_running_loop().create_task(send())

    loop = EngineLoop({'idle': Recorded('idle', order), 'shown': Recorded('shown', order)}, publish,
                      lambda shop_id, message: None, watched=lambda shop_id: shop_id == 'shown')

    async def one_tick() -> None:
        running = asyncio.create_task(loop.run())
        while loop.ticks == 0:
            await asyncio.sleep(0)
        running.cancel()

    asyncio.run(one_tick())
    assert order[:5] == ['shown advanced', 'shown published', f'paused {engine_loop.SEND_PAUSE}', 'its update sent',
                         'idle advanced']
