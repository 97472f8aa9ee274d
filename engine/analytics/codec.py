"""Analytics to bytes and back, for the store: each day on its own (saved when it changed) and the shop's state (its
slots, its clients' latest visits and the visits under way), so a restart continues where it stopped, no replay.

A day: zlib of three lengths and three little-endian arrays (counts int32, amounts float64, gaps uint16), about
1 KB. The state: zlib of a JSON header and the clients' table (25 bytes a client). DEFINITIONS names what the
measures mean: stored aggregates of another number are rebuilt from the event log (scripts/rebuild_aggregates.py).
"""
import json
import struct
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from sys import intern

import numpy as np

from ..profile import ShopProfile
from .book import Analytics
from .clients import LATEST, ClientBook
from .measures import DayRow, Slots

DEFINITIONS = 2  # raise when a measure's meaning changes, so stored days are rebuilt rather than misread (2: leads)


class StaleAggregates(ValueError):
    """Stored under other definitions: rebuild them from the event log."""


@dataclass(frozen=True, slots=True)
class Dump:
    definitions: int
    state: bytes
    days: dict[date, bytes]


def dump(analytics: Analytics, days: Iterable[date] | None = None) -> Dump:
    """The state and the given days (all when None), e.g. `dump(analytics, analytics.take_changed())`."""
    chosen = analytics.days if days is None else days
    return Dump(DEFINITIONS, dump_state(analytics),
                {day: dump_day(analytics.days[day]) for day in chosen if day in analytics.days})


def load(profile: ShopProfile, definitions: int, state: bytes, days: Mapping[date, bytes]) -> Analytics:
    """Analytics that go on from where the dumped ones stopped."""
    if definitions != DEFINITIONS:
        raise StaleAggregates(f'Aggregates stored under definitions {definitions}, these are {DEFINITIONS}: rebuild '
                              'them from the event log (scripts/rebuild_aggregates.py).')
    analytics = Analytics(profile)
    header, table = _split(zlib.decompress(state))
    analytics.slots = Slots([(axis, key) for axis, key in header['slots']])
    analytics.first_day = date.fromisoformat(header['first_day']) if header['first_day'] else None
    analytics.events_applied = header['events_applied']
    analytics.bookings = {visit: (at, barber and intern(barber), intern(service))
                          for visit, (at, barber, service) in header['bookings'].items()}
    analytics.arrived = header['arrived']
    analytics.started = header['started']
    analytics.client_of = header['client_of']
    analytics.in_shop = {int(key): visit for key, visit in header['in_shop'].items()}
    analytics.rebooked_in_shop = set(header['rebooked_in_shop'])
    analytics.clients = ClientBook(np.frombuffer(table, LATEST).copy())
    analytics.days = {day: load_day(data) for day, data in days.items()}
    return analytics


def dump_state(analytics: Analytics) -> bytes:
    return pack_state(copy_state(analytics))


def copy_state(analytics: Analytics) -> tuple[bytes, bytes]:
    """The state as it is now, not yet compressed (cheap: read it where events are applied; pack_state anywhere)."""
    analytics.clients.merge()
    header = {
        'slots': analytics.slots.names,
        'first_day': analytics.first_day.isoformat() if analytics.first_day else None,
        'events_applied': analytics.events_applied,
        'bookings': analytics.bookings,
        'arrived': analytics.arrived,
        'started': analytics.started,
        'client_of': analytics.client_of,
        'in_shop': analytics.in_shop,
        'rebooked_in_shop': sorted(analytics.rebooked_in_shop),
    }
    return json.dumps(header, separators=(',', ':')).encode(), analytics.clients.table.tobytes()


def pack_state(copied: tuple[bytes, bytes]) -> bytes:
    text, table = copied
    return zlib.compress(struct.pack('<I', len(text)) + text + table)


def dump_day(row: DayRow) -> bytes:
    return pack_day(copy_day(row))


def copy_day(row: DayRow) -> tuple[array, array, array]:
    """The day's arrays as they are now (copies: cheap where events are applied; pack_day anywhere)."""
    return row.counts[:], row.amounts[:], row.gaps[:]


def pack_day(copied: tuple[array, array, array]) -> bytes:
    parts = [np.frombuffer(values, values.typecode).astype(dtype)
             for values, dtype in zip(copied, ('<i4', '<f8', '<u2'), strict=True)]
    return zlib.compress(struct.pack('<III', *map(len, parts)) + b''.join(part.tobytes() for part in parts))


def load_day(data: bytes) -> DayRow:
    raw = zlib.decompress(data)
    lengths, at, parts = struct.unpack_from('<III', raw), 12, []
    for dtype, length in zip(('<i4', '<f8', '<u2'), lengths, strict=True):
        parts.append(np.frombuffer(raw, dtype, length, at))
        at += parts[-1].nbytes
    row = DayRow()
    if not parts[1].any():  # a day ahead, or stored before a row's amounts were kept only once it had some
        parts[1] = parts[1][:0]
    top = parts[0].max(initial=0)
    counts = parts[0].astype('B' if top <= 0xFF else 'H' if top <= 0xFFFF else 'i')
    row.counts, row.amounts, row.gaps = (array(part.dtype.char, part.tobytes())
                                         for part in (counts, parts[1].astype('d'), parts[2].astype('H')))
    return row


def _split(raw: bytes) -> tuple[dict, bytes]:
    (length,) = struct.unpack_from('<I', raw)
    return json.loads(raw[4:4 + length]), raw[4 + length:]

