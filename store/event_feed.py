"""What other workers stored: the `chairside_events` announcements (store/events.py), on a connection of their own."""
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import psycopg

from .events import CHANNEL
from .leases import conninfo


async def appended(url: str, listening: Callable[[], Awaitable[None]]) -> AsyncIterator[tuple[str, int]]:
    """(shop id, the last seq stored) as each append commits. `listening()` is awaited once LISTEN is in place, before
    the first announcement: what was stored before it must be read there (a catch-up). Raises psycopg.Error when the
    connection fails: the caller connects again, and catches up again."""
    async with await psycopg.AsyncConnection.connect(conninfo(url), autocommit=True) as connection:
        await connection.execute(f'LISTEN {CHANNEL}')
        await listening()
        async for note in connection.notifies():
            body = json.loads(note.payload)
            yield body['shop'], body['seq']
