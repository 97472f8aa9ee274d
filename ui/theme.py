"""Colours and the shared stylesheet, so pages and components carry only layout classes."""
from pathlib import Path

from nicegui import ui

PRIMARY = '#1f3a5f'
ACCENT = '#c8963e'


def setup() -> None:
    """Once per process: the stylesheet every page shares."""
    ui.add_css(Path(__file__).with_name('theme.css'), shared=True)


def apply() -> None:
    """On every page: the brand colours."""
    ui.colors(primary=PRIMARY, secondary='#2e5b8a', accent=ACCENT, positive='#2e7d32', negative='#c62828')
