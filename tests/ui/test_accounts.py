from nicegui import app
from nicegui.testing import User

from store.accounts import WRONG_CREDENTIALS
from store.staff import invite_staff

from .helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in, sign_up_owner

STAFF_EMAIL = 'dee@example.com'


async def sign_out(user: User) -> None:
    user.find(marker='user-menu').click()
    user.find(marker='sign-out').click()
    await user.should_see(marker='sign-in')


async def test_first_run_sets_up_the_owner_and_then_set_up_is_closed(user: User, create_user):
    await user.open('/')
    await user.should_see('Welcome to Chairside')
    await sign_up_owner(user)  # lands on the dashboard
    latecomer = create_user()
    await latecomer.open('/setup')
    await latecomer.should_see(marker='sign-in')
    await latecomer.should_not_see('Welcome to Chairside')


async def test_the_owner_signs_out_and_in_again(user: User):
    await sign_up_owner(user)
    await sign_out(user)
    await user.open('/')
    await user.should_see(marker='sign-in')
    await sign_in(user, OWNER_EMAIL, OWNER_PASSWORD)
    await user.should_see(marker='metric-revenue')


async def test_signing_in_leads_back_to_the_page_asked_for(user: User):
    await sign_up_owner(user)
    await sign_out(user)
    await user.open('/settings')
    await user.should_see(marker='sign-in')
    user.find(marker='email').type(OWNER_EMAIL)
    user.find(marker='password').type(OWNER_PASSWORD)
    user.find(marker='sign-in').click()
    await user.should_see(marker='settings-profile')


async def test_a_wrong_password_and_an_unknown_email_get_the_same_message(user: User):
    await sign_up_owner(user)
    await sign_out(user)
    await sign_in(user, OWNER_EMAIL, 'not the password at all')
    await user.should_see(WRONG_CREDENTIALS)
    await sign_in(user, 'nobody@example.com', 'not the password at all')
    await user.should_see(WRONG_CREDENTIALS)
    await user.should_not_see(marker='metric-revenue')


async def test_five_failed_sign_ins_pause_sign_in_and_say_when_to_retry(user: User):
    await sign_up_owner(user)
    await sign_out(user)
    for _ in range(4):
        await sign_in(user, OWNER_EMAIL, 'a wrong guess')
        await user.should_see(WRONG_CREDENTIALS)
    await sign_in(user, OWNER_EMAIL, 'a wrong guess')
    await user.should_see('Sign-in is paused: try again in 15 minutes')
    await sign_in(user, OWNER_EMAIL, OWNER_PASSWORD)  # even the right password waits
    await user.should_see('Sign-in is paused: try again in 15 minutes')
    await user.should_not_see(marker='metric-revenue')


async def test_invited_staff_change_the_password_first_and_never_see_settings(user: User, create_user):
    await sign_up_owner(user)
    (shop_id,) = app.state.shops.engines
    one_time_password = await invite_staff(app.state.shops.store, shop_id, STAFF_EMAIL)
    staff = create_user()
    await sign_in(staff, STAFF_EMAIL, one_time_password)
    await staff.should_see(marker='must-change')
    await staff.open('/')
    await staff.should_see(marker='must-change')  # the dashboard waits for a password of their own
    staff.find(marker='old-password').type(one_time_password)
    staff.find(marker='new-password').type('dee has her own password')
    staff.find(marker='repeat-password').type('dee has her own password')
    staff.find(marker='change-password').click()
    await staff.should_see(marker='metric-revenue')
    staff.find(marker='user-menu').click()
    await staff.should_see(marker='menu-coach')
    await staff.should_not_see(marker='menu-settings')
    await staff.should_not_see(marker='speed')  # only the owner speeds the demo up
    await staff.open('/settings')
    await staff.should_see('Only the shop owner can change settings.')
    await staff.should_see('Back to the dashboard')
    await staff.should_not_see(marker='settings-profile')
    user.find(marker='user-menu').click()
    await user.should_see(marker='menu-settings')
