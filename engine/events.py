"""The domain events: the single truth every figure is derived from."""
from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    at: float  # seconds since the epoch
    customer: str  # one visit's id: the same from booking to review

    @property
    def kind(self) -> str:
        return type(self).__name__

    def to_dict(self) -> dict:
        return {'kind': self.kind, **asdict(self)}


@dataclass(frozen=True, slots=True)
class Booked(Event):
    name: str
    service: str
    barber: str | None  # None: any barber
    appointment_at: float
    client: str | None = None  # the person, the same on every visit; None: unknown


@dataclass(frozen=True, slots=True)
class Cancelled(Event):
    pass


@dataclass(frozen=True, slots=True)
class NoShow(Event):
    pass


@dataclass(frozen=True, slots=True)
class CheckedIn(Event):
    name: str
    walk_in: bool
    client: str | None = None  # the person, the same on every visit; None: unknown


@dataclass(frozen=True, slots=True)
class WalkedOut(Event):
    """A checked-in customer who left without being served, usually after too long a wait."""


@dataclass(frozen=True, slots=True)
class LeftUnserved(WalkedOut):
    """Made by the engine, never sent: a customer still waiting when the shop's day ended, counted as a walk-out."""


@dataclass(frozen=True, slots=True)
class ServiceStarted(Event):
    barber: str
    service: str


@dataclass(frozen=True, slots=True)
class ServiceCompleted(Event):
    barber: str
    service: str
    price: float
    tip: float
    retail: float


@dataclass(frozen=True, slots=True)
class Reviewed(Event):
    barber: str
    stars: int
    text: str


KINDS: dict[str, type[Event]] = {cls.__name__: cls for cls in  # what a shop sends (LeftUnserved is the engine's)
                                 (Booked, Cancelled, NoShow, CheckedIn, WalkedOut, ServiceStarted, ServiceCompleted,
                                              Reviewed)}


def event_from_dict(data: dict) -> Event:
    """A field with a default may be missing: events stored before it existed still load."""
    cls = KINDS[data['kind']]
    return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
