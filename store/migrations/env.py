"""Alembic environment: in-process on the app's connection, or by hand (`alembic upgrade head`)."""
import asyncio
import logging.config

from alembic import context
from sqlalchemy import Connection

from store.db import make_engine
from store.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    """alembic.ini's sqlalchemy.url (or -x url=...) wins; otherwise the app's own setting."""
    url = context.get_x_argument(as_dictionary=True).get('url') or config.get_main_option('sqlalchemy.url')
    if url:
        return url
    from settings import Settings
    return Settings().sqlalchemy_url


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == 'sqlite', compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_by_hand() -> None:
    engine = make_engine(_url())
    async with engine.begin() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif config.attributes.get('connection') is not None:
    _run(config.attributes['connection'])
else:
    if config.config_file_name:
        logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)
    asyncio.run(_run_by_hand())
