"""The changes of a plan in words, as the owner chose them (plain data, as engine.planner.parse takes it)."""
from engine import words

KINDS = {'add_barber': 'Add a barber', 'remove_barber': 'Take a barber off', 'hours': 'Change opening hours',
         'price': "Change a service's price", 'rebooking': 'Change rebooking at checkout'}
WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')


def describe(change: dict) -> str:
    """'Add a barber on Saturday', 'Haircut at $40.00 (elasticity -0.5)', ..."""
    kind = change['kind']
    if kind == 'add_barber':
        return f'Add a barber on {_days(change["weekdays"])}'
    if kind == 'remove_barber':
        return f'{change["name"]} off on {_days(change["weekdays"])}'
    if kind == 'hours':
        if change.get('opens') is None:
            return f'Closed on {change["weekday"]}s'
        return f'{change["weekday"]}s open {change["opens"]} to {change["closes"]}'
    if kind == 'price':
        return f'{change["service"]} at {words.money_cents(change["price"])} (elasticity {change["elasticity"]:g})'
    return f'Rebooking at checkout: {words.percent(change["rate"])} of visits'


def _days(days: list[str]) -> str:
    return 'every day' if len(days) == 7 else ', '.join(days)
