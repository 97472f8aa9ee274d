"""The period: a preset as owners name them, or two dates; a range that cannot be reported on says what to do."""
from collections.abc import Callable
from datetime import date

from nicegui import ui

from engine.analytics import PRESETS, Period, RangeError, parse_range, period_for

CHOICES = ('today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'this_year',
           'last_12_months')
CUSTOM = 'custom'
FIRST = 'this_month'


def create(today: Callable[[], date], pick: Callable[[Period], None]) -> None:
    """`today`: the shop's local date now; `pick` is called with the period chosen."""
    def choose(preset: str) -> None:
        custom.set_visibility(preset == CUSTOM)
        if preset != CUSTOM:
            error.set_text('')
            pick(period_for(preset, today()))  # type: ignore[arg-type]

    def apply_range() -> None:
        try:
            period = parse_range(start.value, end.value)
        except RangeError as problem:
            error.set_text(problem.message)
            return
        error.set_text('')
        pick(period)

    with ui.row().classes('w-full items-end gap-2 no-print'):
        ui.select({**{name: PRESETS[name] for name in CHOICES}, CUSTOM: 'Custom range'}, value=FIRST, label='Period',
                  on_change=lambda e: choose(e.value)).classes('min-w-44') \
            .props('data-testid=report-period').mark('report-period')
        with ui.row().classes('items-end gap-2') as custom:
            start = _date_input('From', 'report-from')
            end = _date_input('To', 'report-to')
            ui.button('Show', on_click=apply_range).props('unelevated').mark('report-apply')
        custom.set_visibility(False)
    error = ui.label().classes('text-negative').mark('report-range-error')


def _date_input(label: str, marker: str) -> ui.input:
    with ui.input(label, placeholder='YYYY-MM-DD').props('dense outlined').classes('w-40').mark(marker) as field:
        with ui.menu().props('no-parent-event') as menu:
            ui.date(mask='YYYY-MM-DD').bind_value(field).on('update:model-value', menu.close)
        with field.add_slot('append'):
            ui.icon('event').classes('cursor-pointer').on('click', menu.open)
    return field
