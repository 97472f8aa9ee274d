"""The figures behind the headline cards: ticket, retail, no-shows, walk-ins, clients, and each barber, sortable."""
from nicegui import binding, ui
from nicegui.events import ValueChangeEventArguments

from . import part_error
from .state import SessionState

BARBER_COLUMNS = [
    {'name': 'barber', 'label': 'Barber', 'field': 'barber', 'align': 'left', 'sortable': True},
    {'name': 'revenue', 'label': 'Revenue ($)', 'field': 'revenue', 'sortable': True},
    {'name': 'services', 'label': 'Services', 'field': 'services', 'sortable': True},
    {'name': 'utilization', 'label': 'Utilization (%)', 'field': 'utilization', 'sortable': True},
    {'name': 'ticket', 'label': 'Avg ticket ($)', 'field': 'ticket', 'sortable': True},
    {'name': 'rating', 'label': 'Rating', 'field': 'rating', 'sortable': True},
    {'name': 'rebooked', 'label': 'Rebooked (%)', 'field': 'rebooked', 'sortable': True},
]
KPI_COLUMNS = [
    {'name': 'figure', 'label': '', 'field': 'figure', 'align': 'left'},
    {'name': 'day', 'label': 'Today', 'field': 'day'},
    {'name': 'month', 'label': 'Last 30 days', 'field': 'month'},
]


def create(state: SessionState) -> None:
    """The tables are built when the panel is first opened: most visits never open it."""
    def fill_once(event: ValueChangeEventArguments) -> None:
        if event.value and not panel.default_slot.children:
            _fill(panel, state)

    panel = ui.expansion('More figures: tickets, no-shows, walk-ins, clients and each barber', icon='insights',
                         on_value_change=fill_once).classes('w-full bg-white rounded shadow-sm').mark('kpis')


def _fill(panel: ui.expansion, state: SessionState) -> None:
    with panel:
        part_error.create(state, 'kpis')
        with ui.grid().classes('w-full gap-4 grid-cols-1 lg:grid-cols-3'):
            kpis = ui.table(columns=KPI_COLUMNS, rows=[], row_key='figure').props('flat dense hide-bottom') \
                .classes('w-full').mark('kpi-table')
            with ui.column().classes('w-full gap-1 lg:col-span-2 min-w-0'):
                ui.label('Barbers, last 30 days').classes('text-sm text-grey-7')
                barbers = ui.table(columns=BARBER_COLUMNS, rows=[], row_key='barber') \
                    .props('flat dense hide-bottom').classes('w-full').mark('barber-table')
        binding.bind_from(kpis, 'rows', state, 'kpi_rows')
        binding.bind_from(barbers, 'rows', state, 'barber_rows')
