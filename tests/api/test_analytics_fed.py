"""A real shop's events sent through the ingest API make the same reports as a recomputation from the raw log."""
from datetime import timedelta

from nicegui import app
from nicegui.testing import User

from engine.analytics import Period
from tests.unit import reference_analytics as reference
from tests.unit.handmade import handmade_log
from tests.unit.test_analytics import Shop, assert_report

from .helpers import NOW, live_shop


async def test_reports_of_a_shop_fed_through_the_api_equal_a_recomputation_from_its_events(user: User):
    shop = await live_shop(user)
    profile = app.state.shops.engines[shop.id].profile
    today = profile.local(NOW).date()
    log = [e for e in handmade_log(4, profile, today - timedelta(62), 63) if e.at <= NOW]
    for start in range(0, len(log), 1000):  # as the till posts them, late ones included
        batch = [event.to_dict() for event in log[start:start + 1000]]
        response = await user.http_client.post(f'{shop.url}/events', json={'events': batch}, headers=shop.headers)
        assert response.json() == {'accepted': len(batch), 'duplicates': 0}
    engine = app.state.shops.engines[shop.id]
    fed = Shop(profile, log, engine, NOW, reference.visits(log))
    for days, by in ((63, None), (40, 'barber'), (30, 'service'), (21, 'hour'), (14, 'day'), (63, 'weekday')):
        report = engine.analytics.report(Period(today - timedelta(days - 1), today), by, now=NOW)
        assert report.covered.end == today and report.figures['visits'] > 0
        assert_report(fed, report)
