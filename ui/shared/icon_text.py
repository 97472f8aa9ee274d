"""An icon and a few words as one element, not a row of two: a dashboard has a dozen, a process a thousand dashboards.

The words are escaped: they may be a barber's or a shop's name.
"""
from html import escape

from nicegui import ui


def markup(icon: str, text: str, icon_classes: str = '', text_classes: str = '') -> str:
    """`icon_classes` e.g. 'text-positive' colours the icon; the words keep the element's colour."""
    return (f'<i class="q-icon material-icons {icon_classes}">{icon}</i>'
            f'<span class="{text_classes}">{escape(text)}</span>')


def create(icon: str, text: str) -> ui.html:
    return ui.html(markup(icon, text), sanitize=False).classes('flex items-center gap-1 no-wrap')
