"""Customers by hour today against what the shop's own past weeks lead it to expect: where the peaks are."""
from nicegui import ui

from . import hourly_chart
from .state import SessionState


def create(state: SessionState) -> None:
    with ui.card().classes('w-full').mark('arrivals-chart'):
        ui.label('Customers by hour: today and expected').classes('text-lg font-medium')
        ui.label('Expected: the average of the last 8 same weekdays; peak hours expect more than the average hour.') \
            .classes('text-xs text-grey-7')
        hourly_chart.create(state, ('Today', 'arrivals'), ('Expected', 'expected_arrivals'))
