"""The owner's reports: any period of the shop's history (ui/reports/)."""
from nicegui import ui

from shops import Shops

from .. import auth, theme
from ..reports.page import ReportsPage
from ..shared import catching_up, header
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/reports', title='Chairside reports', response_timeout=RESPONSE_TIMEOUT)
    async def reports_page() -> None:
        session = await auth.page_session(shops, '/reports')
        if session is None:
            return
        account, shop_id = session
        theme.apply()
        header.create(shops, account, shop_id, 'Reports')
        if account.role_in(shop_id) != 'owner' or shops.profile(shop_id) is None:
            with ui.card().classes('w-full max-w-md mx-auto mt-8 gap-3'):
                ui.label('Only the shop owner can see reports.').mark('owner-only')
                ui.link('Back to the dashboard', '/')
            return
        shops.live.track_page(shop_id, account.email, '/reports')
        catching_up.when_ready(shops, shop_id, lambda: ReportsPage(shops, shop_id))
