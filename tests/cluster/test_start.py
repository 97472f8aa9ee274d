"""Workers of a cluster start together on one database."""
import asyncio

from engine import SimClock
from settings import Settings
from shops import Shops
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


async def test_every_worker_prints_the_same_set_up_code_so_the_link_works_whichever_the_proxy_picks(pg_url, tmp_path,
                                                                                                     caplog):
    """Each made its own: the set-up page opened on another worker than the one whose log was read refused it."""
    settings = Settings(_env_file=None, cluster=True, database_url=pg_url, storage_secret='shared by every worker')
    workers = [Shops(settings.model_copy(update={'data_dir': tmp_path / name}), SimClock()) for name in ('w1', 'w2')]
    for worker in workers:
        await worker.open()
    try:
        codes = {worker.setup_code for worker in workers}
        assert len(codes) == 1 and '' not in codes
        assert sum(f'Set-up code: {workers[0].setup_code}' in r.getMessage() for r in caplog.records) == 2
    finally:
        for worker in workers:
            await worker.db.close()
