"""A short line in place of a part of the page that could not be updated."""
from nicegui import ui

from ..state import SessionState


def create(state: SessionState, part: str) -> None:
    with ui.row().classes('items-center gap-2 text-negative text-sm') \
            .bind_visibility_from(state, f'{part}_error', backward=bool):
        ui.icon('error_outline')
        ui.label().bind_text_from(state, f'{part}_error')
