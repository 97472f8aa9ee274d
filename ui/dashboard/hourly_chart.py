"""One day by hour: a bar for today and a line to compare it with, both bound to fields of the page's state, and
optionally a dashed line of what is expected for the rest of the day."""
from nicegui import binding, ui

from .state import SessionState


class HourlyChart(ui.echart):
    """Its data are properties of the element itself: NiceGUI drops bindings with their element when a page closes,
    whereas bindings into the options' dicts would outlive the page and keep its state alive."""
    hours = binding.BindableProperty(on_change=lambda chart, hours: chart.options['xAxis'].update(data=hours))
    bars = binding.BindableProperty(on_change=lambda chart, bars: chart.options['series'][0].update(data=bars))
    line = binding.BindableProperty(on_change=lambda chart, line: chart.options['series'][1].update(data=line))
    expected = binding.BindableProperty(
        on_change=lambda chart, expected: chart.options['series'][2].update(data=expected))

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self.hours, self.bars, self.line = [], [], []


def create(state: SessionState, bars: tuple[str, str], line: tuple[str, str], y_format: str = '{value}',
           expected: tuple[str, str] | None = None) -> None:
    """`bars`, `line` and `expected` are (legend name, state field); the hours come from `state.hours`."""
    series = [
        {'name': bars[0], 'type': 'bar', 'data': [], 'itemStyle': {'color': '#1f3a5f'}},
        {'name': line[0], 'type': 'line', 'data': [], 'smooth': True, 'itemStyle': {'color': '#c8963e'}},
    ]
    if expected is not None:
        series.append({'name': expected[0], 'type': 'line', 'data': [], 'smooth': True, 'connectNulls': False,
                       'lineStyle': {'type': 'dashed'}, 'itemStyle': {'color': '#5b8c5a'}})
    chart = HourlyChart({
        'grid': {'left': 48, 'right': 16, 'top': 40, 'bottom': 28},
        'tooltip': {'trigger': 'axis'},
        'legend': {'data': [s['name'] for s in series], 'top': 0},
        'xAxis': {'type': 'category', 'data': []},
        'yAxis': {'type': 'value', 'minInterval': 1, 'axisLabel': {'formatter': y_format}},
        'series': series,
    }).classes('w-full h-60').bind_visibility_from(state, 'ready')
    binding.bind_from(chart, 'hours', state, 'hours')
    binding.bind_from(chart, 'bars', state, bars[1])
    binding.bind_from(chart, 'line', state, line[1])
    if expected is not None:
        chart.expected = []
        binding.bind_from(chart, 'expected', state, expected[1])
