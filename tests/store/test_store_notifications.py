"""Read state is per user: what the owner has read still shows as unread for staff."""
import pytest

from store.errors import StoreError
from store.notifications import add_notification, list_notifications, mark_all_read, mark_read, unread_count
from store.staff import invite_staff, list_members

from .helpers import owner


async def test_read_state_is_kept_per_user(db):
    boss = await owner(db)
    shop_id = boss.shops[0].shop_id
    await invite_staff(db, shop_id, 'barber@example.com')
    staff_id = next(uid for uid, _, role in await list_members(db, shop_id) if role == 'staff')
    first = await add_notification(db, shop_id, 'wait', 'Waits are long', 'Ben has 3 waiting', priority='warning',
                                   action='/queue', at=100.0)
    second = await add_notification(db, shop_id, 'goal', 'Goal reached', at=200.0)

    listed = await list_notifications(db, shop_id, boss.user_id)
    assert [(n.id, n.read) for n in listed] == [(second, False), (first, False)]
    assert (listed[1].priority, listed[1].action, listed[1].body) == ('warning', '/queue', 'Ben has 3 waiting')

    assert await mark_read(db, shop_id, boss.user_id, first) is True
    assert await mark_read(db, shop_id, boss.user_id, first) is True
    assert await mark_read(db, shop_id, boss.user_id, 'no-such-id') is False
    assert [n.read for n in await list_notifications(db, shop_id, boss.user_id)] == [False, True]
    assert await unread_count(db, shop_id, boss.user_id) == 1
    assert await unread_count(db, shop_id, staff_id) == 2

    assert await mark_all_read(db, shop_id, staff_id) == 2
    assert await unread_count(db, shop_id, staff_id) == 0
    assert await unread_count(db, shop_id, boss.user_id) == 1
    assert await mark_all_read(db, shop_id, boss.user_id) == 1


async def test_priority_is_checked(db):
    shop_id = (await owner(db)).shops[0].shop_id
    with pytest.raises(StoreError, match="'critical', 'warning', 'success' or 'info'"):
        await add_notification(db, shop_id, 'x', 'X', priority='urgent')  # type: ignore[arg-type]


async def test_an_alert_occurrence_is_stored_once(db):
    boss = await owner(db)
    shop_id = boss.shops[0].shop_id
    first = await add_notification(db, shop_id, 'five_star_review', 'New 5-star review', key='five_star:x-1')
    again = await add_notification(db, shop_id, 'five_star_review', 'New 5-star review', key='five_star:x-1')
    assert first == again
    assert len(await list_notifications(db, shop_id, boss.user_id)) == 1
