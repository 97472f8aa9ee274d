"""Each shop runs on exactly one worker, held by an advisory lock; a worker gone frees its shops at once."""
import asyncio
import time

import psycopg
import pytest

from cluster.leases import Leases
from store.leases import SHOPS, conninfo, shop_key

SHOPS_IDS = [f'shop-{n}' for n in range(6)]


class Worker:
    """A worker's leases as the tests see them: what it was told it gained and lost."""

    def __init__(self, url: str, name: str) -> None:
        self.running: set[str] = set()  # shops whose engine would run here: started and not stopped since
        self.leases = Leases(url, name, self._ids, self._gained, self._lost)

    async def _ids(self) -> list[str]:
        return SHOPS_IDS

    async def _gained(self, shop_id: str) -> None:
        assert shop_id not in self.running, 'started twice'
        self.running.add(shop_id)

    async def _lost(self, shop_id: str) -> None:
        self.running.remove(shop_id)


async def taken_by_nobody(url: str) -> set[str]:
    """The shops a third connection could take now: PostgreSQL's own word on which are held."""
    async with await psycopg.AsyncConnection.connect(conninfo(url), autocommit=True) as connection:
        free = set()
        for shop_id in SHOPS_IDS:
            cursor = await connection.execute('SELECT pg_try_advisory_lock(%s, %s)', (SHOPS, shop_key(shop_id)))
            if (await cursor.fetchone())[0]:
                free.add(shop_id)
        return free


@pytest.fixture
async def workers(pg_url: str):
    a, b = Worker(pg_url, 'a'), Worker(pg_url, 'b')
    yield a, b
    for worker in (a, b):
        await worker.leases.close()


async def test_two_workers_never_run_the_same_shop_and_share_them(workers, pg_url):
    a, b = workers
    for _ in range(3):
        for worker in (a, b):
            await worker.leases.round()
            assert not a.running & b.running, 'a shop ran on both workers'
            assert a.running == a.leases.held and b.running == b.leases.held
    assert a.running | b.running == set(SHOPS_IDS)
    assert len(a.running) == len(b.running) == 3, 'the first worker up gives back what is beyond its share'
    assert await taken_by_nobody(pg_url) == set()
    assert {a.leases.holder(s) for s in a.running} == {'a'} and {a.leases.holder(s) for s in b.running} == {'b'}


async def test_a_worker_gone_frees_its_shops_for_the_next_round_of_another(workers, pg_url):
    a, b = workers
    for worker in (a, b, a, b):
        await worker.leases.round()
    await a.leases.connection.connection.close()  # as a kill -9 would: no goodbye, the connection just ends
    deadline = time.monotonic() + 30  # a bound: PostgreSQL frees the locks once it has seen the end
    while b.running != set(SHOPS_IDS) and time.monotonic() < deadline:
        await b.leases.round()
        await asyncio.sleep(0.05)
    assert b.running == set(SHOPS_IDS)
    assert await taken_by_nobody(pg_url) == set()


async def test_a_worker_whose_lease_connection_died_stops_its_shops_then_takes_shops_again(workers, pg_url):
    a, b = workers
    await a.leases.round()
    assert a.running == set(SHOPS_IDS)
    async with await psycopg.AsyncConnection.connect(conninfo(pg_url), autocommit=True) as admin:
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                            "'chairside:a'")
    await a.leases.round()  # finds its connection gone: every engine stops, since another may start them now
    assert a.running == set() and a.leases.held == set()
    for worker in (b, a, b, a):  # a connects again: b gives back what is beyond its share, a takes it
        await worker.leases.round()
        assert not a.running & b.running
    assert len(a.running) == len(b.running) == 3 and a.running | b.running == set(SHOPS_IDS)


async def test_both_ends_of_the_lease_connection_give_up_on_a_silent_peer_within_20_seconds(workers):
    """A network cut cannot be made here without root; what decides how long it holds shops is asserted instead:
    PostgreSQL's keepalives on this connection (it frees the locks) and the client's own (the worker stops them)."""
    a, _ = workers
    await a.leases.round()
    connection = a.leases.connection.connection
    for setting, seconds in (('tcp_keepalives_idle', '5'), ('tcp_keepalives_interval', '5'),
                             ('tcp_keepalives_count', '3')):
        cursor = await connection.execute(f'SHOW {setting}')
        assert (await cursor.fetchone())[0] == seconds, setting
    client = connection.info.get_parameters()
    assert (client['keepalives_idle'], client['keepalives_interval'], client['keepalives_count']) == ('5', '5', '3')
    assert client['tcp_user_timeout'] == '20000'
