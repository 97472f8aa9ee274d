"""Cluster tests run on a throwaway PostgreSQL 15 (scripts/pg_for_tests.py), as the store's PostgreSQL variants do.

Without PostgreSQL binaries they fail saying what to install, unless CHAIRSIDE_TEST_SKIP_POSTGRES=1 says to skip.
"""
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.ports import free_port
from deploy.local import HAPROXY_HINT, LocalCluster
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


@pytest.fixture
def local_cluster(tmp_path: Path, knowledge_dir: str) -> Iterator[Callable[[int], LocalCluster]]:
    """Makes a cluster of `n` `python main.py` workers behind HAProxy (not started yet: start_database, then start),
    stopped when the test ends."""
    if shutil.which('haproxy') is None and not Path('/usr/sbin/haproxy').exists():
        pytest.fail(HAPROXY_HINT, pytrace=False)
    env = {'CHAIRSIDE_SIM_HISTORY_DAYS': '8', 'CHAIRSIDE_SIM_SPEED': '0', 'CHAIRSIDE_SIM_START': '2026-11-24T11:30:00',
           'CHAIRSIDE_SHOP_TIMEZONE': 'Europe/London', 'CHAIRSIDE_KNOWLEDGE_DIR': knowledge_dir}
    made: list[LocalCluster] = []

    def make(workers: int) -> LocalCluster:
        made.append(LocalCluster(workers, free_port(), tmp_path, env))
        return made[-1]
    yield make
    for cluster in made:
        cluster.stop()
