"""The events a shop's systems post, as pydantic models: one per kind, told apart by `kind`.

Strict: a number in quotes is not a number, "yes" is not true. Every time, amount and text is bounded, so that an
accepted event is one the engine can apply (engine/bounds.py is the engine's own, wider, check). Checks that need the
shop (known barbers and services) or the time (not ahead of now) read the validation context
{'profile': ShopProfile, 'now': epoch seconds}, so one pass names every bad field of every event.
"""
import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from engine.bounds import EARLIEST, LATEST

MAX_AHEAD = 300.0  # seconds an event may be ahead of the server's clock (clocks drift a little)
BOOKED_AHEAD = 400 * 86400.0  # an appointment is at most this long after its booking
BOOKED_LATE = 86400.0  # ... and at most this long before it (a walk-in entered as a booking afterwards)
PLAIN = r'^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$'  # no control characters; tab and line breaks are fine


def _epoch(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except OverflowError:
            seconds = math.inf
        if not math.isfinite(seconds):
            raise ValueError('give a finite number of epoch seconds')
        return seconds
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError('give a time as ISO 8601 with its zone, such as "2026-11-24T10:30:00+00:00", '
                             'or as epoch seconds') from None
        if moment.tzinfo is None:
            raise ValueError(f'add the time zone to "{value}", such as "{value}+01:00" or "{value}Z"')
        try:
            return moment.timestamp()
        except (OverflowError, ValueError):  # the zone moves it past year 1 or 9999
            raise ValueError(f'"{value}" is not a time of this century: give the year in full') from None
    raise ValueError('give a time as ISO 8601 with its zone, such as "2026-11-24T10:30:00Z", or as epoch seconds')


def _plausible(value: float) -> float:
    if value < EARLIEST:
        raise ValueError('is before the year 2000: give epoch seconds (or ISO 8601 with a zone)')
    if value > LATEST:
        raise ValueError('is after the year 2100: give epoch seconds, not milliseconds (or ISO 8601 with a zone)')
    return value


def _not_ahead(value: float, info: ValidationInfo) -> float:
    now = (info.context or {}).get('now')
    if now is not None and value > now + MAX_AHEAD:
        hint = ' (epoch seconds, not milliseconds)' if value > now * 100 else ''
        raise ValueError(f'is {(value - now) / 60:,.0f} minutes ahead of the server clock: send events when they '
                         f'happen, with a correct clock{hint}')
    return value


def _known_barber(value: str | None, info: ValidationInfo) -> str | None:
    profile = (info.context or {}).get('profile')
    if value is not None and profile is not None and value not in profile.barbers:
        raise ValueError(f'unknown barber "{value}": use one of {", ".join(profile.barbers)}, or add the barber in '
                         'Settings > Profile first')
    return value


def _client(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("give the client's id from your system, or leave it out (null) when unknown")
    return value


def _known_service(value: str, info: ValidationInfo) -> str:
    profile = (info.context or {}).get('profile')
    if profile is not None and value not in {s.name for s in profile.services}:
        raise ValueError(f'unknown service "{value}": use one of {", ".join(s.name for s in profile.services)}, '
                         'or add the service in Settings > Profile first')
    return value


Text = Annotated[str, Field(pattern=PLAIN)]
Id = Annotated[Text, Field(min_length=1, max_length=64)]
Time = Annotated[float, BeforeValidator(_epoch), AfterValidator(_plausible),
                 Field(json_schema_extra={'minimum': EARLIEST, 'maximum': LATEST})]
At = Annotated[Time, AfterValidator(_not_ahead), Field(description='when it happened: ISO 8601 with zone, or '
                                                                     'epoch seconds; at most 5 minutes ahead of now')]
Name = Annotated[Text, Field(max_length=100)]
Barber = Annotated[str, AfterValidator(_known_barber), Field(description="one of the shop's barbers")]
Service = Annotated[str, AfterValidator(_known_service), Field(description='a service of the menu')]
Money = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
Client = Annotated[Text | None, Field(min_length=1, max_length=64), AfterValidator(_client),
                   Field(description='the person, the same on every visit (the client id of your system): counts new '
                                     'and returning clients, retention and rebooking; null or left out: unknown')]


class _Event(BaseModel):
    model_config = ConfigDict(extra='forbid', strict=True)
    id: Id = Field(description='unique per event: resending the same id stores it once')
    at: At
    customer: Id = Field(description='one visit: the same from booking to review')


class Booked(_Event):
    kind: Literal['Booked']
    name: Name = ''
    service: Service
    barber: Annotated[str | None, AfterValidator(_known_barber)] = Field(None, description='the barber asked for; '
                                                                                            'null: any barber')
    appointment_at: Annotated[Time, Field(description='when the appointment is: from a day before the booking to '
                                                      '400 days after it')]
    client: Client = None

    @field_validator('appointment_at')
    @classmethod
    def _near_booking(cls, value: float, info: ValidationInfo) -> float:
        at = info.data.get('at')
        if at is not None and not at - BOOKED_LATE <= value <= at + BOOKED_AHEAD:
            days = (value - at) / 86400
            raise ValueError(f'is {days:,.0f} days from the booking\'s "at": give the appointment in epoch seconds '
                             '(not milliseconds), from a day before the booking to 400 days after it')
        return value


class Cancelled(_Event):
    kind: Literal['Cancelled']


class NoShow(_Event):
    kind: Literal['NoShow']


class CheckedIn(_Event):
    kind: Literal['CheckedIn']
    name: Name = ''
    walk_in: bool = False
    client: Client = None


class WalkedOut(_Event):
    kind: Literal['WalkedOut']


class ServiceStarted(_Event):
    kind: Literal['ServiceStarted']
    barber: Barber
    service: Service


class ServiceCompleted(_Event):
    kind: Literal['ServiceCompleted']
    barber: Barber
    service: Service
    price: Money
    tip: Money = 0.0
    retail: Money = 0.0


class Reviewed(_Event):
    kind: Literal['Reviewed']
    barber: Barber
    stars: int = Field(ge=1, le=5)
    text: Annotated[Text, Field(max_length=2000)] = ''


KINDS = ('Booked', 'Cancelled', 'NoShow', 'CheckedIn', 'WalkedOut', 'ServiceStarted', 'ServiceCompleted', 'Reviewed')
EventIn = Annotated[Booked | Cancelled | NoShow | CheckedIn | WalkedOut | ServiceStarted | ServiceCompleted | Reviewed,
                    Field(discriminator='kind')]


class Batch(BaseModel):
    model_config = ConfigDict(extra='forbid', strict=True)
    events: list[EventIn]


class Accepted(BaseModel):
    accepted: int = Field(description='events stored now for the first time')
    duplicates: int = Field(description='events whose id was stored already (or repeated in the batch): not counted')
