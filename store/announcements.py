"""What other workers announce with NOTIFY, heard with LISTEN on a connection of its own (JSON bodies)."""
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import psycopg

from .leases import KEEPALIVES, conninfo


async def announced(url: str, channel: str, listening: Callable[[], Awaitable[None]]) -> AsyncIterator[dict]:
    """Each announcement's body as it commits. `listening()` is awaited once LISTEN is in place, before the first: what
    was announced before must be read there (a catch-up). Raises psycopg.Error when the connection fails (keepalives:
    a network cut too, within about 20 s): the caller connects again, and catches up again."""
    async with await psycopg.AsyncConnection.connect(conninfo(url), autocommit=True, **KEEPALIVES) as connection:
        await connection.execute(f'LISTEN {channel}')
        await listening()
        async for note in connection.notifies():
            yield json.loads(note.payload)
