import re

from nicegui import app, ui
from nicegui.testing import User

from engine import words
from store.shop_settings import set_setting
from store.tokens import create_token, list_tokens, revoke_token

from .helpers import advance, sign_up_owner, text_of, the_engine

NAME_ON_SCREEN = re.compile(r'^[A-Z][a-z]+ [A-Z]\.$')  # a first name and an initial, never a surname


async def _kiosk_token() -> tuple[str, str]:
    shops = app.state.shops
    shop_id = the_engine().profile.id
    _, token = await create_token(shops.store, shop_id, 'kiosk', 'TV by the door')
    return shop_id, token


def _texts(user: User) -> list[str]:
    return [label.text for label in user.find(kind=ui.label).elements]


async def test_the_kiosk_shows_the_floor_without_a_login(user: User, create_user):
    await sign_up_owner(user)
    _, token = await _kiosk_token()
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    await tv.should_see('10:30')
    await tv.should_see('Walk-in wait')
    await tv.should_see("Today's bookings")
    assert text_of(tv, 'kiosk-bookings') == str(the_engine().snapshot().today.bookings)
    assert len(tv.find(marker='kiosk-chair').elements) == 4
    await tv.should_see('Next appointments')
    advance(30 * 60)
    await tv.should_see('11:00')


async def test_the_kiosk_shows_no_surnames_and_no_money_unless_allowed(user: User, create_user):
    await sign_up_owner(user)
    shop_id, token = await _kiosk_token()
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    advance(2 * 3600)  # a busy noon: people waiting and booked
    snapshot = the_engine().snapshot()
    names = [line.split('  ', 1)[1].split(' · ')[0] for line in _texts(tv) if re.match(r'^\d\d:\d\d  ', line)]
    assert names and all(NAME_ON_SCREEN.match(name) for name in names), names
    assert not any('$' in text for text in _texts(tv))
    assert snapshot.today.revenue > 0

    await set_setting(app.state.shops.store, shop_id, 'kiosk_show_money', True)
    money_tv = create_user()
    await money_tv.open(f'/kiosk/{token}')
    await money_tv.should_see('Revenue today')
    assert text_of(money_tv, 'kiosk-revenue').startswith('$')


async def test_before_opening_the_kiosk_counts_today_from_zero(user: User, create_user):
    await sign_up_owner(user)
    shop_id, token = await _kiosk_token()
    await set_setting(app.state.shops.store, shop_id, 'kiosk_show_money', True)
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    advance(12 * 3600)  # Tuesday 22:30: the day's final figures
    await tv.should_see('22:30')
    assert text_of(tv, 'kiosk-revenue') == words.money(the_engine().snapshot().today.revenue) != '$0'
    advance(8 * 3600)  # Wednesday 06:30: the dashboard shows Tuesday, the TV what today has taken and has booked
    await tv.should_see('06:30')
    assert text_of(tv, 'kiosk-revenue') == '$0'
    assert text_of(tv, 'kiosk-bookings') == str(the_engine().snapshot().so_far_today.bookings) != '0'


async def test_a_revoked_token_turns_the_screen_off(user: User, create_user):
    await sign_up_owner(user)
    shop_id, token = await _kiosk_token()
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    await tv.should_see(marker='kiosk-time')
    (row,) = await list_tokens(app.state.shops.store, shop_id, 'kiosk')
    await revoke_token(app.state.shops.store, shop_id, 'kiosk', row.id)  # behind the app's back
    await app.state.shops.token_watch.check()  # what the app does every few seconds
    await tv.should_see('This screen is not linked')


async def test_a_wrong_token_is_not_linked(user: User):
    await user.open('/kiosk/not-a-real-token')
    await user.should_see('This screen is not linked')
    await user.should_see('Ask the shop owner for a new kiosk link from Chairside settings.')
