"""Today's revenue by hour, against the same weekday last week, and what the rest of today is expected to take."""
from nicegui import ui

from . import hourly_chart, part_error
from .state import SessionState


def create(state: SessionState) -> None:
    with ui.card().classes('w-full').mark('revenue-chart'):
        ui.label('Revenue by hour').classes('text-lg font-medium')
        part_error.create(state, 'chart')
        ui.skeleton(height='15rem').classes('w-full').bind_visibility_from(state, 'ready', backward=lambda r: not r)
        hourly_chart.create(state, ('Today', 'hourly_revenue'), ('Last week', 'hourly_last_week'), '${value}',
                            ('Expected', 'expected_revenue'))
