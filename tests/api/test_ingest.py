"""Real events in: stored once by id, all or nothing per request, every bad field named, never into a demo shop."""
import time

from nicegui import app
from nicegui.testing import User

from store.events import load_events

from .helpers import NOW, live_shop, switch_mode, visit


async def test_a_batch_is_stored_applied_and_counted_once_when_resent(user: User):
    shop = await live_shop(user)
    batch = {'events': visit(1) + visit(2)}
    first = await user.http_client.post(f'{shop.url}/events', json=batch, headers=shop.headers)
    assert first.status_code == 200 and first.json() == {'accepted': 6, 'duplicates': 0}
    again = await user.http_client.post(f'{shop.url}/events', json={'events': visit(2) + visit(3)},
                                        headers=shop.headers)
    assert again.json() == {'accepted': 3, 'duplicates': 3}
    assert len(await load_events(app.state.shops.store, shop.id)) == 9
    metrics = (await user.http_client.get(f'{shop.url}/metrics', headers=shop.headers)).json()
    assert metrics['events_applied'] == 9 and metrics['today']['revenue'] == 105.0 and metrics['today']['tips'] == 15.0


async def test_one_event_and_iso_times_with_a_zone_are_accepted(user: User):
    shop = await live_shop(user)
    at = time.strftime('%Y-%m-%dT%H:%M:%S+00:00', time.gmtime(NOW - 60))
    review = {'kind': 'Reviewed', 'id': 'r1', 'at': at, 'customer': 'c1', 'barber': 'Dee', 'stars': 5, 'text': 'Sharp'}
    response = await user.http_client.post(f'{shop.url}/events', json=review, headers=shop.headers)
    assert response.json() == {'accepted': 1, 'duplicates': 0}
    (stored,) = await load_events(app.state.shops.store, shop.id)
    assert stored['kind'] == 'Reviewed' and stored['at'] == NOW - 60


async def test_every_bad_field_is_named_and_nothing_of_the_batch_is_stored(user: User):
    shop = await live_shop(user)
    now = NOW
    good = visit(1)[2]
    events = [
        {**good, 'id': 'a', 'barber': 'Bob'},
        {**good, 'id': 'b', 'service': 'Perm'},
        {**good, 'id': 'c', 'at': now + 3600},
        {**good, 'id': 'd', 'price': -1, 'tip': -2, 'retail': -3},
        {'kind': 'Reviewed', 'id': 'e', 'at': now, 'customer': 'c', 'barber': 'Dee', 'stars': 6},
        {**good, 'id': 'f', 'at': '2026-11-24T10:00:00'},
        {**good, 'id': 'g', 'kind': 'Haircut'},
        {'kind': 'CheckedIn', 'id': 'h', 'at': now, 'tips': 3},
        {**good, 'id': 'i', 'at': 'noon'},
        {**good, 'id': 'j', 'at': now * 1000},
        good,
    ]
    response = await user.http_client.post(f'{shop.url}/events', json={'events': events}, headers=shop.headers)
    assert response.status_code == 422
    detail = response.json()['detail']
    named = {tuple(error['loc']) for error in detail}
    assert named == {('events', 0, 'barber'), ('events', 1, 'service'), ('events', 2, 'at'), ('events', 3, 'price'),
                     ('events', 3, 'tip'), ('events', 3, 'retail'), ('events', 4, 'stars'), ('events', 5, 'at'),
                     ('events', 6, 'kind'), ('events', 7, 'customer'), ('events', 7, 'tips'), ('events', 8, 'at'),
                     ('events', 9, 'at')}
    said = {tuple(error['loc']): error['msg'] for error in detail}
    assert 'use one of Marco, Dee, Sam, Luis' in said['events', 0, 'barber']
    assert 'minutes ahead of the server clock' in said['events', 2, 'at']
    assert said['events', 3, 'price'] == 'Give an amount of 0 or more (at most 100,000), such as 35.0.'
    assert 'Add the time zone' in said['events', 5, 'at']
    assert 'Booked, Cancelled' in said['events', 6, 'kind']
    assert 'not milliseconds' in said['events', 9, 'at']
    assert await load_events(app.state.shops.store, shop.id) == []
    assert app.state.shops.engines[shop.id].metrics.events_applied == 0


async def test_a_single_event_names_its_field_and_a_malformed_body_says_what_to_send(user: User):
    shop = await live_shop(user)
    bad = {**visit(1)[2], 'price': 'free'}
    response = await user.http_client.post(f'{shop.url}/events', json=bad, headers=shop.headers)
    assert response.status_code == 422 and [e['loc'] for e in response.json()['detail']] == [['price']]
    response = await user.http_client.post(f'{shop.url}/events', content=b'{"events": [', headers=shop.headers)
    assert response.status_code == 422 and response.json()['detail'][0]['loc'] == ['body']
    response = await user.http_client.post(f'{shop.url}/events', json=[visit(1)[0]], headers=shop.headers)
    assert response.status_code == 422 and '{"events": [...]}' in response.json()['detail'][0]['msg']


async def test_too_many_events_in_one_request_are_refused_with_how_to_split(user: User):
    shop = await live_shop(user)
    events = [{**visit(1)[0], 'id': f'e{i}'} for i in range(5001)]
    response = await user.http_client.post(f'{shop.url}/events', json={'events': events}, headers=shop.headers)
    assert response.status_code == 413 and 'at most 5,000 events' in response.json()['detail']
    assert await load_events(app.state.shops.store, shop.id) == []


async def test_a_demo_shop_refuses_real_events_and_takes_them_once_live(user: User):
    shop = await live_shop(user)
    await switch_mode(shop.id, 'demo')
    response = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=shop.headers)
    assert response.status_code == 409
    assert response.json()['detail'] == ('This shop runs the demo simulation; switch it to live mode in Settings to '
                                          'send real events.')
    assert await load_events(app.state.shops.store, shop.id) == []
    await switch_mode(shop.id, 'live')
    response = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=shop.headers)
    assert response.json()['accepted'] == 3
    engine = app.state.shops.engines[shop.id]
    assert engine.feed is None and engine.metrics.events_applied == 3  # no simulated event in a live shop


async def test_switching_back_to_live_brings_the_stored_events_back(user: User):
    shop = await live_shop(user)
    await user.http_client.post(f'{shop.url}/events', json={'events': visit(1) + visit(2)}, headers=shop.headers)
    await switch_mode(shop.id, 'demo')
    assert app.state.shops.engines[shop.id].feed is not None
    await switch_mode(shop.id, 'live')
    metrics = (await user.http_client.get(f'{shop.url}/metrics', headers=shop.headers)).json()
    assert metrics['events_applied'] == 6 and metrics['simulated'] is False and metrics['today']['revenue'] == 70.0


async def test_a_client_id_makes_a_returning_client_and_a_rebooking_at_checkout(user: User):
    shop = await live_shop(user)
    earlier, today = visit(1, at=NOW - 40 * 86400), visit(2)
    earlier[0]['client'] = today[0]['client'] = 'till-1042'
    next_visit = {'kind': 'Booked', 'id': 'b3', 'at': today[2]['at'] + 120, 'customer': 'c3', 'client': 'till-1042',
                  'service': 'Haircut', 'barber': 'Marco', 'appointment_at': NOW + 28 * 86400}
    response = await user.http_client.post(f'{shop.url}/events', json={'events': [*earlier, *today, next_visit]},
                                           headers=shop.headers)
    assert response.json() == {'accepted': 7, 'duplicates': 0}
    month = (await user.http_client.get(f'{shop.url}/metrics', headers=shop.headers)).json()['kpis_month']
    assert (month['new_clients'], month['returning_clients'], month['rebooking_rate']) == (0, 1, 1.0)
    assert [(row['barber'], row['rebooking_rate']) for row in month['barbers']] == [('Marco', 1.0)]
    blank = {**visit(4)[0], 'client': ' '}
    response = await user.http_client.post(f'{shop.url}/events', json=blank, headers=shop.headers)
    assert response.status_code == 422 and [e['loc'] for e in response.json()['detail']] == [['client']]
