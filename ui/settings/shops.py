"""The owner's shops: open another one (a simulated demo shop at first) and switch between them."""
from nicegui import app, ui

from engine import demo_profile
from shops import Shops
from store.accounts import Account
from store.errors import StoreError
from store.shops import shops_for_user
from store.staff import create_shop

from .profile import TIME_ZONES, is_zone


async def create(shops: Shops, account: Account, shop_id: str) -> None:
    with ui.card().classes('w-full gap-3').mark('settings-shops'):
        ui.label('Your shops').classes('text-base font-medium')
        shop_list = ui.column().classes('w-full gap-1')
        ui.label('Open another shop. It starts as a simulated demo shop, so its dashboard is live at once; '
                 'edit its profile here after switching to it.').classes('text-sm text-grey-8')
        with ui.row().classes('w-full items-start gap-2'):
            name = ui.input('Name of the new shop').without_auto_validation() \
                .classes('grow').mark('new-shop-name')
            zone = ui.select(TIME_ZONES, label='Time zone', value=shops.settings.timezone, with_input=True, validation={
                'Choose a time zone from the list.': is_zone,
            }).classes('w-56').mark('new-shop-timezone')
            create_button = ui.button('Open shop', icon='add_business').classes('mt-2').mark('create-shop')
        message = ui.label().classes('text-sm text-negative').mark('shop-error')

    async def show_shops() -> None:
        shop_list.clear()
        with shop_list:
            for shop, role in await shops_for_user(shops.store, account.user_id):
                with ui.row().classes('w-full items-center gap-2').mark('shop'):
                    ui.label(shop.name).classes('grow')
                    ui.badge(role, color='primary' if role == 'owner' else 'secondary')
                    if shop.id == shop_id:
                        ui.label('showing now').classes('text-xs text-grey-7')
                    else:
                        ui.button('Switch', on_click=lambda s=shop.id: _switch(s)).props('flat dense') \
                            .mark(f'switch-to-{shop.name}')

    async def open_shop() -> None:
        message.set_text('')
        if not zone.validate():
            return
        try:
            shop = await create_shop(shops.store, account.user_id, name.value or '', zone.value,
                                     demo_profile(zone.value).to_dict())
        except StoreError as error:
            message.set_text(str(error))
            return
        shops.add_shop(shop)
        name.value = ''
        ui.notify(f'{shop.name} is open. Switch to it below, or from your menu at the top right.', type='positive')
        await show_shops()

    create_button.on_click(open_shop)
    await show_shops()


def _switch(shop_id: str) -> None:
    """The user menu and every page read the shop to show from the user's storage."""
    app.storage.user['shop_id'] = shop_id
    ui.navigate.to('/')
