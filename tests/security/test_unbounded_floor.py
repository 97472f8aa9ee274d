"""Issue 17, finding 8: 20,000 check-ins never served stayed "waiting" forever, every snapshot carried their names
(64 KB of /metrics) and each tick took 2.5 times as long. Open visits now close at the end of the shop's day, the
waiting ones as left unserved (counted as walk-outs), and a snapshot names only the first few in the queue."""
import json
from datetime import date, datetime, time, timedelta

from api.metrics import snapshot_json
from engine import CheckedIn, LeftUnserved, ServiceCompleted, ServiceStarted, ShopEngine, SimClock, demo_profile
from engine.shop import QUEUE_LENGTH
from tests.unit.reference import kpis, live_figures
from ui.dashboard.activity_feed import describe

TUESDAY = date(2026, 11, 24)
CROWD = 20_000


def test_twenty_thousand_check_ins_never_served_are_closed_at_the_end_of_the_day():
    profile = demo_profile('Europe/London')
    opens, closes = profile.open_span(TUESDAY)
    clock = SimClock(start=opens, speed=0)
    engine = ShopEngine(profile, clock)
    log = []
    engine.listeners.append(log.append)
    engine.apply_all([
        CheckedIn('served-in', opens, 'served', 'Sam Served', walk_in=True),
        ServiceStarted('served-start', opens + 60, 'served', 'Marco', 'Haircut'),
        ServiceCompleted('served-done', opens + 1860, 'served', 'Marco', 'Haircut', 35.0, 0.0, 0.0),
        CheckedIn('sat-in', opens + 100, 'sat', 'Sat Never-done', walk_in=False),
        ServiceStarted('sat-start', opens + 200, 'sat', 'Dee', 'Haircut'),  # never completed
        *(CheckedIn(f'in{n}', opens + 300 + n, f'c{n}', f'Guest {n}', walk_in=True) for n in range(CROWD))])

    clock.advance(closes - 60 - clock.now())
    engine.advance()
    before = engine.snapshot()
    assert before.waiting == CROWD and before.queue == tuple(f'Guest {n}' for n in range(QUEUE_LENGTH))
    assert len(json.dumps(snapshot_json(before))) < 16_000  # the names of 20,000 were 64 KB

    wednesday_morning = datetime.combine(TUESDAY + timedelta(days=1), time(7), profile.tz).timestamp()
    clock.advance(wednesday_morning - clock.now())
    engine.advance()
    after = engine.snapshot()
    live = live_figures(profile, log, after.at)
    assert (after.waiting, after.customers_in_shop, after.queue) == (0, 0, ())
    assert (live['waiting'], live['customers_in_shop'], live['queue']) == (0, 0, [])
    assert [c.barber for c in after.chairs if c.customer] == live['busy_barbers'] == []  # Dee's chair is free again
    assert after.day == TUESDAY and after.today.revenue == 35.0
    lost = kpis(profile, log, TUESDAY, 1, after.at)['walk_ins_lost']
    assert after.kpis_day.walk_ins_lost == lost == CROWD / (CROWD + 1)
    assert after.events_applied == CROWD + 5  # the shop's own events: the engine's closings are not counted
    assert isinstance(after.recent[-1], LeftUnserved)
    assert describe(after.recent[-1], 'Guest 19999')[2] == 'Guest 19999 was still waiting at the end of the day: ' \
                                                          'left unserved'
