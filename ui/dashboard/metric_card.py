"""One headline figure with its trend against the same weekday last week."""
from nicegui import ui

from ..shared import icon_text
from .state import MetricView, SessionState


def create(title: str, icon: str, name: str, view: MetricView, state: SessionState, note: str = '') -> None:
    """`note`: a field of the state shown under the figure when it says something (the revenue's forecast)."""
    with ui.card().classes('w-full gap-1').props(f'data-testid=metric-{name}').mark(f'metric-{name}'):
        icon_text.create(icon, title).classes('text-sm uppercase tracking-wide text-grey-7')
        ui.skeleton('text').classes('text-5xl w-32').bind_visibility_from(state, 'ready', backward=lambda r: not r)
        with ui.column().classes('gap-0').bind_visibility_from(state, 'ready'):
            ui.label().classes('metric-value text-3xl font-bold').props(f'data-testid=metric-{name}-value') \
                .mark(f'metric-{name}-value').bind_text_from(view, 'value')
            ui.label().classes('text-xs text-grey-7').bind_text_from(view, 'detail')
            ui.html(sanitize=False).classes('flex items-center gap-1 text-sm text-grey-8') \
                .mark(f'metric-{name}-trend').bind_content_from(view, 'trend')
            if note:
                ui.label().classes('text-xs text-grey-8').mark(f'metric-{note.replace("_", "-")}') \
                    .bind_text_from(state, note).bind_visibility_from(state, note, backward=bool)
