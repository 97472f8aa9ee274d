"""Browsers' user storage kept in the store, for a cluster's workers to share (cluster/browser_storage.py).

Each save or removal announces itself on the `chairside_browsers` channel ({"id": storage id, "by": the writer}) when
it commits, so that the other workers holding a copy read it again. The data is NiceGUI's JSON, kept as text.
"""
import json
from collections.abc import AsyncIterator, Awaitable, Callable

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert

from .announcements import announced
from .db import Database
from .models import BrowserStorage
from .types import utcnow

CHANNEL = 'chairside_browsers'


async def load_browser(db: Database, storage_id: str) -> str | None:
    async with db.reading() as session:
        return (await session.execute(select(BrowserStorage.data).where(BrowserStorage.id == storage_id))) \
            .scalar_one_or_none()


async def save_browser(db: Database, storage_id: str, data: str | None, by: str) -> None:
    """Keeps `data` (None: removes the row) and announces it, on PostgreSQL, the only store a cluster runs on."""
    async with db.session() as session:
        if data is None:
            await session.execute(delete(BrowserStorage).where(BrowserStorage.id == storage_id))
        else:
            row = {'id': storage_id, 'data': data, 'saved_at': utcnow()}
            await session.execute(insert(BrowserStorage).values(row).on_conflict_do_update(
                index_elements=['id'], set_={'data': row['data'], 'saved_at': row['saved_at']}))
        await session.execute(text('SELECT pg_notify(:channel, :body)'),
                              {'channel': CHANNEL, 'body': json.dumps({'id': storage_id, 'by': by})})


async def browsers_changed(url: str, listening: Callable[[], Awaitable[None]]) -> AsyncIterator[tuple[str, str]]:
    """(storage id, who wrote it) as each save commits; `listening`: see announcements.announced."""
    async for body in announced(url, CHANNEL, listening):
        yield body['id'], body['by']
