"""A badge that says 'Live' only while updates arrive.

It says 'Connecting…' until the page's socket is up: the first figures come with the page's HTML, and a page whose
socket never connects (the server went away meanwhile) would say 'Live' for good (under load, a browser test once
stopped the server in that moment). The server turns it amber when the engine stops; the stylesheet turns it red
from NiceGUI's own connection-lost popup when the socket drops, since then no message from the server can arrive to
say so.
"""
from nicegui import ui

from .state import SessionState


def create(state: SessionState) -> None:
    ui.context.client.on_connect(lambda: setattr(state, 'connected', True))
    with ui.badge().classes('connection gap-1 px-3 py-1 rounded-full text-xs') \
            .props('data-testid=connection').mark('connection') \
            .bind_background_color_from(state, 'engine_ok', backward=lambda ok: 'positive' if ok else 'warning'):
        ui.icon('circle', size='10px')
        ui.label('Connecting…').classes('connection-live') \
            .bind_visibility_from(state, 'connected', backward=lambda connected: not connected)
        ui.label().classes('connection-live').mark('connection-text').bind_text_from(state, 'updated') \
            .bind_visibility_from(state, 'connected')
        ui.label('Offline · reconnecting').classes('connection-offline')
