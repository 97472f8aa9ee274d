"""The tables (barbers, services, weekdays, hours, and the headline), sortable, each with its CSV file: the numbers
in the file are the ones on the screen (engine/analytics/tables.py makes both)."""
from nicegui import ui

from engine.analytics import Table

from .view import TABLES, ReportView

TITLES = {'headline': 'All figures, compared', **TABLES}


class Tables:
    def __init__(self, file_name: str = 'report') -> None:
        self.tables: dict[str, ui.table] = {}
        self.shown: dict[str, Table] = {}
        self.file_name = file_name  # the period's dates go into each file's name
        with ui.grid().classes('w-full gap-2 grid-cols-1 lg:grid-cols-2'):
            for name, title in TITLES.items():
                with ui.card().classes('w-full p-2 gap-1 min-w-0 break-inside-avoid'):
                    with ui.row().classes('w-full items-center justify-between'):
                        ui.label(title).classes('text-base font-medium')
                        ui.button('CSV', icon='download', on_click=lambda name=name: self.download(name)) \
                            .props(f'flat dense no-caps data-testid=report-csv-{name}').classes('no-print') \
                            .mark(f'report-csv-{name}')
                    self.tables[name] = ui.table(columns=[], rows=[], row_key='key', pagination=0) \
                        .props(f'flat dense hide-bottom data-testid=report-table-{name}').classes('w-full') \
                        .mark(f'report-table-{name}')

    def show(self, view: ReportView, file_name: str) -> None:
        self.file_name = file_name
        for name, table in view.tables.items():
            self.shown[name] = table
            sortable = name != 'headline'
            self.tables[name].columns = [{'name': key, 'label': header, 'field': key, 'sortable': sortable,
                                          'align': 'left' if key == 'key' else 'right'}
                                         for key, header in table.columns]
            self.tables[name].rows = [dict(row) for row in table.rows]

    def download(self, name: str) -> None:
        ui.download.content(self.shown[name].csv().encode(), f'{self.file_name}-{name}.csv', 'text/csv')
