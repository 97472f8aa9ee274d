"""Whether the shop's TV may show money: off by default, since customers read the screen too."""
from nicegui import ui

from shops import Shops
from store.shop_settings import get_setting, set_setting


async def create(shops: Shops, shop_id: str) -> None:
    async def save(show: bool) -> None:
        await set_setting(shops.store, shop_id, 'kiosk_show_money', show)
        ui.notify('Kiosk screens show revenue from their next reload.' if show else
                  'Kiosk screens hide revenue from their next reload.', type='positive')

    show = bool(await get_setting(shops.store, shop_id, 'kiosk_show_money', False))
    with ui.card().classes('w-full gap-1'):
        ui.switch("Show today's revenue on kiosk screens", value=show, on_change=lambda e: save(e.value)) \
            .mark('kiosk-show-money')
        ui.label('Off by default: the screen faces customers.').classes('text-sm text-grey-7')
