"""A shop nobody watches costs the engine loop no snapshot: its clock, events and notifications go on, and the first
page to open on it gets its figures as they are now, the same as those of a shop watched all along."""
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

from engine import ShopEngine, SimClock, demo_profile
from engine.loop import EngineLoop
from shops.live import LiveShops

TUESDAY_MORNING = datetime(2026, 11, 24, 9, 30, tzinfo=UTC).timestamp()


class Twins:
    """Two demo shops of the same seed on one clock, 'watched' (a page subscribed) and 'idle' (none), on one loop."""

    def __init__(self) -> None:
        self.clock = SimClock(start=TUESDAY_MORNING, speed=0)
        self.engines = {shop_id: ShopEngine.simulated(demo_profile('UTC', shop_id), self.clock, 7, 8)
                        for shop_id in ('watched', 'idle')}
        self.made, self.kept = Counter(), Counter()
        for shop_id, engine in self.engines.items():
            engine.advance()
            engine.go_live()
            engine.snapshot = self._counted(shop_id, engine.snapshot)
        self.live = LiveShops()
        self.live.fresh = lambda shop_id: self.engines[shop_id].snapshot()
        self.loop = EngineLoop(self.engines, self.live.publish, self.live.report_failure, watched=self.live.watched,
                               keep=lambda shop_id, raised: self.kept.update({shop_id: len(raised)}))
        self.received = []
        self.live.subscribe('watched', self.received.append)

    def _counted(self, shop_id, snapshot):
        def counted():
            self.made[shop_id] += 1
            return snapshot()
        return counted

    def run(self, hours: float) -> None:
        for _ in range(int(hours * 60)):
            self.clock.advance(60)
            self.loop.tick()


def test_an_unwatched_shop_builds_no_snapshot_but_advances_and_raises_its_notifications():
    twins = Twins()
    twins.run(hours=3)
    assert twins.made['idle'] == 0
    assert twins.made['watched'] == 1 + 180  # when its page subscribed, then once a tick
    assert twins.loop.snapshots == 1
    idle = twins.engines['idle']
    assert idle.metrics.events_applied == twins.engines['watched'].metrics.events_applied > 0
    assert twins.kept['idle'] == twins.kept['watched'] > 0  # handed to the store as the watched shop's
    assert len(idle.notifications) == twins.kept['idle']


def test_a_page_opening_on_an_idle_shop_gets_its_figures_now_equal_to_a_watched_shops():
    twins = Twins()
    twins.run(hours=3)
    opened = []
    twins.live.subscribe('idle', opened.append)
    (published,) = opened
    watched_now = twins.received[-1].snapshot
    assert published.snapshot.at == watched_now.at == twins.clock.now()
    made_at = watched_now.made_at  # the wall time it was taken: all else is the shop's
    assert replace(published.snapshot, shop_id='watched', made_at=made_at) == watched_now


def test_once_watched_the_shop_is_snapshotted_every_tick_and_no_longer_when_its_last_page_goes():
    twins = Twins()
    opened = []
    twins.live.subscribe('idle', opened.append)
    twins.run(hours=0.1)
    assert len(opened) == 1 + 6  # at once, then each tick
    twins.live._events['idle'].unsubscribe(opened.append)  # the page went away (NiceGUI does this on its delete)
    made = twins.made['idle']
    twins.run(hours=0.1)
    assert twins.made['idle'] == made
    assert twins.live.snapshot('idle').at == twins.clock.now()  # asked for meanwhile (the coach): made now
