"""Today's revenue by hour, against the same weekday last week."""
from nicegui import binding, ui

from ..state import SessionState
from . import part_error


def create(state: SessionState) -> None:
    with ui.card().classes('w-full').mark('revenue-chart'):
        ui.label('Revenue by hour').classes('text-lg font-medium')
        part_error.create(state, 'chart')
        ui.skeleton(height='16rem').classes('w-full').bind_visibility_from(state, 'ready', backward=lambda r: not r)
        chart = ui.echart({
            'grid': {'left': 48, 'right': 16, 'top': 40, 'bottom': 28},
            'tooltip': {'trigger': 'axis'},
            'legend': {'data': ['Today', 'Last week'], 'top': 0},
            'xAxis': {'type': 'category', 'data': []},
            'yAxis': {'type': 'value', 'axisLabel': {'formatter': '${value}'}},
            'series': [
                {'name': 'Today', 'type': 'bar', 'data': [], 'itemStyle': {'color': '#1f3a5f'}},
                {'name': 'Last week', 'type': 'line', 'data': [], 'smooth': True, 'itemStyle': {'color': '#c8963e'}},
            ],
        }).classes('w-full h-64').bind_visibility_from(state, 'ready')
        binding.bind_from(chart.options['xAxis'], 'data', state, 'hours')
        binding.bind_from(chart.options['series'][0], 'data', state, 'hourly_revenue')
        binding.bind_from(chart.options['series'][1], 'data', state, 'hourly_last_week')
