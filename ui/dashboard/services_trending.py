"""The services sold today, most first, against the same time last week."""
from nicegui import binding, ui

from . import part_error
from .state import SessionState

COLUMNS = [
    {'name': 'service', 'label': 'Service', 'field': 'service', 'align': 'left'},
    {'name': 'count', 'label': 'Today', 'field': 'count'},
    {'name': 'last_week', 'label': 'Last week', 'field': 'last_week'},
    {'name': 'change', 'label': 'Change', 'field': 'change'},
]


def create(state: SessionState) -> None:
    with ui.card().classes('w-full').mark('services-trending'):
        ui.label('Services trending today').classes('text-lg font-medium')
        part_error.create(state, 'services')
        table = ui.table(columns=COLUMNS, rows=[], row_key='service').props('flat dense hide-bottom') \
            .classes('w-full').bind_visibility_from(state, 'ready')
        table.props('no-data-label="No services completed yet today"')
        binding.bind_from(table, 'rows', state, 'services')
