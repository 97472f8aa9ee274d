"""The form that adds one change to the plan: its kind, then only the fields that kind needs."""
from collections.abc import Callable

from nicegui import ui

from engine import ShopProfile
from engine.planner import ELASTICITY, PlanError, parse

from .changes import KINDS, WEEKDAYS


def create(profile: ShopProfile, add: Callable[[dict], None], say: Callable[[str], None]) -> None:
    """`add` is given the change as engine.planner.parse takes it; `say` what is wrong with it, or ''."""
    services = {s.name: s for s in profile.services}
    with ui.card().classes('w-full gap-2').mark('plan-form'):
        ui.label('Add a change').classes('text-base font-medium')
        kind = ui.select(KINDS, value='add_barber', label='Change').classes('w-72').mark('plan-kind')
        with ui.row().classes('w-full items-end gap-3'):
            barber = ui.select(list(profile.barbers), value=profile.barbers[0], label='Barber') \
                .classes('w-40').mark('plan-barber')
            weekdays = ui.select(list(WEEKDAYS), value=['Saturday'], multiple=True, label='Days') \
                .props('use-chips').classes('min-w-56').mark('plan-weekdays')
            weekday = ui.select(list(WEEKDAYS), value='Sunday', label='Day').classes('w-40').mark('plan-weekday')
            closed = ui.checkbox('Closed that day').mark('plan-closed')
            opens = ui.input('Opens', value='09:00', placeholder='HH:MM').classes('w-24').mark('plan-opens')
            closes = ui.input('Closes', value='17:00', placeholder='HH:MM').classes('w-24').mark('plan-closes')
            service = ui.select(list(services), value=next(iter(services)), label='Service') \
                .classes('w-48').mark('plan-service')
            price = ui.number('New price', value=profile.services[0].price, min=0, prefix='$') \
                .classes('w-28').mark('plan-price')
            elasticity = ui.number('Price elasticity', value=ELASTICITY, min=-5, max=0, step=0.1) \
                .classes('w-36').mark('plan-elasticity') \
                .tooltip('Demand x (new price / old price) ^ elasticity: -0.5 means 10% dearer, about 5% fewer '
                         'visits of that service.')
            rate = ui.number('Rebooked at checkout', value=50, min=0, max=100, suffix='%') \
                .classes('w-44').mark('plan-rate')
        shown = {'add_barber': (weekdays,), 'remove_barber': (barber, weekdays), 'price': (service, price, elasticity),
                 'hours': (weekday, closed, opens, closes), 'rebooking': (rate,)}
        for element in {e for fields in shown.values() for e in fields}:
            element.bind_visibility_from(kind, 'value', backward=lambda k, e=element: e in shown[k])
        for element in (opens, closes):
            element.bind_enabled_from(closed, 'value', backward=lambda c: not c)
        service.on_value_change(lambda e: price.set_value(services[e.value].price) if e.value in services else None)

        def change() -> dict:
            if kind.value == 'add_barber':
                return {'kind': 'add_barber', 'weekdays': weekdays.value or []}
            if kind.value == 'remove_barber':
                return {'kind': 'remove_barber', 'name': barber.value, 'weekdays': weekdays.value or []}
            if kind.value == 'hours':
                hours = {} if closed.value else {'opens': (opens.value or '').strip(),
                                                 'closes': (closes.value or '').strip()}
                return {'kind': 'hours', 'weekday': weekday.value, **hours}
            if kind.value == 'price':
                return {'kind': 'price', 'service': service.value, 'price': price.value,
                        'elasticity': elasticity.value}
            return {'kind': 'rebooking', 'rate': None if rate.value is None else rate.value / 100}

        def try_add() -> None:
            data = change()
            missing = [name for name, value in data.items() if value is None or value == []]
            if missing:
                say(f'Fill in {", ".join(missing)} first (for "{KINDS[data["kind"]]}").')
                return
            try:
                parse([data])
            except PlanError as error:
                say(str(error))
                return
            say('')
            add(data)

        ui.button('Add this change', icon='add', on_click=try_add).props('outline data-testid=plan-add') \
            .mark('plan-add')
