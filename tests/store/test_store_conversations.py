"""Coach conversations belong to one user in one shop, keep message order, and take feedback."""
import pytest

from store.conversations import (
    add_message,
    create_conversation,
    delete_conversation,
    get_messages,
    list_conversations,
    rename_conversation,
    set_feedback,
)
from store.errors import NotFoundError
from store.staff import invite_staff, list_members

from .helpers import owner


async def test_conversations_are_per_user(db):
    boss = await owner(db)
    shop_id = boss.shops[0].shop_id
    await invite_staff(db, shop_id, 'barber@example.com')
    staff_id = next(uid for uid, _, role in await list_members(db, shop_id) if role == 'staff')

    older = await create_conversation(db, shop_id, boss.user_id, 'Slow Tuesdays')
    newer = await create_conversation(db, shop_id, boss.user_id, 'Pricing')
    await add_message(db, shop_id, boss.user_id, older.id, 'user', 'Why are Tuesdays slow?')
    answer = await add_message(db, shop_id, boss.user_id, older.id, 'assistant', 'Fewer walk-ins.',
                               {'provider': 'offline', 'sources': ['pricing.md']})
    assert [c.id for c in await list_conversations(db, shop_id, boss.user_id)] == [older.id, newer.id]
    assert await list_conversations(db, shop_id, staff_id) == []

    messages = await get_messages(db, shop_id, boss.user_id, older.id)
    assert [(m.role, m.content) for m in messages] == [('user', 'Why are Tuesdays slow?'),
                                                       ('assistant', 'Fewer walk-ins.')]
    assert messages[1].meta == {'provider': 'offline', 'sources': ['pricing.md']} and messages[1].feedback is None
    assert await get_messages(db, shop_id, staff_id, older.id) == []
    with pytest.raises(NotFoundError, match='Start a new one'):
        await add_message(db, shop_id, staff_id, older.id, 'user', 'peek')

    assert await set_feedback(db, shop_id, staff_id, answer.id, 'down') is False
    assert await set_feedback(db, shop_id, boss.user_id, answer.id, 'up') is True
    assert (await get_messages(db, shop_id, boss.user_id, older.id))[1].feedback == 'up'
    assert await set_feedback(db, shop_id, boss.user_id, answer.id, None) is True

    assert await rename_conversation(db, shop_id, boss.user_id, newer.id, 'Prices') is True
    assert await delete_conversation(db, shop_id, staff_id, older.id) is False
    assert await delete_conversation(db, shop_id, boss.user_id, older.id) is True
    assert [c.title for c in await list_conversations(db, shop_id, boss.user_id)] == ['Prices']
    assert await get_messages(db, shop_id, boss.user_id, older.id) == []
