from nicegui import app
from nicegui.testing import User

from store.shops import get_shop
from store.tokens import hash_token, list_tokens, shop_for_token

from .helpers import sign_up_owner, text_of


def the_shop_id() -> str:
    (shop_id,) = app.state.shops.engines
    return shop_id


def first(user: User, marker: str):
    """The first of several fields that share a marker (rows of a list), in page order."""
    return min(user.find(marker=marker).elements, key=lambda element: element.id)


async def open_settings(user: User) -> None:
    await sign_up_owner(user)
    await user.open('/settings')
    await user.should_see(marker='settings-profile')


async def test_the_owner_renames_the_shop_and_reprices_a_service_and_the_dashboard_follows(user: User):
    await open_settings(user)
    first(user, 'profile-name').value = 'Fade Factory'
    first(user, 'service-price').value = 38
    user.find(marker='save-profile').click()
    await user.should_see('Profile saved. The dashboard now shows it.')
    shop = await get_shop(app.state.shops.store, the_shop_id())
    assert shop.name == 'Fade Factory'
    assert shop.profile['services'][0] == {'name': 'Haircut', 'price': 38, 'minutes': 30, 'weight': 5}
    engine = app.state.shops.engines[the_shop_id()]
    assert engine.profile.name == 'Fade Factory' and engine.profile.service('Haircut').price == 38
    await user.open('/')
    await user.should_see(marker='metric-revenue')
    assert text_of(user, 'shop-name') == 'Fade Factory'


async def test_barbers_and_opening_hours_can_be_changed(user: User):
    await open_settings(user)
    user.find(marker='add-barber').click()
    max(user.find(marker='barber-name').elements, key=lambda element: element.id).value = 'Rosa'
    user.find(marker='open-6').click()  # closed on Sundays
    first(user, 'closes-5').value = '17:30'
    user.find(marker='save-profile').click()
    await user.should_see('Profile saved. The dashboard now shows it.')
    profile = (await get_shop(app.state.shops.store, the_shop_id())).profile
    assert profile['barbers'] == ['Marco', 'Dee', 'Sam', 'Luis', 'Rosa']
    assert '6' not in profile['hours'] and profile['hours']['5'] == ['09:00', '17:30']
    assert app.state.shops.engines[the_shop_id()].profile.chairs == 5


async def test_a_wrong_field_says_what_is_wrong_and_nothing_is_saved(user: User):
    await open_settings(user)
    before = await get_shop(app.state.shops.store, the_shop_id())
    first(user, 'profile-name').value = 'Renamed'
    first(user, 'service-price').value = -5
    first(user, 'service-minutes').value = 3
    first(user, 'closes-0').value = '08:00'
    first(user, 'barber-name').value = 'Dee'
    user.find(marker='save-profile').click()
    await user.should_see('Some fields need fixing (marked in red). Nothing was saved.')
    assert first(user, 'service-price').error == 'Enter a price of 0 or more.'
    assert first(user, 'service-minutes').error == 'Enter 5 to 240 minutes.'
    assert first(user, 'closes-0').error == 'Closing time must be after opening time.'
    assert first(user, 'barber-name').error == 'Two barbers have this name: tell them apart.'
    after = await get_shop(app.state.shops.store, the_shop_id())
    assert (after.name, after.profile) == (before.name, before.profile) == ('Demo Barbershop', before.profile)
    assert app.state.shops.engines[the_shop_id()].profile.name == 'Demo Barbershop'


async def test_inviting_staff_shows_the_one_time_password_once_and_staff_can_be_removed(user: User):
    await open_settings(user)
    user.find(marker='invite-email').type('sam@example.com')
    user.find(marker='invite').click()
    await user.should_see(marker='secret-value')
    password = text_of(user, 'secret-value')
    await user.should_see('They must change it to a password of their own at their first sign-in.')
    await user.should_see('sam@example.com')
    user.find(marker='secret-done').click()
    await user.should_not_see(password)
    user.find(marker='invite-email').type('sam@example.com')
    user.find(marker='invite').click()
    await user.should_see("sam@example.com is already on this shop's team.")
    user.find(marker='remove-sam@example.com').click()
    await user.should_see(marker='confirm-yes')
    user.find(marker='confirm-yes').click()
    await user.should_see('sam@example.com was removed from the team.')
    await user.should_not_see(marker='remove-sam@example.com')


async def test_someone_with_an_account_elsewhere_keeps_their_password(user: User):
    await open_settings(user)
    await _open_second_shop(user, 'Second Chair')
    user.find(marker='switch-to-Second Chair').click()
    await user.should_see(marker='metric-revenue')
    await user.open('/settings')
    await user.should_see('Settings of Second Chair')
    user.find(marker='invite-email').type('dee@example.com')
    user.find(marker='invite').click()
    await user.should_see(marker='secret-value')
    user.find(marker='secret-done').click()
    second = _shop_id_named('Second Chair')
    app.storage.user['shop_id'] = next(shop for shop in app.state.shops.engines if shop != second)
    await user.open('/settings')
    await user.should_see('Settings of Demo Barbershop')
    user.find(marker='invite-email').type('dee@example.com')
    user.find(marker='invite').click()
    await user.should_see('dee@example.com already has a Chairside account: they can sign in with their existing '
                          'password and will find this shop in their menu.')
    await user.should_not_see(marker='secret-value')


async def test_api_and_kiosk_tokens_are_shown_once_stored_hashed_and_can_be_revoked(user: User):
    await open_settings(user)
    for kind, name in (('api', 'Till'), ('kiosk', 'Front window TV')):
        user.find(marker=f'create-{kind}-token').click()
        await user.should_see('Give the token a name of 1 to 100 characters, such as "Front desk TV".')
        user.find(marker=f'{kind}-token-name').type(name)
        user.find(marker=f'create-{kind}-token').click()
        await user.should_see(marker='secret-value')
        token = first(user, 'secret-value').text  # the token; a kiosk token's link follows it
        if kind == 'kiosk':
            await user.should_see(f'/kiosk/{token}')
        (row,) = await list_tokens(app.state.shops.store, the_shop_id(), kind)
        assert row.token_hash == hash_token(token) and token not in (row.id, row.name, row.token_hash)
        assert await shop_for_token(app.state.shops.store, kind, token) == the_shop_id()
        user.find(marker='secret-done').click()
        await user.should_not_see(token)
        with user.scope(marker=f'settings-{kind}-tokens'):
            await user.should_see(name)
            await user.should_see('active')
            user.find(marker='revoke-token').click()
        await user.should_see(marker='confirm-yes')
        user.find(marker='confirm-yes').click()
        with user.scope(marker=f'settings-{kind}-tokens'):
            await user.should_see('revoked')
            await user.should_not_see(marker='revoke-token')
        assert await shop_for_token(app.state.shops.store, kind, token) is None
    await user.open('/settings')
    await user.should_see('Till')
    await user.should_not_see(marker='secret-value')


async def test_the_owner_opens_a_second_shop_and_switches_to_it(user: User):
    await open_settings(user)
    await _open_second_shop(user, 'Second Chair')
    await user.should_see('Second Chair is open. Switch to it below, or from your menu at the top right.')
    assert len(app.state.shops.engines) == 2
    user.find(marker='switch-to-Second Chair').click()
    await user.should_see(marker='metric-revenue')
    assert text_of(user, 'shop-name') == 'Second Chair'
    assert app.storage.user['shop_id'] == _shop_id_named('Second Chair')

    user.find(marker='user-menu').click()  # and back, from the menu at the top right
    (shop_field,) = user.find(marker='shop-select').elements
    first_shop_id, first_name = next((i, name) for i, name in shop_field.options.items() if name != 'Second Chair')
    shop_field.value = first_shop_id
    await user.should_see(marker='shop-name', content=first_name)
    assert app.storage.user['shop_id'] == first_shop_id


async def _open_second_shop(user: User, name: str) -> None:
    user.find(marker='new-shop-name').type(name)
    (zone,) = user.find(marker='new-shop-timezone').elements
    zone.value = 'Europe/Dublin'
    user.find(marker='create-shop').click()
    await user.should_see(marker=f'switch-to-{name}')


def _shop_id_named(name: str) -> str:
    return next(shop_id for shop_id, engine in app.state.shops.engines.items() if engine.profile.name == name)


async def test_the_owner_sees_how_the_system_is_doing(user: User):
    await sign_up_owner(user)
    await user.open('/settings')
    await user.should_see(marker='settings-system')
    await user.should_see('Knowledge index: ready')
    await user.should_see('Offline coach')
    await user.should_see(content='owner@example.com on / of Demo Barbershop')
    await user.should_see(content='Engine: running')
