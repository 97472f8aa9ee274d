"""Store tests run on SQLite (a temp file) AND on a throwaway PostgreSQL 15 (scripts/pg_for_tests.py).

Without PostgreSQL binaries the PostgreSQL variants fail with what to install, unless
CHAIRSIDE_TEST_SKIP_POSTGRES=1 says to skip them.
"""
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher, profiles

from store import passwords
from store.db import Database

from .helpers import load_pg_script


@pytest.fixture(scope='session')
def pg_server() -> Iterator[Any]:
    if os.environ.get('CHAIRSIDE_TEST_SKIP_POSTGRES') == '1':
        pytest.skip('CHAIRSIDE_TEST_SKIP_POSTGRES=1: PostgreSQL variants skipped')
    pg = load_pg_script()
    try:
        server = pg.start()
    except pg.PostgresMissing as error:
        missing = str(error)
    else:
        yield server
        server.stop()
        return
    pytest.fail(missing, pytrace=False)


@pytest.fixture(params=['sqlite', 'postgres'])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == 'sqlite':
        return f'sqlite+aiosqlite:///{tmp_path / "data" / "chairside.db"}'
    return request.getfixturevalue('pg_server').create_database(f't_{uuid.uuid4().hex[:16]}')


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = await Database.open(db_url)
    yield database
    await database.close()


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id, at the cheapest cost: the default costs ~64 MiB and tens of ms per hash."""
    monkeypatch.setattr(passwords, 'hasher', PasswordHasher.from_parameters(profiles.CHEAPEST))
    monkeypatch.setattr(passwords, '_DUMMY_HASH', None)
