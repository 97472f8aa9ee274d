"""One day by hour: a bar for today and a line to compare it with, both bound to fields of the page's state."""
from nicegui import binding, ui

from ..state import SessionState


def create(state: SessionState, bars: tuple[str, str], line: tuple[str, str], y_format: str = '{value}') -> None:
    """`bars` and `line` are (legend name, state field); the hours come from `state.hours`."""
    chart = ui.echart({
        'grid': {'left': 48, 'right': 16, 'top': 40, 'bottom': 28},
        'tooltip': {'trigger': 'axis'},
        'legend': {'data': [bars[0], line[0]], 'top': 0},
        'xAxis': {'type': 'category', 'data': []},
        'yAxis': {'type': 'value', 'minInterval': 1, 'axisLabel': {'formatter': y_format}},
        'series': [
            {'name': bars[0], 'type': 'bar', 'data': [], 'itemStyle': {'color': '#1f3a5f'}},
            {'name': line[0], 'type': 'line', 'data': [], 'smooth': True, 'itemStyle': {'color': '#c8963e'}},
        ],
    }).classes('w-full h-60').bind_visibility_from(state, 'ready')
    binding.bind_from(chart.options['xAxis'], 'data', state, 'hours')
    binding.bind_from(chart.options['series'][0], 'data', state, bars[1])
    binding.bind_from(chart.options['series'][1], 'data', state, line[1])
