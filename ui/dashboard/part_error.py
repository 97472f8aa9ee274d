"""A short line in place of a part of the page that could not be updated."""
from nicegui import ui

from ..shared import icon_text
from .state import SessionState


def create(state: SessionState, part: str) -> None:
    ui.html(sanitize=False).classes('flex items-center gap-2 text-negative text-sm') \
        .bind_content_from(state, f'{part}_error', backward=lambda error: icon_text.markup('error_outline', error)) \
        .bind_visibility_from(state, f'{part}_error', backward=bool)
