"""The signed-in person's menu: where to go, which shop to look at, and signing out."""
from collections.abc import Awaitable, Callable, MutableMapping

from nicegui import app, ui

from shops import Shops
from store.accounts import Account

from .. import auth


def create(shops: Shops, account: Account, shop_id: str) -> None:
    """The items are built on the first click: most visits never open the menu, and a page is lighter without them."""
    session = app.storage.user  # this page's, whichever request a handler runs in

    def fill_once() -> None:
        if not menu.default_slot.children:
            _fill(menu, account, shop_id, session, lambda: auth.sign_out(shops, account.user_id, session))

    with ui.button(icon='account_circle', on_click=fill_once) \
            .props('flat round color=white data-testid=user-menu').mark('user-menu'):
        menu = ui.menu()


def _fill(menu: ui.menu, account: Account, shop_id: str, session: MutableMapping,
          sign_out: Callable[[], Awaitable[None]]) -> None:
    """Signing out sends every open page of this browser, this one included, to sign-in (auth.watch_session)."""
    with menu:
        ui.item(account.email).props('disable')
        ui.separator()
        ui.menu_item('Dashboard', on_click=lambda: ui.navigate.to('/'))
        ui.menu_item('Coach', on_click=lambda: ui.navigate.to('/coach')).mark('menu-coach')
        if account.role_in(shop_id) == 'owner':
            ui.menu_item('Reports', on_click=lambda: ui.navigate.to('/reports')).mark('menu-reports')
            ui.menu_item('What if…', on_click=lambda: ui.navigate.to('/plan')).mark('menu-plan')
            ui.menu_item('Settings', on_click=lambda: ui.navigate.to('/settings')).mark('menu-settings')
        ui.menu_item('Your account', on_click=lambda: ui.navigate.to('/account'))
        if len(account.shops) > 1:  # one field, not an item per shop: an owner may have fifty
            ui.separator()
            ui.select({shop.shop_id: shop.shop_name for shop in account.shops}, value=shop_id, label='Shop',
                      on_change=lambda e: _switch(session, e.value)).props('dense outlined options-dense') \
                .classes('mx-3 my-1 min-w-48').mark('shop-select')
        ui.separator()
        ui.menu_item('Sign out', on_click=sign_out).mark('sign-out')


def _switch(session: MutableMapping, shop_id: str) -> None:
    session['shop_id'] = shop_id
    ui.navigate.to('/')
