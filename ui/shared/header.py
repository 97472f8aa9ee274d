"""The header of pages other than the dashboard: the way home, the page's title, the person's menu."""
from nicegui import ui

from shops import Shops
from store.accounts import Account

from . import user_menu


def create(shops: Shops, account: Account, shop_id: str, title: str) -> None:
    with ui.header().classes('items-center justify-between px-4 py-2 bg-primary'):
        with ui.link(target='/').classes('row items-center gap-3 no-wrap text-white no-underline'):
            ui.icon('content_cut', size='md')
            ui.label(title).classes('text-lg font-bold')
        user_menu.create(shops, account, shop_id)


