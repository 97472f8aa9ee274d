"""The shop right now: who is in, how long they wait, how busy the hour is, and every chair."""
from nicegui import ui

from ..shared import icon_text
from . import part_error
from .state import SessionState


def create(state: SessionState) -> None:
    with ui.card().classes('w-full').mark('activity'):
        ui.label('In the shop now').classes('text-lg font-medium')
        part_error.create(state, 'activity')
        ui.skeleton(height='12rem').classes('w-full').bind_visibility_from(state, 'ready', backward=lambda r: not r)
        with ui.column().classes('w-full gap-3').bind_visibility_from(state, 'ready'):
            with ui.grid(columns=2).classes('w-full gap-3'):
                _stat('groups', 'Customers in', state, 'in_shop', 'waiting', 'activity-in-shop')
                _stat('hourglass_bottom', 'Avg wait, last hour', state, 'avg_wait', None, 'activity-wait')
                _stat('bolt', 'This hour', state, 'peak', None, 'activity-peak')
                _stat('storefront', 'Shop', state, 'status', None, 'activity-status')
            ui.separator()
            chairs = ui.column().classes('w-full gap-2').mark('chairs')
            _fill_chairs(chairs, state)


def _stat(icon: str, title: str, state: SessionState, field: str, detail: str | None, marker: str) -> None:
    with ui.column().classes('gap-0'):
        icon_text.create(icon, title).classes('text-grey-7 text-xs uppercase')
        ui.label().classes('text-xl font-semibold').mark(marker).bind_text_from(state, field)
        if detail:
            ui.label().classes('text-xs text-grey-7').bind_text_from(state, detail)


def _fill_chairs(container: ui.column, state: SessionState) -> None:
    """One element per chair, bound to that chair's view; the chairs of a shop do not change while a page is open."""
    with container:
        for number, chair in enumerate(state.chairs, start=1):
            ui.html(sanitize=False).classes('w-full flex items-center gap-2 no-wrap').mark(f'chair-{number}') \
                .bind_content_from(chair, 'markup')
