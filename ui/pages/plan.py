"""The what-if planner (owner only): try a change on a model of the shop before making it."""
from nicegui import ui

from shops import Shops

from .. import auth, theme
from ..plan import layout
from ..shared import catching_up, header
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/plan', response_timeout=RESPONSE_TIMEOUT)
    async def plan_page() -> None:
        session = await auth.page_session(shops, '/plan')
        if session is None:
            return
        account, shop_id = session
        theme.apply()
        header.create(shops, account, shop_id, 'What-if planner')
        if account.role_in(shop_id) != 'owner':
            with ui.card().classes('w-full max-w-md mx-auto mt-8 gap-3'):
                ui.label('Only the shop owner can plan changes.').mark('owner-only')
                ui.link('Back to the dashboard', '/')
            return
        shops.live.track_page(shop_id, account.email, '/plan')
        catching_up.when_ready(shops, shop_id, lambda: layout.create(shops, shop_id))
