from nicegui import app
from nicegui.testing import User

from engine import CheckedIn, Reviewed
from store.staff import invite_staff

from .helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in, sign_in_invited, sign_up_owner, the_engine


def unread(user: User) -> int:
    """The number on the bell; the badge is hidden at zero."""
    (badge,) = [e for e in user.client.layout.descendants() if 'unread-count' in e._markers]
    return int(badge.text or 0) if badge.visible else 0


def _five_star_review(text: str) -> None:
    engine = the_engine()
    now = engine.clock.now()
    engine.apply(CheckedIn('test-in', now - 3600, 'test-1', 'Carlos Y.', True))
    engine.apply(Reviewed('test-rv', now, 'test-1', 'Dee', 5, text))
    app.state.loop.tick()


async def test_a_five_star_review_pops_a_toast_and_lands_in_the_drawer(user: User):
    await sign_up_owner(user)
    before = unread(user)
    _five_star_review('Sharpest fade in town')
    await user.should_see('New 5-star review')
    assert any('New 5-star review' in message for message in user.notify.messages)  # alone or folded with others
    user.find(marker='notifications-bell').click()
    with user.scope(marker='notifications'):  # the drawer's list, not the toast
        await user.should_see('Sharpest fade in town')
    await user.should_see(marker='unread-count')  # the bell shows its count once the stored ones are loaded too
    assert unread(user) >= before + 1  # the same tick may raise others too

    user.find(marker='mark-all-read').click()
    await user.should_not_see(marker='unread-count')


async def test_owner_and_staff_keep_their_own_read_state(user: User, create_user):
    await sign_up_owner(user)
    shop_id = the_engine().profile.id
    one_time = await invite_staff(app.state.shops.store, shop_id, 'barber@example.com')
    _five_star_review('Dee is the best')
    user.find(marker='notifications-bell').click()
    with user.scope(marker='notifications'):
        await user.should_see('Dee is the best')

    staff = create_user()
    await sign_in_invited(staff, 'barber@example.com', one_time)
    await staff.should_see(marker='unread-count')  # once the stored notifications are loaded
    staff_unread = unread(staff)
    assert staff_unread >= 1

    user.find(marker='mark-all-read').click()
    await user.should_not_see(marker='unread-count')
    assert unread(staff) == staff_unread  # the owner's reading is not the staff's

    other_device = create_user()
    await sign_in(other_device, OWNER_EMAIL, OWNER_PASSWORD)
    await other_device.should_see(marker='notifications-bell')
    other_device.find(marker='notifications-bell').click()
    with other_device.scope(marker='notifications'):
        await other_device.should_see('Dee is the best')  # loaded from the store
    assert unread(other_device) == 0  # read on one device, read on all
