"""Opening hours per weekday, the profile's shape: {'0': ['09:00', '20:00'], ...} with a missing day closed."""
import re
from collections.abc import Callable

from nicegui import ui

WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
Hours = dict[str, list[str]]
_CLOCK = re.compile(r'^([01]\d|2[0-3]):[0-5]\d$')


def create(hours: Hours) -> Callable[[], Hours | None]:
    """One row per weekday. Returns a check that marks every wrong field and gives the hours, or None."""
    rows = [_weekday_row(day, hours.get(str(day))) for day in range(7)]
    message = ui.label().classes('text-sm text-negative').mark('hours-error')

    def collect() -> Hours | None:
        checks = [field.validate() for _, opens, closes in rows for field in (opens, closes)]
        if not all(checks):
            return None
        if not any(is_open.value for is_open, _, _ in rows):
            message.set_text('Open the shop on at least one day of the week.')
            return None
        message.set_text('')
        return {str(day): [opens.value, closes.value]
                for day, (is_open, opens, closes) in enumerate(rows) if is_open.value}
    return collect


def is_clock(value: str | None) -> bool:
    return bool(_CLOCK.match(value or ''))


def _weekday_row(day: int, span: list[str] | None) -> tuple[ui.switch, ui.input, ui.input]:
    """A closed day keeps its last times greyed out, so opening it again starts from sensible hours."""
    opens_at, closes_at = span or ('09:00', '18:00')
    with ui.row().classes('w-full items-start gap-3'):
        ui.label(WEEKDAYS[day]).classes('w-24 pt-4')
        is_open = ui.switch('Open', value=span is not None, on_change=lambda: (opens.validate(), closes.validate())) \
            .classes('w-24 pt-2').mark(f'open-{day}')
        opens = ui.input('Opens', value=opens_at, validation={
            'Enter a time like 09:00.': lambda v: not is_open.value or is_clock(v),
        }).props('mask="##:##" dense').classes('w-28').mark(f'opens-{day}').bind_enabled_from(is_open, 'value')
        closes = ui.input('Closes', value=closes_at, validation={
            'Enter a time like 20:00.': lambda v: not is_open.value or is_clock(v),
            'Closing time must be after opening time.':
                lambda v: not is_open.value or not is_clock(opens.value) or v > opens.value,
        }).props('mask="##:##" dense').classes('w-28').mark(f'closes-{day}').bind_enabled_from(is_open, 'value')
        opens.on_value_change(lambda: closes.validate())
    return is_open, opens, closes
