"""A figure reads the same on the dashboard, on the TV, in a notification and in what the coach is told: every one of
them puts it into words through engine/words.py, from the views the live fan-out builds once per snapshot."""
from dataclasses import replace
from datetime import datetime

from engine import CheckedIn, ServiceCompleted, ServiceStarted, ShopEngine, SimClock, demo_profile
from shops import LiveShops
from ui.views import BUILDERS


def test_revenue_reads_the_same_on_every_screen_and_in_every_message():
    profile = replace(demo_profile('Europe/London'), daily_revenue_goal=1200)
    start = datetime(2026, 11, 24, 9, 30, tzinfo=profile.tz).timestamp()
    clock = SimClock(start=start, speed=0)
    engine = ShopEngine(profile, clock)
    engine.go_live()
    for n in range(25):  # 25 cuts and beards with a product: past the goal on the 24th
        at = start + n * 900
        engine.apply(CheckedIn(f'{n}-in', at, f'v{n}', f'Client {n}', True))
        engine.apply(ServiceStarted(f'{n}-st', at + 60, f'v{n}', 'Dee', 'Cut & beard'))
        engine.apply(ServiceCompleted(f'{n}-dn', at + 2700, f'v{n}', 'Dee', 'Cut & beard', 50.0, 0.0, 16.5))
    clock.advance(25 * 900 + 2700)
    live = LiveShops()
    live.builders.update(BUILDERS)
    live.publish(engine.snapshot())
    published = live.latest[profile.id]
    shown = '$1,662'  # 25 x (50 + 16.50)
    (goal_met,) = [n for n in engine.notifications if n.kind == 'revenue_goal']
    assert published.view('dashboard').metrics['revenue'][0] == shown
    assert published.view('kiosk_money').revenue == shown and published.view('kiosk').revenue == ''
    assert f'Revenue today: {shown}' in published.view('coach')['revenue']
    assert 'Revenue reached $1,264 at ' in goal_met.body  # the 19th service: 19 x 66.50, as the cards said then
    assert published.view('dashboard') is published.view('dashboard')  # built once, shared by every page
