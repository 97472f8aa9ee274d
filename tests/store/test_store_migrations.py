"""The schema comes from the migrations alone, matches the models, and SQLite is set up for durability."""
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from store.db import Database
from store.migrate import alembic_config
from store.models import Base
from store.tokens import api_token, hash_token

TABLES = {'shops', 'users', 'memberships', 'api_tokens', 'kiosk_tokens', 'monitor_tokens', 'events', 'notifications',
          'day_aggregates', 'aggregate_states', 'notification_reads', 'conversations', 'messages', 'shop_settings',
          'login_attempts', 'browser_storage'}


async def test_migrations_build_the_schema_on_an_empty_database(db_url):
    db = await Database.open(db_url)
    try:
        async with db.engine.connect() as connection:
            tables = set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
            version = (await connection.execute(text('SELECT version_num FROM alembic_version'))).scalar_one()
            differences = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata))
        assert TABLES <= tables
        assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert differences == [], 'models and migrations differ: add a migration'
    finally:
        await db.close()


async def test_opening_again_keeps_the_data(db_url):
    db = await Database.open(db_url)
    async with db.session() as session:
        await session.execute(text("INSERT INTO shops (id, name, timezone, profile, mode, created_at) "
                                   "VALUES ('s', 'S', 'UTC', '{}', 'demo', CURRENT_TIMESTAMP)"))
    await db.close()
    db = await Database.open(db_url)
    async with db.session() as session:
        assert (await session.execute(text('SELECT name FROM shops'))).scalar_one() == 'S'
    await db.close()


async def test_sqlite_is_durable_and_checks_foreign_keys(tmp_path):
    db = await Database.open(f'sqlite+aiosqlite:///{tmp_path / "new" / "folder" / "chairside.db"}')
    try:
        assert (tmp_path / 'new' / 'folder' / 'chairside.db').exists()
        async with db.engine.connect() as connection:
            pragma = {name: (await connection.execute(text(f'PRAGMA {name}'))).scalar_one()
                      for name in ('journal_mode', 'synchronous', 'foreign_keys')}
        assert pragma == {'journal_mode': 'wal', 'synchronous': 2, 'foreign_keys': 1}  # 2 = FULL
    finally:
        await db.close()


async def test_api_tokens_made_before_scopes_keep_posting_events_and_reading_figures(db_url):
    """Finding 10: tokens got scopes; one made before (migration 0001) keeps both, so nothing that worked stops."""
    db = await Database.open(db_url, migrate=False)
    try:
        async with db.engine.begin() as connection:
            await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), '0001'))
        async with db.session() as session:
            await session.execute(text("INSERT INTO shops (id, name, timezone, profile, mode, created_at) "
                                       "VALUES ('s', 'S', 'UTC', '{}', 'live', CURRENT_TIMESTAMP)"))
            await session.execute(text('INSERT INTO api_tokens (id, shop_id, name, token_hash, created_at) '
                                       "VALUES ('t', 's', 'Old till', :hash, CURRENT_TIMESTAMP)"),
                                  {'hash': hash_token('an old token')})
        await db.migrate()
        assert await api_token(db, 'an old token') == ('s', frozenset({'events', 'figures'}))
    finally:
        await db.close()
