"""Workers of a cluster start together on one database."""
import asyncio

from store.db import Database


async def test_workers_starting_at_once_on_an_empty_database_both_open_it(pg_url):
    """Each brings the schema to head on start; at once, both created alembic's table and one failed to start."""
    opened = await asyncio.gather(*(Database.open(pg_url) for _ in range(3)), return_exceptions=True)
    try:
        assert [type(db).__name__ for db in opened] == ['Database'] * 3
    finally:
        for db in opened:
            if isinstance(db, Database):
                await db.close()
