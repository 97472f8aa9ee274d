"""A shop's analytics at rest: its per-day aggregates and the state they carry, as engine/analytics/codec.py writes
them. The store keeps the bytes by (shop, day) without reading them, so a restart can load them instead of replaying
the event log; scripts/rebuild_aggregates.py writes them anew from the log when their definitions change.
"""
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from .db import Database
from .models import AggregateState, DayAggregate
from .types import utcnow

MIXED = 0  # days stored under other definitions than the state: rebuild


@dataclass(frozen=True, slots=True)
class StoredAggregates:
    definitions: int  # of the state and every day loaded; MIXED when they differ
    state: bytes
    days: dict[date, bytes]


async def save_aggregates(db: Database, shop_id: str, definitions: int, state: bytes,
                          days: Mapping[date, bytes]) -> None:
    """The state and the given days (those that changed), in one transaction: what a later load gets is whole."""
    async with db.session() as session:
        await _write(session, db.dialect, shop_id, definitions, state, days)


async def replace_aggregates(db: Database, shop_id: str, definitions: int, state: bytes,
                             days: Mapping[date, bytes]) -> None:
    """Every day of the shop anew (a rebuild): days stored before and not given are deleted, in one transaction."""
    async with db.session() as session:
        await session.execute(delete(DayAggregate).where(DayAggregate.shop_id == shop_id))
        await _write(session, db.dialect, shop_id, definitions, state, days)


async def load_aggregates(db: Database, shop_id: str, since: date | None = None) -> StoredAggregates | None:
    """The shop's state and its days from `since` on (all when None); None when nothing is stored."""
    async with db.reading() as session:
        state = await session.get(AggregateState, shop_id)
        if state is None:
            return None
        query = select(DayAggregate.day, DayAggregate.definitions, DayAggregate.data).where(
            DayAggregate.shop_id == shop_id)
        if since is not None:
            query = query.where(DayAggregate.day >= since)
        rows = (await session.execute(query.order_by(DayAggregate.day))).all()
    mixed = any(definitions != state.definitions for _, definitions, _ in rows)
    return StoredAggregates(MIXED if mixed else state.definitions, state.data, {day: data for day, _, data in rows})


async def stored_size(db: Database, shop_id: str) -> tuple[int, int]:
    """How many days the shop has stored, and their bytes and the state's together."""
    async with db.reading() as session:
        days, size = (await session.execute(select(func.count(), func.coalesce(func.sum(func.length(
            DayAggregate.data)), 0)).where(DayAggregate.shop_id == shop_id))).one()
        state = await session.scalar(select(func.length(AggregateState.data)).where(AggregateState.shop_id == shop_id))
    return days, size + (state or 0)


async def _write(session: AsyncSession, dialect: str, shop_id: str, definitions: int, state: bytes,
                 days: Mapping[date, bytes]) -> None:
    insert = pg_insert if dialect == 'postgresql' else sqlite_insert
    row = {'shop_id': shop_id, 'definitions': definitions, 'data': state, 'saved_at': utcnow()}
    await session.execute(insert(AggregateState).values(row).on_conflict_do_update(
        index_elements=['shop_id'], set_={key: row[key] for key in ('definitions', 'data', 'saved_at')}))
    if days:
        statement = insert(DayAggregate)
        await session.execute(statement.on_conflict_do_update(
            index_elements=['shop_id', 'day'], set_={'definitions': statement.excluded.definitions,
                                                     'data': statement.excluded.data}),
            [{'shop_id': shop_id, 'day': day, 'definitions': definitions, 'data': data} for day, data in days.items()])
