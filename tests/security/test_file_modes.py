"""Finding 10: the database (with its WAL and SHM) and the storage secret are readable by their owner alone."""
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.db import Database
from store.secret import load_or_create_storage_secret
from tests.store.helpers import owner


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common default, under which files are world-readable unless made otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)


async def test_the_database_and_its_wal_and_shm_are_0600(tmp_path: Path):
    file = tmp_path / 'data' / 'chairside.db'
    db = await Database.open(f'sqlite+aiosqlite:///{file}')
    try:
        await owner(db)  # a write: the WAL and SHM exist while the database is open
        files = [file, file.with_name('chairside.db-wal'), file.with_name('chairside.db-shm')]
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        await db.close()


async def test_a_database_made_before_is_tightened_on_open(tmp_path: Path):
    file = tmp_path / 'chairside.db'
    db = await Database.open(f'sqlite+aiosqlite:///{file}')
    await db.close()
    file.chmod(0o644)
    db = await Database.open(f'sqlite+aiosqlite:///{file}')
    await db.close()
    assert mode(file) == 0o600


def test_the_storage_secret_is_0600(tmp_path: Path):
    load_or_create_storage_secret(tmp_path, None)
    assert mode(tmp_path / 'storage_secret') == 0o600
