"""The async database: engine, SQLite durability settings, migrations to head, sessions."""
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from .files import private_sqlite
from .migrate import upgrade_to_head

MIGRATIONS_LOCK = 0x4353_0000_6D69_6772  # an advisory lock's key of our own (bigint), held while migrating

# WAL + synchronous=FULL: every commit is fsynced into the WAL before it is acknowledged, so nothing
# acknowledged is lost on a process kill (NORMAL would already give that) nor on power loss or an OS
# crash (NORMAL would not). A shop writes a few events a second at most, so the fsync costs nothing.
SQLITE_PRAGMAS = ('journal_mode=WAL', 'synchronous=FULL', 'foreign_keys=ON', 'busy_timeout=10000')


class Database:
    """One per process, made by the composition root; repositories take it as their first argument."""

    def __init__(self, engine: AsyncEngine, reader: AsyncEngine | None = None) -> None:
        self.engine, self.reader = engine, reader or engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._reads = async_sessionmaker(self.reader, expire_on_commit=False)

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True) -> 'Database':
        """Connect (creating the SQLite file's folder) and bring the schema to the newest migration."""
        engine = make_engine(url)
        on_file = engine.dialect.name == 'sqlite' and make_url(url).database not in (None, '', ':memory:')
        db = cls(engine, make_engine(url, reads_only=True) if on_file else None)  # a second pool, for reads
        if migrate:
            try:
                await db.migrate()
            except BaseException:
                await db.close()
                raise
        return db

    async def migrate(self) -> None:
        """On PostgreSQL under a lock for the transaction: workers starting at once migrate one after the other (the
        others then find the schema at head), instead of racing to create the same tables."""
        async with self.engine.begin() as connection:
            if self.dialect == 'postgresql':
                await connection.execute(text('SELECT pg_advisory_xact_lock(:key)'), {'key': MIGRATIONS_LOCK})
            await connection.run_sync(upgrade_to_head)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: committed when the block ends, rolled back when it raises."""
        async with self._sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only transaction: on SQLite it does not queue for the write lock, which every page open would."""
        async with self._reads() as session, session.begin():
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def close(self) -> None:
        await self.engine.dispose()
        if self.reader is not self.engine:
            await self.reader.dispose()


def make_engine(url: str, *, reads_only: bool = False) -> AsyncEngine:
    """The async engine; for SQLite also its folder, durability pragmas and real transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() == 'sqlite' and parsed.database and parsed.database != ':memory:':
        database = Path(parsed.database).expanduser()
        database.parent.mkdir(parents=True, exist_ok=True)
        private_sqlite(database)
    engine = create_async_engine(url, pool_pre_ping=parsed.get_backend_name() != 'sqlite')  # a file never drops
    if engine.dialect.name == 'sqlite':
        event.listen(engine.sync_engine, 'connect', _sqlite_connect)
        event.listen(engine.sync_engine, 'begin', _sqlite_begin_read if reads_only else _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(f'PRAGMA {pragma}')
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front: a read-then-write transaction can then never fail with
    # "database is locked" halfway; others wait (busy_timeout) instead. Reads stay cheap under WAL.
    connection.exec_driver_sql('BEGIN IMMEDIATE')


def _sqlite_begin_read(connection: Any) -> None:
    # A snapshot of the database as of its first read (WAL): concurrent with writers, never waiting for them.
    connection.exec_driver_sql('BEGIN')
