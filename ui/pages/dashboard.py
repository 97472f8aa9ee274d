"""The live dashboard of the shop the signed-in person is looking at."""
from nicegui import ui

from shops import Shops

from .. import auth
from ..dashboard import layout
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/', response_timeout=RESPONSE_TIMEOUT)
    async def dashboard() -> None:
        session = await auth.page_session(shops, '/')
        if session is None:
            return
        account, shop_id = session
        shops.live.track_page(shop_id, account.email, '/')
        layout.create(shops, account, shop_id)
