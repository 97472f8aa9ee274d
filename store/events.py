"""The event log: the single truth every figure derives from. Appends are idempotent by event id.

On PostgreSQL each append also takes the shop's EVENTS lock for its transaction, so that a shop's `seq` order is
its commit order, and announces itself on the `chairside_events` channel ({"shop": id, "seq": the append's last})
when it commits: the worker that runs the shop (cluster/relay.py) reads what was stored after what it has.
"""
import json
import math
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .db import Database
from .errors import EventError
from .leases import EVENTS, shop_key
from .models import Event

COLUMNS = ('id', 'kind', 'at')  # everything else in an event dict is its payload
CHANNEL = 'chairside_events'


async def append_events(db: Database, shop_id: str, events: list[dict[str, Any]]) -> int:
    """Store events given as {'id', 'kind', 'at' (epoch seconds), **payload}; returns how many were new.

    An id already stored for this shop is skipped, so a client may resend a batch after a timeout.
    The whole batch is checked first: one malformed event rejects it all (EventError names the field).
    """
    return len(await insert_new_events(db, shop_id, events))


async def insert_new_events(db: Database, shop_id: str, events: list[dict[str, Any]]) -> set[str]:
    """As append_events, but answers the ids actually inserted, so the caller applies only those to the engine.

    Committed when this returns: what it answers survives a crash.
    """
    rows = {}
    for index, event in enumerate(events):
        row = _row(shop_id, event, index)
        rows.setdefault(row['id'], row)
    if not rows:
        return set()
    postgres = db.dialect == 'postgresql'
    insert = pg_insert if postgres else sqlite_insert
    statement = insert(Event).on_conflict_do_nothing(index_elements=['shop_id', 'id']).returning(Event.id, Event.seq)
    async with db.session() as session:
        if postgres:
            await session.execute(text('SELECT pg_advisory_xact_lock(:space, :key)'),
                                  {'space': EVENTS, 'key': shop_key(shop_id)})
        inserted = (await session.execute(statement, list(rows.values()))).all()
        if postgres and inserted:
            payload = json.dumps({'shop': shop_id, 'seq': max(seq for _, seq in inserted)})
            await session.execute(text('SELECT pg_notify(:channel, :body)'), {'channel': CHANNEL, 'body': payload})
        return {event_id for event_id, _ in inserted}


async def append_in_chunks(db: Database, shop_id: str, events: list[dict[str, Any]], size: int = 1000,
                           progress: Callable[[int], Any] | None = None) -> int:
    """A large import (a CSV file) in transactions of `size` events, calling `progress(done)` after each; answers
    how many were new. Each chunk commits on its own: an interrupted import is finished by running it again."""
    new = 0
    for start in range(0, len(events), size):
        new += await append_events(db, shop_id, events[start:start + size])
        if progress is not None:
            progress(min(start + size, len(events)))
    return new


async def delete_events(db: Database, shop_id: str, ids: Iterable[str]) -> None:
    """Take back events stored moments ago whose batch could not be applied (see AppContext.drop_batch)."""
    ids = list(ids)
    async with db.session() as session:
        for start in range(0, len(ids), 500):  # a bound on the statement's parameters
            await session.execute(delete(Event).where(Event.shop_id == shop_id, Event.id.in_(ids[start:start + 500])))


async def load_events(db: Database, shop_id: str, since: float | None = None) -> list[dict[str, Any]]:
    """The shop's events in time order (ties by id), as given to append_events; since is exclusive."""
    query = select(Event.id, Event.kind, Event.at, Event.payload).where(Event.shop_id == shop_id)
    if since is not None:
        query = query.where(Event.at > since)
    async with db.session() as session:
        rows = await session.execute(query.order_by(Event.at, Event.id))
        return [{**payload, 'id': event_id, 'kind': kind, 'at': at} for event_id, kind, at, payload in rows]


async def count_events(db: Database, shop_id: str, until: float) -> int:
    """How many of the shop's events are at or before `until`."""
    async with db.reading() as session:
        return await session.scalar(select(func.count()).where(Event.shop_id == shop_id, Event.at <= until)) or 0


async def events_after(db: Database, shop_id: str, seq: int) -> list[tuple[int, dict[str, Any]]]:
    """(seq, event) of the shop's events stored after `seq`, in the order they were stored (PostgreSQL)."""
    query = (select(Event.seq, Event.id, Event.kind, Event.at, Event.payload)
             .where(Event.shop_id == shop_id, Event.seq > seq).order_by(Event.seq))
    async with db.reading() as session:
        return [(n, {**payload, 'id': event_id, 'kind': kind, 'at': at})
                for n, event_id, kind, at, payload in await session.execute(query)]


@asynccontextmanager
async def appends_held(db: Database, shop_id: str) -> AsyncIterator[int]:
    """No event of the shop is being stored or can be while the block runs (PostgreSQL): what it reads of the log is
    exactly everything up to the seq it is given. Appends wait meanwhile; keep it short (a shop's reload)."""
    key = {'space': EVENTS, 'key': shop_key(shop_id)}
    async with db.engine.connect() as connection:
        await connection.execute(text('SELECT pg_advisory_lock(:space, :key)'), key)
        await connection.commit()
        try:
            last = (await connection.execute(select(func.coalesce(func.max(Event.seq), 0))
                                             .where(Event.shop_id == shop_id))).scalar_one()
            await connection.commit()
            yield last
        finally:
            await connection.execute(text('SELECT pg_advisory_unlock(:space, :key)'), key)
            await connection.commit()


def _row(shop_id: str, event: dict[str, Any], index: int) -> dict[str, Any]:
    if not isinstance(event, dict):
        raise EventError(f'Event {index} must be a JSON object.', 'event', index)
    event_id, kind, at = event.get('id'), event.get('kind'), event.get('at')
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 64:
        raise EventError(f'Event {index}: give "id" as a text of 1 to 64 characters, unique per event.', 'id', index)
    if not isinstance(kind, str) or not 0 < len(kind) <= 32:
        raise EventError(f'Event {index}: give "kind" as the event type, such as "Booked".', 'kind', index)
    if isinstance(at, bool) or not isinstance(at, int | float) or not math.isfinite(at):
        raise EventError(f'Event {index}: give "at" as epoch seconds, such as 1767225600.0.', 'at', index)
    payload = {key: value for key, value in event.items() if key not in COLUMNS}
    return {'shop_id': shop_id, 'id': event_id, 'kind': kind, 'at': float(at), 'payload': payload}
