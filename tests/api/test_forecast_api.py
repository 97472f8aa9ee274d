"""GET /api/shops/{id}/forecast: a real shop's forecast, from the events its till posted."""
import random
from datetime import date, timedelta

from nicegui import app
from nicegui.testing import User

from store.tokens import create_token

from .helpers import NOW, live_shop

PRICE = 35.0


def _days_of_visits(first: date, last: date, change: date, until: float) -> list[dict]:
    """Walk-in haircuts every open day: about 24 a day with three barbers, about 32 once a fourth joins on `change`."""
    shops = app.state.shops
    (engine,) = shops.engines.values()
    profile = engine.profile
    rng = random.Random(5)
    events, day = [], first
    while day <= last:
        opens, closes = profile.open_span(day)
        barbers = profile.barbers[:4 if day >= change else 3]
        count = len(barbers) * 8 + rng.randint(-2, 2)
        for i in range(count):
            barber = barbers[i % len(barbers)]
            at = opens + (i // len(barbers)) * 3600 + rng.uniform(0, 1200)
            if at + 1900 > min(closes, until):
                break
            n = f'{day:%Y%m%d}-{i:02d}'
            events += [
                {'kind': 'CheckedIn', 'id': f'{n}-in', 'at': at, 'customer': n, 'name': 'Guest', 'walk_in': True},
                {'kind': 'ServiceStarted', 'id': f'{n}-st', 'at': at + 60, 'customer': n, 'barber': barber,
                 'service': 'Haircut'},
                {'kind': 'ServiceCompleted', 'id': f'{n}-dn', 'at': at + 1860, 'customer': n, 'barber': barber,
                 'service': 'Haircut', 'price': PRICE, 'tip': 0.0, 'retail': 0.0},
            ]
        day += timedelta(1)
    return events


async def test_a_shop_that_added_a_barber_is_forecast_from_after_the_change_not_the_average(user: User):
    shop = await live_shop(user)
    today = app.state.shops.engines[shop.id].profile.local(NOW).date()
    change = today - timedelta(days=33)  # a Saturday, nearly five weeks ago; the history goes back 13 weeks
    events = _days_of_visits(today - timedelta(weeks=13), today, change, NOW)
    for start in range(0, len(events), 1000):
        response = await user.http_client.post(f'{shop.url}/events', json={'events': events[start:start + 1000]},
                                               headers=shop.headers)
        assert response.status_code == 200, response.text

    response = await user.http_client.get(f'{shop.url}/forecast', params={'days': 7}, headers=shop.headers)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result['learned_from'] == {'revenue': change.isoformat(), 'visits': change.isoformat()}
    assert any('changed level' in note for note in result['notes'])
    after, blended = 32 * PRICE, (24 + 32) / 2 * PRICE  # a day since the fourth barber; the mean of both levels
    tomorrow = result['days'][1]
    assert tomorrow['day'] == (today + timedelta(1)).isoformat()
    assert abs(tomorrow['revenue']['expected'] - after) < 0.05 * after
    assert tomorrow['revenue']['low'] > blended  # the interval is of the new level alone
    assert abs(tomorrow['visits']['expected'] - 32) < 2
    assert [d['day'] for d in result['days']] == [(today + timedelta(n)).isoformat() for n in range(7)]
    assert result['days'][0]['taken_revenue'] > 0  # today's morning is in, and the rest of the day added to it
    assert result['days'][0]['revenue']['expected'] > result['days'][0]['taken_revenue']


async def test_a_bad_number_of_days_is_refused_naming_the_field(user: User):
    shop = await live_shop(user)
    for days in ('0', '63', 'a week'):
        response = await user.http_client.get(f'{shop.url}/forecast', params={'days': days}, headers=shop.headers)
        assert response.status_code == 422, days
        assert response.json()['detail'][0]['loc'] == ['query', 'days'], days
    default = await user.http_client.get(f'{shop.url}/forecast', headers=shop.headers)
    assert len(default.json()['days']) == 7


async def test_the_forecast_needs_a_token_that_may_read_figures(user: User):
    shop = await live_shop(user)
    url = f'{shop.url}/forecast'
    assert (await user.http_client.get(url)).status_code == 401
    _, poster = await create_token(app.state.shops.store, shop.id, 'api', 'Till', scopes=['events'])
    refused = await user.http_client.get(url, headers={'Authorization': f'Bearer {poster}'})
    assert refused.status_code == 403 and 'Read figures' in refused.json()['detail']
