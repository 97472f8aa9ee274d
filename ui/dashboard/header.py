"""The dashboard's header: the shop's name, its local time and status, the demo's speed, and whether it is live."""
from collections.abc import Callable

from nicegui import ui

from shops import Shops
from store.accounts import Account

from ..shared import user_menu
from ..shared.clock_label import ClockLabel
from . import connection_badge
from .state import SessionState

SPEEDS = {1: '1x', 10: '10x', 60: '60x'}


def create(shops: Shops, state: SessionState, account: Account, shop_id: str,
           set_speed: Callable[[float], None] | None, bell: Callable[[], None]) -> None:
    with ui.header().classes('items-center justify-between flex-wrap gap-2 px-4 py-2 bg-primary'):
        with ui.row().classes('items-center gap-3 no-wrap'):
            ui.icon('content_cut', size='md')
            with ui.column().classes('gap-0'):
                ui.label().classes('text-lg font-bold leading-tight').mark('shop-name') \
                    .bind_text_from(state, 'shop_name')
                with ui.row().classes('gap-2 text-xs opacity-90'):
                    ClockLabel().mark('local-time').bind_text_from(state, 'local_time').bind_made_from(state)
                    ui.label().mark('shop-status').bind_text_from(state, 'status')
        with ui.row().classes('items-center gap-3'):
            if set_speed is not None:
                _speed_control(state, set_speed)
            connection_badge.create(state)
            bell()
            user_menu.create(shops, account, shop_id)


def _speed_control(state: SessionState, set_speed: Callable[[float], None]) -> None:
    """Speeds up the simulated shop for everyone watching it, so a newcomer at night need not wait for morning."""
    with ui.row().classes('items-center gap-1 text-xs'):
        ui.label('Simulation')
        ui.toggle(SPEEDS, value=1, on_change=lambda e: set_speed(e.value) if e.value else None) \
            .props('dense unelevated toggle-color=accent color=white text-color=primary size=sm') \
            .mark('speed').bind_value_from(state, 'speed', backward=lambda s: int(s) if int(s) in SPEEDS else None)
