"""Finding 3: revoking, removing, signing out and changing the password end what they opened (within 5 s).

What Settings, the user menu and the account page do in this process ends the affected pages and streams at once;
what changes behind the app's back (another process, the database) is found by the periodic check, which these tests
run themselves (`check()`), on their own time.
"""
import asyncio
from types import SimpleNamespace

import pytest
from nicegui import app
from nicegui.testing import User

from shops import watch as watch_module
from shops.watch import Watch
from store.accounts import change_password
from store.staff import invite_staff, list_members, remove_staff
from store.tokens import create_token, hash_token, list_tokens, revoke_token
from tests.api.helpers import live_shop
from tests.ui.helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in, sign_in_invited, sign_up_owner

from .stream import OpenStream

STAFF_EMAIL = 'sam@example.com'
STAFF_PASSWORD = 'a long staff password'  # what sign_in_invited chooses


async def _until(condition, what: str) -> None:
    """A bound on a hang (30 s), not a measure of speed."""
    for _ in range(300):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'not within 30 s: {what}')


async def _open_stream(shop) -> OpenStream:
    stream = OpenStream(f'{shop.url}/metrics/stream', shop.token)
    await stream.read_until('event: snapshot')  # open and sending
    await _until(lambda: app.state.shops.token_watch.watchers(('api', hash_token(shop.token))) > 0, 'stream watched')
    return stream


async def _revoke_in_settings(user: User, kind: str) -> None:
    await user.open('/settings')
    with user.scope(marker=f'settings-{kind}-tokens'):
        await user.should_see(marker='revoke-token')
        user.find(marker='revoke-token').click()
    await user.should_see(marker='confirm-yes')
    user.find(marker='confirm-yes').click()


async def test_revoking_an_api_token_in_settings_ends_its_open_stream(user: User):
    shop = await live_shop(user)
    stream = await _open_stream(shop)
    try:
        await _revoke_in_settings(user, 'api')
        rest = await stream.ended()  # before: it kept sending snapshots until the client went away
        assert rest.rstrip().endswith('"detail": "This API token is unknown or revoked: make a new one in Settings > '
                                      'Tokens and send that."}')
    finally:
        await stream.close()


async def test_a_token_revoked_behind_the_apps_back_ends_its_stream_at_the_next_check(user: User):
    shop = await live_shop(user)
    stream = await _open_stream(shop)
    try:
        (row,) = await list_tokens(app.state.shops.store, shop.id, 'api')
        await revoke_token(app.state.shops.store, shop.id, 'api', row.id)  # e.g. another process, or by hand
        await app.state.shops.token_watch.check()  # what the app does every CHECK_SECONDS
        assert 'event: error' in await stream.ended()
    finally:
        await stream.close()


async def test_a_stream_that_ends_leaves_no_watcher_behind(user: User):
    shop = await live_shop(user)
    stream = await _open_stream(shop)
    await stream.close()  # the client went away
    key = ('api', hash_token(shop.token))
    await _until(lambda: app.state.shops.token_watch.watchers(key) == 0, 'the stream unwatched its token')


async def _staff_with_two_tabs(user: User, create_user) -> tuple[User, User]:
    """The owner signed up; a staff member signed in, with the dashboard in one tab and the coach in another."""
    await sign_up_owner(user)
    (shop_id,) = app.state.shops.engines
    one_time = await invite_staff(app.state.shops.store, shop_id, STAFF_EMAIL)
    dashboard = create_user()
    await sign_in_invited(dashboard, STAFF_EMAIL, one_time)
    coach = create_user()
    coach.http_client.cookies = dashboard.http_client.cookies  # a second tab of the same browser
    await coach.open('/coach')
    await coach.should_see(marker='chat-input')
    return dashboard, coach


async def test_removing_a_staff_member_ends_their_open_dashboard_and_coach(user: User, create_user):
    dashboard, coach = await _staff_with_two_tabs(user, create_user)
    await user.open('/settings')
    user.find(marker=f'remove-{STAFF_EMAIL}').click()
    await user.should_see(marker='confirm-yes')
    user.find(marker='confirm-yes').click()
    await dashboard.should_see(marker='sign-in')  # before: both kept working until reloaded
    await coach.should_see(marker='sign-in')
    await coach.should_not_see(marker='chat-input')


async def test_a_staff_member_removed_behind_the_apps_back_leaves_at_the_next_check(user: User, create_user):
    dashboard, coach = await _staff_with_two_tabs(user, create_user)
    (shop_id,) = app.state.shops.engines
    staff_id = next(u for u, email, _ in await list_members(app.state.shops.store, shop_id) if email == STAFF_EMAIL)
    await remove_staff(app.state.shops.store, shop_id, staff_id)
    await app.state.shops.session_watch.check()
    await dashboard.should_see(marker='sign-in')
    await coach.should_see(marker='sign-in')


async def test_signing_out_ends_the_other_tabs_of_the_browser(user: User, create_user):
    await sign_up_owner(user)
    other_tab = create_user()
    other_tab.http_client.cookies = user.http_client.cookies
    await other_tab.open('/coach')
    await other_tab.should_see(marker='chat-input')
    user.find(marker='user-menu').click()
    user.find(marker='sign-out').click()
    await user.should_see(marker='sign-in')
    await other_tab.should_see(marker='sign-in')  # before: the coach stayed open, signed in
    await other_tab.should_not_see(marker='chat-input')


async def test_changing_the_password_ends_the_sessions_of_other_browsers(user: User, create_user):
    await sign_up_owner(user)
    laptop = create_user()  # the same person, signed in elsewhere (or someone who got hold of that session)
    await sign_in(laptop, OWNER_EMAIL, OWNER_PASSWORD)
    await laptop.should_see(marker='metric-revenue', retries=50)
    await user.open('/account')
    user.find(marker='old-password').type(OWNER_PASSWORD)
    user.find(marker='new-password').type('a brand new owner password')
    user.find(marker='repeat-password').type('a brand new owner password')
    user.find(marker='change-password').click()
    await user.should_see(marker='metric-revenue', retries=50)  # the browser that changed it stays signed in
    await laptop.should_see(marker='sign-in')  # before: the other browser stayed signed in, even after a reload
    await laptop.open('/')
    await laptop.should_see(marker='sign-in')
    await user.open('/settings')
    await user.should_see(marker='settings-profile')


async def test_a_password_changed_behind_the_apps_back_ends_every_session_at_the_next_check(user: User):
    await sign_up_owner(user)
    (member,) = await list_members(app.state.shops.store, next(iter(app.state.shops.engines)))
    await change_password(app.state.shops.store, member[0], OWNER_PASSWORD, 'changed somewhere else')
    await app.state.shops.session_watch.check()
    await user.should_see(marker='sign-in')


async def test_revoking_a_kiosk_token_in_settings_turns_its_screen_off_at_once(user: User, create_user):
    await sign_up_owner(user)
    _, token = await create_token(app.state.shops.store, next(iter(app.state.shops.engines)), 'kiosk', 'TV')
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    await tv.should_see(marker='kiosk-time')
    await _revoke_in_settings(user, 'kiosk')
    await tv.should_see('This screen is not linked')


async def test_what_changes_behind_the_apps_back_is_looked_up_at_least_every_five_seconds(monkeypatch):
    looked_up: list[list[str]] = []
    slept: list[float] = []

    async def look_up(keys: list[str]) -> dict:
        looked_up.append(keys)
        return {}

    async def sleep(seconds: float) -> None:  # the test's own clock: no real second passes
        slept.append(seconds)
        if len(slept) > 3:
            raise asyncio.CancelledError
    monkeypatch.setattr(watch_module, 'asyncio', SimpleNamespace(sleep=sleep))
    told: list = []
    watch = Watch(look_up)
    watch.watch('a session', told.append)
    with pytest.raises(asyncio.CancelledError):
        await watch.run()
    assert slept and all(seconds <= 5 for seconds in slept)
    assert looked_up == [['a session']] * 3
    assert told == [None] * 3  # gone from the store: the watcher is told so
