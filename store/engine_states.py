"""Each shop engine's state at rest, as engine/state.py writes it: bytes by shop, read back at the next start."""
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .db import Database
from .models import EngineState
from .types import utcnow


async def save_engine_state(db: Database, shop_id: str, data: bytes) -> None:
    insert = pg_insert if db.dialect == 'postgresql' else sqlite_insert
    row = {'shop_id': shop_id, 'data': data, 'saved_at': utcnow()}
    async with db.session() as session:
        await session.execute(insert(EngineState).values(row).on_conflict_do_update(
            index_elements=['shop_id'], set_={'data': row['data'], 'saved_at': row['saved_at']}))


async def load_engine_state(db: Database, shop_id: str) -> bytes | None:
    async with db.reading() as session:
        row = await session.get(EngineState, shop_id)
        return None if row is None else row.data

