"""Shops kept apart: a person of shop B sees nothing of shop A through any page."""
from nicegui import app
from nicegui.testing import User
from sqlalchemy import select

from engine import demo_profile
from store.conversations import add_message, create_conversation
from store.models import Membership
from store.notifications import add_notification
from store.shops import get_shop
from store.staff import create_shop, invite_staff

from .helpers import sign_in_invited, sign_up_owner, the_engine


async def test_staff_of_one_shop_see_nothing_of_another(user: User, create_user):
    await sign_up_owner(user)
    shops = app.state.shops
    shop_a = the_engine().profile.id
    owner_id = await _owner_id()
    shop_b = await create_shop(shops.store, owner_id, 'Shop B', 'Europe/London', demo_profile().to_dict())
    shops.start_shop(await get_shop(shops.store, shop_b.id))
    conversation = await create_conversation(shops.store, shop_a, owner_id, 'Secret plans of shop A')
    await add_message(shops.store, shop_a, owner_id, conversation.id, 'user', 'Secret plans of shop A')
    await add_notification(shops.store, shop_a, 'insight', 'Only for shop A', 'A figure of shop A', key='a:1')
    one_time = await invite_staff(shops.store, shop_b.id, 'b-staff@example.com')

    staff = create_user()
    await sign_in_invited(staff, 'b-staff@example.com', one_time)
    await staff.should_see('Shop B')
    await staff.should_not_see('Demo Barbershop')
    await staff.should_not_see('Only for shop A')
    await staff.open('/coach')
    await staff.should_not_see('Secret plans of shop A')
    await staff.open('/settings')
    await staff.should_see('Only the shop owner can change settings.')


async def _owner_id() -> str:
    async with app.state.shops.store.session() as session:
        return await session.scalar(select(Membership.user_id).where(Membership.role == 'owner'))
