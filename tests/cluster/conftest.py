"""Cluster tests run on a throwaway PostgreSQL 15 (scripts/pg_for_tests.py), as the store's PostgreSQL variants do.

Without PostgreSQL binaries they fail saying what to install, unless CHAIRSIDE_TEST_SKIP_POSTGRES=1 says to skip.
"""
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.store.helpers import load_pg_script


@pytest.fixture(scope='session')
def pg_server() -> Iterator[Any]:
    if os.environ.get('CHAIRSIDE_TEST_SKIP_POSTGRES') == '1':
        pytest.skip('CHAIRSIDE_TEST_SKIP_POSTGRES=1: the cluster tests need PostgreSQL')
    pg = load_pg_script()
    try:
        server = pg.start()
    except pg.PostgresMissing as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: Any) -> str:
    """A database of its own for each test: leases and events of one test never meet another's."""
    return pg_server.create_database(f't_{uuid.uuid4().hex[:16]}')
