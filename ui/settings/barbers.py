"""The barbers of the shop, one chair each: 1 to 12 different names."""
from collections.abc import Callable

from nicegui import ui

from . import rows as settings_rows


def create(barbers: list[str]) -> Callable[[], list[str] | None]:
    """An editable list of names. Returns a check that marks every wrong name and gives the names, or None."""
    def name_field(name: str | None) -> ui.input:
        return ui.input('Barber', value=name or '', validation={
            'Enter a name.': lambda v: bool((v or '').strip()),
            'Two barbers have this name: tell them apart.': lambda v: _count(shown(), v) <= 1,
        }).props('dense').classes('grow').mark('barber-name')

    shown = settings_rows.create(barbers, name_field, minimum=1, maximum=12, noun='barber', mark='barber')

    def collect() -> list[str] | None:
        fields = shown()
        if not all([field.validate() for field in fields]):
            return None
        return [field.value.strip() for field in fields]
    return collect


def _count(fields: list[ui.input], name: str | None) -> int:
    key = (name or '').strip().casefold()
    return sum((field.value or '').strip().casefold() == key for field in fields)
