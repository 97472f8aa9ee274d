"""A batch goes into the engine wholly or not at all, and a stopped engine stops its shop alone."""
from datetime import date

import pytest

from engine import Booked, CheckedIn, ShopEngine, SimClock, demo_profile
from engine.loop import EngineLoop
from engine.peaks import PeakBook
from engine.shop import EngineFailed, EventRejected

PROFILE = demo_profile('Europe/London')
OPENS = PROFILE.open_span(date(2026, 11, 24))[0]


def engine(shop_id: str = 'demo') -> ShopEngine:
    return ShopEngine(demo_profile('Europe/London', shop_id), SimClock(start=OPENS + 3600, speed=0))


def arrivals(n: int) -> list[CheckedIn]:
    return [CheckedIn(f'in{i}', OPENS + i * 60, f'c{i}', f'Guest {i}', walk_in=True) for i in range(n)]


def test_a_batch_with_an_event_out_of_bounds_is_refused_before_any_of_it_is_applied():
    shop = engine()
    poison = Booked('b', OPENS, 'p', 'Pat', 'Haircut', None, 1e12)  # the year 33658
    with pytest.raises(EventRejected) as rejected:
        shop.apply_all([*arrivals(2), poison, *arrivals(1)])
    assert (rejected.value.index, rejected.value.field) == (2, 'appointment_at')
    assert shop.metrics.events_applied == 0 and shop.failure is None
    for field, value in (('name', None), ('at', float('nan')), ('walk_in', 'yes')):
        bad = CheckedIn(**{'id': 'x', 'at': OPENS, 'customer': 'x', 'name': 'X', 'walk_in': True, field: value})
        with pytest.raises(EventRejected, match=field):
            shop.apply_all([bad])


def test_an_event_that_fails_half_way_stops_the_engine_and_says_which(monkeypatch):
    shop = engine()
    apply = PeakBook.apply

    def buggy(self, event):
        if event.id == 'in1':
            raise KeyError('a bug')
        apply(self, event)
    monkeypatch.setattr(PeakBook, 'apply', buggy)
    with pytest.raises(EngineFailed) as failed:
        shop.apply_all(arrivals(3))
    assert failed.value.index == 1 and failed.value.event.id == 'in1'
    assert shop.failure == 'Figures stopped: CheckedIn "in1" could not be applied: KeyError: \'a bug\''


def test_the_loop_says_once_why_a_stopped_shop_stopped_and_runs_the_others():
    stopped, running = engine('a'), engine('b')
    stopped.failure = 'Figures stopped: the stored event "b" (Booked) cannot be applied'
    published, reported = [], []
    loop = EngineLoop({'a': stopped, 'b': running}, published.append, lambda *report: reported.append(report))
    loop.tick()
    loop.tick()
    assert reported == [('a', stopped.failure)] and loop.errors == {'a': stopped.failure}
    assert [snapshot.shop_id for snapshot in published] == ['b', 'b']
