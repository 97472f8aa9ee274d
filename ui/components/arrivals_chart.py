"""Customers by hour today against what the shop's own past weeks lead it to expect: where the peaks are."""
from nicegui import binding, ui

from ..state import SessionState


def create(state: SessionState) -> None:
    with ui.card().classes('w-full').mark('arrivals-chart'):
        ui.label('Customers by hour: today and expected').classes('text-lg font-medium')
        ui.label('Expected: the average of the last 8 same weekdays; peak hours expect more than the average hour.') \
            .classes('text-xs text-grey-7')
        chart = ui.echart({
            'grid': {'left': 40, 'right': 16, 'top': 40, 'bottom': 28},
            'tooltip': {'trigger': 'axis'},
            'legend': {'data': ['Today', 'Expected'], 'top': 0},
            'xAxis': {'type': 'category', 'data': []},
            'yAxis': {'type': 'value', 'minInterval': 1},
            'series': [
                {'name': 'Today', 'type': 'bar', 'data': [], 'itemStyle': {'color': '#2e5b8a'}},
                {'name': 'Expected', 'type': 'line', 'data': [], 'smooth': True, 'itemStyle': {'color': '#c8963e'}},
            ],
        }).classes('w-full h-56').bind_visibility_from(state, 'ready')
        binding.bind_from(chart.options['xAxis'], 'data', state, 'hours')
        binding.bind_from(chart.options['series'][0], 'data', state, 'arrivals')
        binding.bind_from(chart.options['series'][1], 'data', state, 'expected_arrivals')
