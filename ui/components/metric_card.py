"""One headline figure with its trend against the same weekday last week."""
from nicegui import ui

from ..state import MetricView, SessionState


def create(title: str, icon: str, name: str, view: MetricView, state: SessionState) -> None:
    with ui.card().classes('w-full gap-1').props(f'data-testid=metric-{name}').mark(f'metric-{name}'):
        with ui.row().classes('items-center gap-2 text-grey-7'):
            ui.icon(icon)
            ui.label(title).classes('text-sm uppercase tracking-wide')
        ui.skeleton('text').classes('text-5xl w-32').bind_visibility_from(state, 'ready', backward=lambda r: not r)
        with ui.column().classes('gap-0').bind_visibility_from(state, 'ready'):
            ui.label().classes('metric-value text-3xl font-bold').props(f'data-testid=metric-{name}-value') \
                .mark(f'metric-{name}-value').bind_text_from(view, 'value')
            ui.label().classes('text-xs text-grey-7').bind_text_from(view, 'detail')
            with ui.row().classes('items-center gap-1 text-sm'):
                ui.icon('trending_flat', size='sm').bind_name_from(view, 'trend_icon') \
                    .bind_text_color_from(view, 'trend_color')
                ui.label().classes('text-grey-8').bind_text_from(view, 'trend')
