"""Which worker runs which shop, held as PostgreSQL session-level advisory locks on one dedicated connection.

A lock is held as long as its connection lives: a worker that dies (even kill -9) frees its shops the moment
PostgreSQL sees the connection go, with no heartbeat to tune. Each worker also holds one presence lock, so that
the workers can be counted, and names itself in the connection's application_name, so that a shop's holder can
be named. Keys are two int4s: a namespace and a 31-bit hash of the shop id (two shops may share a key: then one
worker holds both, which is still one engine per shop).
"""
import hashlib

import psycopg
from sqlalchemy.engine import make_url

SHOPS = 0x43530001  # namespace of the shops' leases
WORKERS = 0x43530002  # namespace of the workers' presence locks (keyed by backend pid)
EVENTS = 0x43530003  # namespace of the per-shop lock that orders a shop's stored events (store/events.py)
APP_PREFIX = 'chairside:'
# A network cut leaves both ends of a connection open for hours by default. With these, each end gives up on a
# silent peer within about 20 s: PostgreSQL then frees the shops of a worker it can no longer reach (another takes
# them), and the worker learns it lost them (its round fails) instead of running them on, unseen.
_IDLE, _INTERVAL, _COUNT = 5, 5, 3  # seconds idle, seconds between probes, probes: 5 + 5 * 3 = 20 s
KEEPALIVES = {
    'keepalives': 1, 'keepalives_idle': _IDLE, 'keepalives_interval': _INTERVAL, 'keepalives_count': _COUNT,
    'tcp_user_timeout': (_IDLE + _INTERVAL * _COUNT) * 1000,  # data sent and never acknowledged: gone too
    'options': f'-c tcp_keepalives_idle={_IDLE} -c tcp_keepalives_interval={_INTERVAL} '
               f'-c tcp_keepalives_count={_COUNT}',  # the server's end of the same connection
}


def shop_key(shop_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(shop_id.encode(), digest_size=4).digest(), 'big') & 0x7FFFFFFF


def conninfo(url: str) -> str:
    """A SQLAlchemy URL (postgresql+psycopg://...) as psycopg's own."""
    return make_url(url).set(drivername='postgresql').render_as_string(hide_password=False)


class LeaseConnection:
    """The worker's lease connection. Every method raises psycopg.Error once the connection is gone."""

    def __init__(self, connection: psycopg.AsyncConnection, worker: str) -> None:
        self.connection, self.worker = connection, worker

    @classmethod
    async def open(cls, url: str, worker: str) -> 'LeaseConnection':
        connection = await psycopg.AsyncConnection.connect(conninfo(url), autocommit=True,
                                                           application_name=(APP_PREFIX + worker)[:63], **KEEPALIVES)
        await connection.execute('SELECT pg_advisory_lock(%s, pg_backend_pid())', (WORKERS,))
        return cls(connection, worker)

    async def try_take(self, shop_id: str) -> bool:
        cursor = await self.connection.execute('SELECT pg_try_advisory_lock(%s, %s)', (SHOPS, shop_key(shop_id)))
        return bool((await cursor.fetchone())[0])

    async def release(self, shop_id: str) -> None:
        await self.connection.execute('SELECT pg_advisory_unlock(%s, %s)', (SHOPS, shop_key(shop_id)))

    async def holders(self) -> dict[int, str]:
        """Shop key -> the name of the worker holding it, for every shop held by any worker."""
        cursor = await self.connection.execute(
            "SELECT l.objid::int8, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objsubid = 2 AND l.granted", (SHOPS,))
        return {key: name.removeprefix(APP_PREFIX) for key, name in await cursor.fetchall()}

    async def workers(self) -> list[str]:
        """The names of the workers connected now, this one included."""
        cursor = await self.connection.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objsubid = 2 AND l.granted", (WORKERS,))
        return sorted(name.removeprefix(APP_PREFIX) for (name,) in await cursor.fetchall())

    @property
    def closed(self) -> bool:
        return self.connection.closed

    async def close(self) -> None:
        await self.connection.close()
