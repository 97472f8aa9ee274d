"""Clustering is on only with PostgreSQL and the setting; a worker's name is one the proxy's cookie can carry."""
import pytest
from pydantic import ValidationError

from settings import Settings


def test_the_default_is_one_process_on_sqlite_without_a_cluster():
    settings = Settings(_env_file=None)
    assert settings.cluster is False and settings.sqlalchemy_url.startswith('sqlite')


def test_a_cluster_on_sqlite_is_refused_saying_what_to_set():
    with pytest.raises(ValidationError, match='CHAIRSIDE_CLUSTER=1 needs a PostgreSQL CHAIRSIDE_DATABASE_URL'):
        Settings(_env_file=None, cluster=True)
    assert Settings(_env_file=None, cluster=True, database_url='postgresql+psycopg://u@127.0.0.1/db',
                    storage_secret='s').cluster


def test_a_cluster_without_a_shared_storage_secret_is_refused_saying_what_to_set():
    """Each worker would make its own in its data folder: a browser signed in on one is a stranger to the others."""
    with pytest.raises(ValidationError, match='CHAIRSIDE_CLUSTER=1 needs CHAIRSIDE_STORAGE_SECRET'):
        Settings(_env_file=None, cluster=True, database_url='postgresql+psycopg://u@127.0.0.1/db')


@pytest.mark.parametrize('name', ['w1; path=/', 'w 1', 'x' * 33, 'w1"'])
def test_a_worker_name_the_cookie_cannot_carry_is_refused(name):
    with pytest.raises(ValidationError, match='worker_id'):
        Settings(_env_file=None, worker_id=name)
