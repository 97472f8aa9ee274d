"""The read-only screen for the shop's TV: no login, a kiosk token in the address, nothing to click."""
from nicegui import binding, ui

from store.shop_settings import get_setting
from store.tokens import hash_token, shop_for_token

from ..components.clock_label import ClockLabel
from ..context import AppContext
from ..kiosk_state import KioskChair, KioskState
from . import RESPONSE_TIMEOUT

NEXT_APPOINTMENTS = 5


def create(ctx: AppContext) -> None:
    @ui.page('/kiosk/{token}', title='Chairside kiosk', response_timeout=RESPONSE_TIMEOUT)
    async def kiosk(token: str) -> None:
        ui.dark_mode(True)
        ui.query('body').classes('kiosk')
        ui.context.client.content.classes('p-0 gap-0')
        shop_id = await shop_for_token(ctx.store, 'kiosk', token)
        if shop_id is None or shop_id not in ctx.engines:
            _not_linked()
            return
        engine = ctx.engines[shop_id]
        state = KioskState(show_money=bool(await get_setting(ctx.store, shop_id, 'kiosk_show_money', False)),
                           chairs=[KioskChair(barber) for barber in engine.profile.barbers])
        ctx.live.subscribe(shop_id, state.receive)
        ctx.live.track_page(shop_id, 'kiosk', '/kiosk')

        reload = ui.navigate.reload  # bound now: in tests each simulated user has its own
        ctx.token_watch.watch(('kiosk', hash_token(token)), lambda shop: reload() if shop is None else None)

        with KioskScreen().classes('kiosk-screen w-full gap-[2vmin] p-[3vmin]') as screen:
            with ui.row().classes('w-full items-baseline justify-between no-wrap'):
                ui.label().classes('kiosk-title font-bold truncate').bind_text_from(state, 'shop_name')
                ClockLabel().classes('kiosk-clock font-bold tabular-nums').mark('kiosk-time') \
                    .bind_text_from(state, 'time').bind_made_from(state)
            with ui.row().classes('w-full items-center gap-[2vmin]'):
                ui.label().classes('kiosk-pill').mark('kiosk-status').bind_text_from(state, 'status')
                ui.label().classes('kiosk-pill kiosk-peak').mark('kiosk-peak') \
                    .bind_text_from(state, 'peak').bind_visibility_from(state, 'peak', backward=bool)
                ui.label().classes('kiosk-stale').mark('kiosk-stale').bind_text_from(state, 'stale')
                ui.label('Reconnecting…').classes('kiosk-reconnecting')
            with ui.element('div').classes('kiosk-figures w-full'):
                _figure('Walk-in wait', state, 'walk_in_wait', 'kiosk-wait')
                _figure("Today's bookings", state, 'bookings', 'kiosk-bookings')
                _figure('Rating, 30 days', state, 'rating', 'kiosk-rating')
                if state.show_money:
                    _figure('Revenue today', state, 'revenue', 'kiosk-revenue')
            with ui.element('div').classes('kiosk-chairs w-full'):
                for chair in state.chairs:
                    with ui.column().classes('kiosk-card gap-0').mark('kiosk-chair'):
                        ui.label().classes('kiosk-barber font-bold').bind_text_from(chair, 'barber')
                        ui.label().classes('kiosk-chair-status') \
                            .bind_text_from(chair, 'status').bind_visibility_from(chair, 'busy') \
                            .classes('text-amber-4')
                        ui.label('Free').classes('kiosk-chair-status text-green-4') \
                            .bind_visibility_from(chair, 'busy', backward=lambda busy: not busy)
                        ui.label().classes('kiosk-small opacity-80').bind_text_from(chair, 'detail')
            with ui.element('div').classes('kiosk-lists w-full'):
                with ui.column().classes('kiosk-card gap-1'):
                    ui.label('Waiting').classes('kiosk-caption')
                    ui.label().classes('kiosk-small').mark('kiosk-queue').bind_text_from(state, 'queue')
                with ui.column().classes('kiosk-card gap-1').mark('kiosk-appointments'):
                    ui.label('Next appointments').classes('kiosk-caption')
                    _appointments(state)
            ui.label().classes('kiosk-review italic w-full').mark('kiosk-review').bind_text_from(state, 'review')
        binding.bind_from(screen, 'closed', state, 'is_open', backward=lambda is_open: not is_open)


class KioskScreen(ui.column):
    """Dims and drifts slowly while the shop is closed, to spare the panel."""
    closed = binding.BindableProperty(
        on_change=lambda sender, closed: sender.classes(add='kiosk-closed') if closed
        else sender.classes(remove='kiosk-closed'))

    def __init__(self) -> None:
        super().__init__()
        self.closed = False


def _figure(title: str, state: KioskState, field: str, marker: str) -> None:
    with ui.column().classes('kiosk-card gap-0'):
        ui.label(title).classes('kiosk-caption')
        ui.label().classes('kiosk-figure font-bold tabular-nums').mark(marker).bind_text_from(state, field)


def _appointments(state: KioskState) -> None:
    for index in range(NEXT_APPOINTMENTS):
        ui.label().classes('kiosk-small').bind_text_from(
            state, 'appointments', backward=lambda lines, i=index: lines[i] if i < len(lines) else '')
    ui.label('None booked').classes('kiosk-small opacity-70') \
        .bind_visibility_from(state, 'appointments', backward=lambda lines: not lines)


def _not_linked() -> None:
    with ui.column().classes('absolute-center items-center gap-2 text-center'):
        ui.icon('link_off', size='4rem').classes('opacity-60')
        ui.label('This screen is not linked').classes('text-3xl font-bold').mark('kiosk-not-linked')
        ui.label('Ask the shop owner for a new kiosk link from Chairside settings.').classes('opacity-70')
