"""The owner's settings for the shop being shown: profile, staff, API and kiosk tokens, and further shops."""
from nicegui import ui

from shops import Shops
from store.shops import get_shop

from .. import auth, theme
from ..settings import alerts as settings_alerts
from ..settings import data_import as settings_import
from ..settings import documents as settings_documents
from ..settings import kiosk as settings_kiosk
from ..settings import profile as settings_profile
from ..settings import shops as settings_shops
from ..settings import staff as settings_staff
from ..settings import system as settings_system
from ..settings import tokens as settings_tokens
from ..shared import header
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/settings', response_timeout=RESPONSE_TIMEOUT)
    async def settings_page() -> None:
        session = await auth.page_session(shops, '/settings')
        if session is None:
            return
        account, shop_id = session
        theme.apply()
        header.create(shops, account, shop_id, 'Settings')
        shop = await get_shop(shops.store, shop_id)
        if account.role_in(shop_id) != 'owner' or shop is None:
            with ui.card().classes('w-full max-w-md mx-auto mt-8 gap-3'):
                ui.label('Only the shop owner can change settings.').mark('owner-only')
                ui.link('Back to the dashboard', '/')
            return
        with ui.column().classes('w-full max-w-screen-md mx-auto p-2 sm:p-4 gap-4'):
            ui.label(f'Settings of {shop.name}').classes('text-xl font-bold')
            with ui.tabs().classes('w-full text-primary').props('align=left') as tabs:
                profile = ui.tab('Profile', icon='storefront')
                staff = ui.tab('Staff', icon='group')
                tokens = ui.tab('Tokens', icon='key')
                alerts = ui.tab('Notifications', icon='notifications')
                knowledge = ui.tab('Knowledge', icon='menu_book')
                data = ui.tab('Data', icon='upload_file')
                shops_tab = ui.tab('Shops', icon='store')
                system = ui.tab('System', icon='monitor_heart')
            with ui.tab_panels(tabs, value=profile).classes('w-full bg-transparent'):
                with ui.tab_panel(profile).classes('p-1'):
                    settings_profile.create(shops, shop)
                with ui.tab_panel(staff).classes('p-1'):
                    await settings_staff.create(shops, account, shop_id)
                with ui.tab_panel(tokens).classes('p-1 column gap-4'):
                    await settings_tokens.create(shops, shop_id, 'api')
                    await settings_tokens.create(shops, shop_id, 'kiosk')
                    await settings_kiosk.create(shops, shop_id)
                    await settings_tokens.create(shops, shop_id, 'monitor')
                with ui.tab_panel(alerts).classes('p-1'):
                    await settings_alerts.create(shops, shop_id)
                with ui.tab_panel(knowledge).classes('p-1'):
                    await settings_documents.create(shops, shop_id)
                with ui.tab_panel(data).classes('p-1'):
                    await settings_import.create(shops, shop_id)
                with ui.tab_panel(shops_tab).classes('p-1'):
                    await settings_shops.create(shops, account, shop_id)
                with ui.tab_panel(system).classes('p-1'):
                    settings_system.create(shops, shops.loop, [s.shop_id for s in account.shops if s.role == 'owner'])
