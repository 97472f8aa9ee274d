"""What an owner can try on the model of their shop, as types and as plain data (`parse`, for the coach and the API):

    {'kind': 'add_barber', 'weekdays': ['Saturday'], 'name': 'New barber', 'speed': 1.0}   no followers of their own
    {'kind': 'remove_barber', 'name': 'Sam', 'weekdays': [0, 1]}           off those days (every day if none given)
    {'kind': 'hours', 'weekday': 'Sunday', 'opens': '10:00', 'closes': '16:00'}   without opens/closes: closed
    {'kind': 'price', 'service': 'Haircut', 'price': 40, 'elasticity': -0.5}   demand x (new / old) ** elasticity
    {'kind': 'rebooking', 'rate': 0.5}                                     of visits, rebooked before leaving (0..1)

Weekdays are 0 (Monday) to 6 (Sunday) or names. What each change does to the model, and assumes: apply.py.
"""
from dataclasses import dataclass
from datetime import time
from typing import Any

ELASTICITY = -0.5  # price elasticity of a service's demand: 10% dearer, about 5% fewer visits of it
WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
EVERY_DAY = tuple(range(7))


class PlanError(ValueError):
    """A change that cannot be tried, with what to do: `field` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class AddBarber:
    weekdays: tuple[int, ...]
    name: str = 'New barber'
    speed: float = 1.0  # times the menu's duration


@dataclass(frozen=True)
class RemoveBarber:
    name: str
    weekdays: tuple[int, ...] = EVERY_DAY


@dataclass(frozen=True)
class SetHours:
    weekday: int
    opens: time | None = None  # both None: closed that day
    closes: time | None = None


@dataclass(frozen=True)
class SetPrice:
    service: str
    price: float
    elasticity: float = ELASTICITY


@dataclass(frozen=True)
class SetRebooking:
    rate: float  # of completed visits, the share whose client books the next one before leaving


Change = AddBarber | RemoveBarber | SetHours | SetPrice | SetRebooking
KINDS: dict[str, type] = {'add_barber': AddBarber, 'remove_barber': RemoveBarber, 'hours': SetHours,
                          'price': SetPrice, 'rebooking': SetRebooking}
EXAMPLES = dict(zip(KINDS, (line.split('}')[0].strip() + '}' for line in __doc__.splitlines()[2:7]), strict=True))


def parse(changes: list[dict]) -> list[Change]:
    """Changes as plain data (the coach's tool, the API): `kind` is one of KINDS, the other keys its fields."""
    parsed = []
    for n, data in enumerate(changes):
        kind = KINDS.get(str(data.get('kind')))
        if kind is None:
            raise PlanError(f'changes[{n}].kind', f'A change\'s kind is one of {", ".join(KINDS)}.')
        try:
            fields = {key: _value(key, value) for key, value in data.items() if key != 'kind'}
            parsed.append(kind(**fields))
        except (TypeError, ValueError) as error:
            raise PlanError(f'changes[{n}]', f'{error}: write it as {EXAMPLES[data["kind"]]}.') from error
    return parsed


def _value(key: str, value: Any) -> Any:
    if key == 'weekdays':
        return tuple(sorted({_weekday(day) for day in value}))
    if key == 'weekday':
        return _weekday(value)
    if key in ('opens', 'closes'):
        return None if value is None else time.fromisoformat(value) if isinstance(value, str) else value
    if key in ('speed', 'price', 'elasticity', 'rate'):
        return float(value)
    return value


def _weekday(day: int | str) -> int:
    if isinstance(day, str):
        names = [name.lower() for name in WEEKDAYS]
        matches = [i for i, name in enumerate(names) if len(day) >= 3 and name.startswith(day.lower())]
        if len(matches) != 1:
            raise ValueError(f'{day!r} is not a weekday')
        return matches[0]
    if not 0 <= int(day) <= 6:
        raise ValueError(f'weekday {day} is not 0 (Monday) to 6 (Sunday)')
    return int(day)
