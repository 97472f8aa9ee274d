"""A list of editable rows with add and remove buttons, kept between a minimum and a maximum number of rows."""
from collections.abc import Callable
from typing import TypeVar

from nicegui import ui

Item = TypeVar('Item')
Row = TypeVar('Row')


def create(items: list[Item], build_row: Callable[[Item | None], Row], *, minimum: int, maximum: int, noun: str,
           mark: str) -> Callable[[], list[Row]]:
    """build_row makes one row's fields (from an item, or empty) and returns them; the result lists the rows shown."""
    entries: list[tuple[Row, ui.button]] = []
    rows = ui.column().classes('w-full gap-1')

    def add(item: Item | None = None) -> None:
        with rows, ui.row().classes('w-full items-start no-wrap gap-2') as row:
            fields = build_row(item)
            button = ui.button(icon='delete', on_click=lambda: remove(row, entry)).props('flat round dense') \
                .classes('mt-2').mark(f'remove-{mark}').tooltip(f'Remove this {noun}')
        entry = (fields, button)
        entries.append(entry)
        _limit()

    def remove(row: ui.row, entry: tuple[Row, ui.button]) -> None:
        entries.remove(entry)
        row.delete()
        _limit()

    def _limit() -> None:
        add_button.set_enabled(len(entries) < maximum)
        for _, button in entries:
            button.set_enabled(len(entries) > minimum)

    add_button = ui.button(f'Add {noun}', icon='add', on_click=lambda: add()).props('flat dense').mark(f'add-{mark}')
    for item in items:
        add(item)
    return lambda: [fields for fields, _ in entries]
