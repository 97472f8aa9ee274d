"""The read-only screen for the shop's TV: no login, a kiosk token in the address, nothing to click."""
from nicegui import ui

from shops import Shops
from store.shop_settings import get_setting
from store.tokens import hash_token, shop_for_token

from ..kiosk import screen
from ..kiosk.state import KioskChair, KioskState
from ..placement import elsewhere
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/kiosk/{token}', title='Chairside kiosk', response_timeout=RESPONSE_TIMEOUT)
    async def kiosk(token: str) -> None:
        ui.dark_mode(True)
        ui.query('body').classes('kiosk')
        ui.context.client.content.classes('p-0 gap-0')
        shop_id = await shop_for_token(shops.store, 'kiosk', token)
        if shop_id is not None and elsewhere(shops, shop_id, f'/kiosk/{token}'):
            return
        profile = shops.profile(shop_id) if shop_id is not None else None  # the shop may still be catching up
        if profile is None:
            _not_linked()
            return
        state = KioskState(show_money=bool(await get_setting(shops.store, shop_id, 'kiosk_show_money', False)),
                           chairs=[KioskChair(barber) for barber in profile.barbers])
        shops.live.subscribe(shop_id, state.receive)
        shops.live.track_page(shop_id, 'kiosk', '/kiosk')

        reload = ui.navigate.reload  # bound now: in tests each simulated user has its own
        shops.token_watch.watch(('kiosk', hash_token(token)), lambda shop: reload() if shop is None else None)

        screen.create(state)


def _not_linked() -> None:
    with ui.column().classes('absolute-center items-center gap-2 text-center'):
        ui.icon('link_off', size='4rem').classes('opacity-60')
        ui.label('This screen is not linked').classes('text-3xl font-bold').mark('kiosk-not-linked')
        ui.label('Ask the shop owner for a new kiosk link from Chairside settings.').classes('opacity-70')
