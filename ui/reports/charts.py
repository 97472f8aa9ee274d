"""The charts: revenue and visits per day or week with the period before, visits by weekday and hour, revenue by
barber and by service. Built once; each report replaces their options."""
from nicegui import ui

from .view import ReportView

CHARTS = ('revenue', 'visits', 'heatmap', 'by_barber', 'by_service')


class Charts:
    def __init__(self) -> None:
        self.charts: dict[str, ui.echart] = {}
        with ui.grid().classes('w-full gap-2 grid-cols-1 lg:grid-cols-2'):
            for name in CHARTS:
                with ui.card().classes('w-full p-2 break-inside-avoid'):
                    self.charts[name] = ui.echart({}).classes('w-full h-72').props(f'data-testid=report-chart-{name}') \
                        .mark(f'report-chart-{name}')

    def show(self, view: ReportView) -> None:
        for name, chart in self.charts.items():
            chart.options.clear()
            chart.options.update(view.charts[name])
            chart.update()
