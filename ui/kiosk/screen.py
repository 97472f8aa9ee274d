"""The TV's screen: the shop's floor at a glance, large enough to read across the room; nothing to click."""
from nicegui import binding, ui

from ..shared.clock_label import ClockLabel
from .state import KioskState

NEXT_APPOINTMENTS = 5


def create(state: KioskState) -> None:
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

