"""The event log keeps each event once, in time order, and rejects malformed events by field."""
import pytest

from engine import CheckedIn
from engine.events import event_from_dict
from store.errors import EventError
from store.events import append_events, append_in_chunks, insert_new_events, load_events

from .helpers import owner


def event(event_id: str, at: float, kind: str = 'Booked', **payload) -> dict:
    return {'id': event_id, 'kind': kind, 'at': at, **payload}


async def test_append_is_idempotent_by_id(db):
    shop_id = (await owner(db)).shops[0].shop_id
    batch = [event('e1', 10.0, barber='Ana'), event('e2', 20.0, kind='ServiceCompleted', price=30.0, tip=5.0)]
    assert await append_events(db, shop_id, batch) == 2
    assert await append_events(db, shop_id, batch) == 0
    assert await append_events(db, shop_id, [event('e2', 20.0), event('e3', 30.0), event('e3', 30.0)]) == 1
    stored = await load_events(db, shop_id)
    assert [e['id'] for e in stored] == ['e1', 'e2', 'e3']
    assert stored[1] == {'id': 'e2', 'kind': 'ServiceCompleted', 'at': 20.0, 'price': 30.0, 'tip': 5.0}


async def test_load_orders_by_time_and_filters_since(db):
    shop_id = (await owner(db)).shops[0].shop_id
    await append_events(db, shop_id, [event('late', 300.5), event('b', 100.0), event('a', 100.0), event('mid', 200)])
    assert [e['id'] for e in await load_events(db, shop_id)] == ['a', 'b', 'mid', 'late']
    assert [e['id'] for e in await load_events(db, shop_id, since=100.0)] == ['mid', 'late']


async def test_a_large_batch_counts_exactly(db):
    shop_id = (await owner(db)).shops[0].shop_id
    assert await append_events(db, shop_id, [event(f'e{i}', float(i)) for i in range(1500)]) == 1500
    assert await append_events(db, shop_id, [event(f'e{i}', float(i)) for i in range(1000, 2500)]) == 1000


@pytest.mark.parametrize(('bad', 'field'), [({'kind': 'Booked', 'at': 1.0}, 'id'),
                                            ({'id': 'x', 'at': 1.0}, 'kind'),
                                            ({'id': 'x', 'kind': 'Booked', 'at': 'noon'}, 'at'),
                                            ({'id': 'x', 'kind': 'Booked', 'at': float('nan')}, 'at')])
async def test_a_malformed_event_rejects_the_batch_and_names_the_field(db, bad, field):
    shop_id = (await owner(db)).shops[0].shop_id
    with pytest.raises(EventError) as caught:
        await append_events(db, shop_id, [event('fine', 1.0), bad])
    assert caught.value.field == field and caught.value.index == 1
    assert f'"{field}"' in str(caught.value)
    assert await load_events(db, shop_id) == []


async def test_insert_new_events_answers_the_ids_it_stored(db):
    shop_id = (await owner(db)).shops[0].shop_id
    assert await insert_new_events(db, shop_id, [event('a', 1.0), event('b', 2.0), event('a', 1.0)]) == {'a', 'b'}
    assert await insert_new_events(db, shop_id, [event('b', 2.0), event('c', 3.0)]) == {'c'}
    assert await insert_new_events(db, shop_id, []) == set()


async def test_append_in_chunks_reports_progress_and_counts_new_events_once(db):
    shop_id = (await owner(db)).shops[0].shop_id
    done = []
    events = [event(f'e{i}', float(i)) for i in range(2500)]
    assert await append_in_chunks(db, shop_id, events, size=1000, progress=done.append) == 2500
    assert done == [1000, 2000, 2500]
    assert await append_in_chunks(db, shop_id, events[2000:] + [event('new', 1.0)], size=1000) == 1


async def test_events_stored_before_the_client_field_still_load_into_the_engine(db):
    shop_id = (await owner(db)).shops[0].shop_id
    old = event('old-in', 10.0, kind='CheckedIn', customer='v1', name='Noah K.', walk_in=True)  # no `client`
    new = CheckedIn('new-in', 20.0, 'v2', 'Noah K.', False, 'till-7').to_dict()
    await append_events(db, shop_id, [old, new])
    loaded = [event_from_dict(data) for data in await load_events(db, shop_id)]
    assert loaded == [CheckedIn('old-in', 10.0, 'v1', 'Noah K.', True),
                      CheckedIn('new-in', 20.0, 'v2', 'Noah K.', False, 'till-7')]
    assert loaded[0].client is None
