"""A shop engine's whole state to bytes and back, so that a restart loads it and replays only what came after.

An explicit codec, not pickle: the bytes are zlib of a JSON tree of plain values and a few tagged kinds (tuple, set,
dict with any keys, deque, date, bytes, array, a table by client key, non-finite float, and the instances of the
classes in KNOWN, by name and fields), followed by the analytics' own bytes (analytics/codec.py). Loading builds a
fresh engine and sets the attributes that PARTS names; nothing in the bytes can name code to run. FINGERPRINT covers
VERSION, PARTS and the fields of every class of KNOWN, so a state written by another shape of the engine raises
StaleState: the caller replays instead.

Not kept: what a fresh engine makes again (handlers, caches, the simulation, which is regenerated from its seed:
each day's events depend only on the seed and the date), and what is news only once (notifications raised: the store
keeps them; a loaded engine is not live until `go_live()`, as after a replay).
"""
import base64
import hashlib
import math
import struct
import zlib
from array import array
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import orjson

from .alerts.gate import Fired
from .analytics import codec
from .analytics.clients import ClientBook as KeyTable
from .client_figures import ClientDay, _Latest
from .events import KINDS, LeftUnserved
from .kpis import BarberDay, KpiDay
from .metrics import DayTally
from .series import Series
from .snapshot import Notification, Review

VERSION = 3  # raise when what an attribute means changes without its name or fields changing
KNOWN = {cls.__name__: cls for cls in (*KINDS.values(), LeftUnserved, DayTally, Series, KpiDay, BarberDay, ClientDay,
                                         _Latest, Review, Notification, Fired)}
EVENTS = frozenset((*KINDS.values(), LeftUnserved))  # immutable: one object for equal ones (_Decoder)
PARTS: dict[str, tuple[str, ...]] = {  # the engine's parts (by attribute path) and the attributes kept of each
    '': ('recent', 'last_at'),
    'metrics': ('days', 'appointment_day', 'checked_in', 'in_chair', 'names', 'waits', 'wait_total', 'events_applied'),
    'floor': ('booked', 'latest_five_star', '_names', '_name_times'),
    'kpis': ('days', 'started', 'appointments'),
    'kpis.clients': ('days', 'client_of', 'in_shop', 'rebooked_in_shop', 'latest', 'recent', 'version'),
    'peaks': ('arrivals',),
    'alerts': ('_week_bookings', '_no_shows', '_walk_outs', '_names'),
    'alerts.gate': ('fired', 'last_fired'),
    'alerts.demand': ('open', '_slots', '_day', '_today', '_weeks', '_sums', '_starts', '_service_total',
                      '_service_count'),
    'alerts.idle': ('since', '_idle'),
    'closing': ('_heap', '_ends'),
    'feed': ('_next_day', '_heap', '_later', '_opened'),
}
SCALARS = (str, int, bool, type(None))


@cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else tuple(cls.__slots__)


FINGERPRINT = hashlib.blake2b(repr((VERSION, codec.DEFINITIONS, PARTS, {name: _fields(cls) for name, cls in
                                                                         KNOWN.items()})).encode(),
                              digest_size=8).hexdigest()


class StaleState(ValueError):
    """The bytes cannot be loaded by this engine (another shape, or damaged): replay the shop's history instead."""


@dataclass(frozen=True, slots=True)
class Header:
    at: float  # the shop's clock when the state was taken
    last_at: float  # the latest instant of an event applied (-inf: none)
    events: int  # the shop's own events applied (metrics.events_applied)


def dump(engine: Any) -> bytes:
    """The engine's state (a ShopEngine; typed loosely so that this module does not import shop.py)."""
    return pack(take(engine))


def take(engine: Any) -> tuple[dict, tuple[bytes, bytes], list[tuple]]:
    """What `pack` makes bytes of: read from the engine as it is now (on the thread that applies its events), with
    as little work as can be: the analytics' days are copied, not compressed."""
    analytics = engine.analytics
    tree = {
        'fingerprint': FINGERPRINT,
        'shop': _identity(engine),
        'header': [engine.clock.now(), _enc(engine.last_at), engine.metrics.events_applied],
        'parts': {path: {name: _enc(getattr(_part(engine, path), name)) for name in names}
                  for path, names in PARTS.items() if _part(engine, path) is not None},
        'days': [day.toordinal() for day in analytics.days],
    }
    return tree, codec.copy_state(analytics), [codec.copy_day(row) for row in analytics.days.values()]


def pack(taken: tuple[dict, tuple[bytes, bytes], list[tuple]]) -> bytes:
    """The bytes of what `take` read: touches no engine, so it may run in another thread."""
    tree, analytics, days = taken
    blobs = [codec.pack_state(analytics), *map(codec.pack_day, days)]
    text = orjson.dumps(tree)
    return zlib.compress(struct.pack(f'<{len(blobs) + 2}I', len(text), len(blobs), *map(len, blobs)) + text
                         + b''.join(blobs), 1)


Unpacked = tuple[dict, list[bytes]]  # the bytes opened once (`unpack`), for both `header` and `load_into`


def header(data: bytes | Unpacked) -> Header:
    """When the state was taken and how far its events go, without loading it."""
    at, last_at, events = (unpack(data) if isinstance(data, bytes) else data)[0]['header']
    return Header(at, _Decoder()(last_at), events)


def load_into(engine: Any, data: bytes | Unpacked) -> None:
    """Set a fresh engine (made with the same profile, and the same kind of feed) to the state in `data`."""
    tree, blobs = unpack(data) if isinstance(data, bytes) else data
    try:
        if tree['shop'] != _identity(engine):
            raise StaleState("the shop's profile or seed changed since")
        if set(tree['parts']) != {path for path in PARTS if _part(engine, path) is not None}:
            raise StaleState('the state is of another kind of shop (simulated or fed with events)')
        decode = _Decoder()
        for path, values in tree['parts'].items():
            part = _part(engine, path)
            if part is None or set(values) != set(PARTS[path]):
                raise StaleState(f'the part {path!r} does not match this engine')
            for name, value in values.items():
                _set(part, name, decode(value))
        engine.last_at = decode(tree['header'][1])
        days = {date.fromordinal(ordinal): blob for ordinal, blob in zip(tree['days'], blobs[1:], strict=True)}
        engine.analytics = codec.load(engine.profile, codec.DEFINITIONS, blobs[0], days)
    except StaleState:
        raise
    except Exception as error:  # damaged or foreign bytes: never a half-loaded engine that shows wrong figures
        raise StaleState(f'the state cannot be read ({type(error).__name__}: {error})') from error


def unpack(data: bytes) -> Unpacked:
    """The bytes decompressed and parsed: the costly part of reading a state (a thread's work)."""
    try:
        raw = zlib.decompress(data)
        text_length, count = struct.unpack_from('<II', raw)
        lengths = struct.unpack_from(f'<{count}I', raw, 8)
        at = 8 + 4 * count
        tree = orjson.loads(raw[at:at + text_length])
        at += text_length
        blobs = []
        for length in lengths:
            blobs.append(raw[at:at + length])
            at += length
    except Exception as error:
        raise StaleState(f'the state cannot be read ({type(error).__name__}: {error})') from error
    if tree.get('fingerprint') != FINGERPRINT:
        raise StaleState('the state was written by another version of the engine')
    return tree, blobs


def _identity(engine: Any) -> str:
    """What the state is of: the shop's profile, and its simulation's seed (a demo shop)."""
    seed = engine.feed.simulation.seed if engine.feed is not None else None
    return hashlib.blake2b(repr((engine.profile, seed)).encode(), digest_size=8).hexdigest()


def _part(engine: Any, path: str) -> Any:
    part = engine
    for name in filter(None, path.split('.')):
        part = getattr(part, name)
    return part


def _set(part: Any, name: str, value: Any) -> None:
    """Into the fresh engine's own container where it has a factory (a defaultdict) or a bound (a deque)."""
    current = getattr(part, name)
    if isinstance(current, defaultdict):
        current.clear()
        current.update(value)
    elif isinstance(current, deque) and current.maxlen is not None:
        current.clear()
        current.extend(value)
    elif isinstance(current, Counter):
        current.clear()
        current.update(dict(value))
    else:
        setattr(part, name, value)


def _enc(value: Any) -> Any:
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is float:
        return value if math.isfinite(value) else {'f': repr(value)}
    if kind is list:
        return value if all(type(item) in SCALARS or type(item) is float and math.isfinite(item) for item in value) \
            else [_enc(item) for item in value]
    if kind is tuple:
        return {'t': [_enc(item) for item in value]}
    if kind in (set, frozenset):
        return {'s': [_enc(item) for item in value]}
    if isinstance(value, dict):  # dict, defaultdict and Counter: the fresh engine's container keeps its kind
        return {'d': [[_enc(key), _enc(item)] for key, item in value.items()]}
    if kind is deque:
        return {'q': [_enc(item) for item in value], 'm': value.maxlen}
    if kind is date:
        return {'D': value.toordinal()}
    if kind is bytes:
        return {'b': base64.b64encode(value).decode()}
    if kind is array:
        return {'a': value.typecode, 'l': value.tolist()}
    if kind is KeyTable:
        rows = value.table.tolist() + [(key, *rest) for key, rest in value.fresh.items()]
        return {'k': [[name, value.table.dtype[name].str] for name in value.table.dtype.names], 'l': rows}
    name = kind.__name__
    if KNOWN.get(name) is not kind:
        raise TypeError(f'{name} is not a kind the engine state keeps (engine/state.py KNOWN)')
    return {'c': name, 'v': [_enc(getattr(value, field)) for field in _fields(kind)]}


class _Decoder:
    """JSON values to the engine's, each text, number and event once as the engine held them: a customer's id, an
    instant or a booking is one object for every part that names it, not one for each place the JSON has it (all are
    immutable). A loaded engine held 40% more blocks than the one it was taken from before this."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.numbers: dict[float, float] = {}
        self.events: dict[tuple, Any] = {}

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self.texts.setdefault(value, value)
        if kind is float:
            return self.numbers.setdefault(value, value) if value else value  # 0.0 and -0.0 are equal
        if kind is not dict:
            nested = kind is list and any(type(item) in (list, dict, str) for item in value)
            return [self(item) for item in value] if nested else value
        if 'c' in value:
            cls = KNOWN[value['c']]
            values = [self(item) for item in value['v']]
            made = object.__new__(cls)
            for field, item in zip(_fields(cls), values, strict=True):
                object.__setattr__(made, field, item)
            if cls in EVENTS:
                return self.events.setdefault((cls, *values), made)
            if cls is KpiDay:
                made.barbers = defaultdict(BarberDay, made.barbers)
            elif cls is DayTally and made.hourly_revenue is None:  # settled
                made.share()
            return made
        if 'd' in value:
            return {self(key): self(item) for key, item in value['d']}
        if 't' in value:
            return tuple(self(item) for item in value['t'])
        if 's' in value:
            return {self(item) for item in value['s']}
        if 'q' in value:
            return deque((self(item) for item in value['q']), value['m'])
        if 'D' in value:
            return date.fromordinal(value['D'])
        if 'b' in value:
            return base64.b64decode(value['b'])
        if 'a' in value:
            return array(value['a'], value['l'])
        if 'k' in value:
            return KeyTable(np.array(sorted(map(tuple, value['l'])), np.dtype([tuple(field) for field in value['k']])))
        return float(value['f'])
