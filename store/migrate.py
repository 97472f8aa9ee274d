"""Alembic, run in-process on a connection the caller already holds (no subprocess, no alembic.ini needed)."""
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).parent / 'migrations'


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option('script_location', str(MIGRATIONS))
    config.set_main_option('path_separator', 'os')
    config.attributes['connection'] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), 'head')
