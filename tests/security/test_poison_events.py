"""Issue 17, findings 1 and 2: an event that cannot be applied is refused before it is stored, with its field named.

The attack that stopped every shop: a `Booked` whose `appointment_at` is 1e12 (year 33658) was stored with a 200,
applying it raised, the rest of its batch was never applied, and every later start hung.
"""
from nicegui import app
from nicegui.testing import User

from store.events import load_events
from tests.api.helpers import NOW, live_shop, visit

POISON = {'kind': 'Booked', 'id': 'poison', 'at': NOW - 600, 'customer': 'p', 'service': 'Haircut',
          'appointment_at': 1e12}


async def post(user: User, shop, body=None, content: bytes | None = None):
    return await user.http_client.post(f'{shop.url}/events', json=body, content=content, headers=shop.headers)


def named(response) -> dict[tuple, str]:
    return {tuple(error['loc']): error['msg'] for error in response.json()['detail']}


async def test_an_appointment_in_the_year_33658_is_refused_and_nothing_of_its_batch_is_stored(user: User):
    shop = await live_shop(user)
    events = [POISON] + [e for n in range(4) for e in visit(n)]
    response = await post(user, shop, {'events': events})
    assert response.status_code == 422
    assert 'milliseconds' in named(response)['events', 0, 'appointment_at']
    assert await load_events(app.state.shops.store, shop.id) == []
    response = await post(user, shop, {'events': events[1:]})
    assert response.json() == {'accepted': 12, 'duplicates': 0}
    metrics = (await user.http_client.get(f'{shop.url}/metrics', headers=shop.headers)).json()
    assert metrics['events_applied'] == 12 and metrics['today']['revenue'] == 140.0


async def test_every_time_and_text_of_an_event_is_bounded(user: User):
    shop = await live_shop(user)
    for field, value in [
        ('appointment_at', NOW + 500 * 86400),  # more than 400 days after the booking
        ('appointment_at', NOW - 3 * 86400),  # days before it was booked
        ('appointment_at', 10 ** 400),  # too big for a float: was a 500 (OverflowError)
        ('appointment_at', '0001-01-01T00:00:00+14:00'),  # before year 1 in UTC: was a 500 (OverflowError)
        ('appointment_at', '9999-12-31T23:59:59-14:00'),  # after year 9999 in UTC
        ('at', 10 ** 400),
        ('name', 'Null\x00byte'),  # PostgreSQL refuses NUL in text
        ('client', 'x' * 65),
    ]:
        response = await post(user, shop, {**POISON, 'appointment_at': NOW + 86400, field: value})
        assert response.status_code == 422, (field, value, response.text)
        assert list(named(response)) == [(field,)], (field, value)
    assert await load_events(app.state.shops.store, shop.id) == []


async def test_strings_are_not_numbers_and_numbers_are_not_booleans(user: User):
    shop = await live_shop(user)
    checked_in, _, completed = visit(1)
    review = {'kind': 'Reviewed', 'id': 'r1', 'at': NOW - 60, 'customer': 'c1', 'barber': 'Dee', 'stars': 5}
    for event, field, value in [(review, 'stars', '5'), (review, 'stars', 5.0), (checked_in, 'walk_in', 'yes'),
                                (checked_in, 'walk_in', 1), (completed, 'price', '35'), (checked_in, 'name', 42),
                                (completed, 'at', True)]:
        response = await post(user, shop, {**event, field: value})
        assert response.status_code == 422, (field, value, response.text)
        assert list(named(response)) == [(field,)], (field, value)
    response = await post(user, shop, {**checked_in, 'walk_in': 'yes'})
    assert 'true or false' in named(response)['walk_in',]
    assert await load_events(app.state.shops.store, shop.id) == []


async def test_deeply_nested_json_is_refused_with_what_to_send(user: User):
    shop = await live_shop(user)
    for body in (b'[' * 100_000, b'{"events": ' + b'[' * 50_000 + b']' * 50_000 + b'}',
                 b'{"events": [{"kind": "CheckedIn", "name": [[["deep"]]]}]}'):
        response = await post(user, shop, content=body)
        assert response.status_code == 422, body[:60]  # was a 500: RecursionError in json.loads
        assert 'more than 4 levels deep' in named(response)['body',]
    assert await load_events(app.state.shops.store, shop.id) == []
