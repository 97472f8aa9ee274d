"""The service menu: a name, a price and a duration each; how often each is chosen carries over unchanged."""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nicegui import ui

from . import rows as settings_rows

Service = dict[str, Any]  # {'name', 'price', 'minutes', 'weight'}, the profile's shape


@dataclass
class _ServiceFields:
    name: ui.input
    price: ui.number
    minutes: ui.number
    weight: float  # the simulation's mix; not edited here, so an edit keeps the shop's demand as it was

    def validate(self) -> bool:
        return all([self.name.validate(), self.price.validate(), self.minutes.validate()])


def create(services: list[Service]) -> Callable[[], list[Service] | None]:
    """An editable menu. Returns a check that marks every wrong field and gives the services, or None."""
    def service_row(service: Service | None) -> _ServiceFields:
        service = service or {'name': '', 'price': 30.0, 'minutes': 30, 'weight': 1.0}
        return _ServiceFields(
            ui.input('Service', value=service['name'], validation={
                'Enter a name.': lambda v: bool((v or '').strip()),
                'Two services have this name: tell them apart.': lambda v: _count(shown(), v) <= 1,
            }).props('dense').classes('grow').mark('service-name'),
            ui.number('Price', value=service['price'], min=0, step=1, prefix='$', validation={
                'Enter a price of 0 or more.': lambda v: v is not None and v >= 0,
            }).props('dense').classes('w-28').mark('service-price'),
            ui.number('Minutes', value=service['minutes'], min=5, max=240, step=5, precision=0, validation={
                'Enter 5 to 240 minutes.': lambda v: v is not None and 5 <= v <= 240,
            }).props('dense').classes('w-28').mark('service-minutes'),
            float(service.get('weight', 1.0)),
        )

    shown = settings_rows.create(services, service_row, minimum=1, maximum=30, noun='service', mark='service')

    def collect() -> list[Service] | None:
        rows = shown()
        if not all([row.validate() for row in rows]):
            return None
        return [{'name': row.name.value.strip(), 'price': round(float(row.price.value), 2),
                 'minutes': int(row.minutes.value), 'weight': row.weight} for row in rows]
    return collect


def _count(rows: list[_ServiceFields], name: str | None) -> int:
    key = (name or '').strip().casefold()
    return sum((row.name.value or '').strip().casefold() == key for row in rows)
