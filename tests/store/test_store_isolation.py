"""Tenancy: given shop B's id, no repository function sees or changes shop A's rows, even with A's row ids."""
from store import conversations, events, notifications, shop_settings, tokens
from store.staff import create_shop, list_members, remove_staff

from .helpers import PROFILE, owner


async def test_shop_b_cannot_reach_shop_a(db):
    boss = await owner(db)
    a = boss.shops[0].shop_id
    b = (await create_shop(db, boss.user_id, 'Shop B', 'UTC', PROFILE)).id
    user = boss.user_id

    await events.append_events(db, a, [{'id': 'e1', 'kind': 'Booked', 'at': 1.0}])
    assert await events.load_events(db, b) == []
    assert await events.append_events(db, b, [{'id': 'e1', 'kind': 'Booked', 'at': 1.0}]) == 1  # own id space
    assert len(await events.load_events(db, a)) == 1

    note = await notifications.add_notification(db, a, 'goal', 'Goal reached')
    assert await notifications.list_notifications(db, b, user) == []
    assert await notifications.mark_read(db, b, user, note) is False
    assert await notifications.mark_all_read(db, b, user) == 0
    assert await notifications.unread_count(db, a, user) == 1

    chat = await conversations.create_conversation(db, a, user, 'A only')
    message = await conversations.add_message(db, a, user, chat.id, 'user', 'hello')
    assert await conversations.list_conversations(db, b, user) == []
    assert await conversations.get_messages(db, b, user, chat.id) == []
    assert await conversations.set_feedback(db, b, user, message.id, 'up') is False
    assert await conversations.rename_conversation(db, b, user, chat.id, 'stolen') is False
    assert await conversations.delete_conversation(db, b, user, chat.id) is False
    assert len(await conversations.get_messages(db, a, user, chat.id)) == 1

    for kind in ('api', 'kiosk'):
        row, token = await tokens.create_token(db, a, kind, 'A token')
        assert await tokens.list_tokens(db, b, kind) == []
        assert await tokens.revoke_token(db, b, kind, row.id) is False
        assert await tokens.shop_for_token(db, kind, token) == a

    await shop_settings.set_setting(db, a, 'daily_goal', 900)
    assert await shop_settings.get_setting(db, b, 'daily_goal') is None
    assert await shop_settings.all_settings(db, b) == {}
    await shop_settings.delete_setting(db, b, 'daily_goal')
    assert await shop_settings.all_settings(db, a) == {'daily_goal': 900}

    assert [email for _, email, _ in await list_members(db, b)] == ['owner@example.com']
    assert await remove_staff(db, b, user) is False
