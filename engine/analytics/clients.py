"""Clients across visits for any period, from one number per visit: the days since the client's previous visit.

Each day keeps the gaps of its client visits sorted (FIRST for a client's first visit), so for a period from A to B:
- a visit on day D is its client's first of the period when its gap > D - A: counting those counts the clients;
- new clients are the first visits (FIRST) in the period; returning clients are the others;
- retention within N days (engine/clients.py's definition, for any length): the cohort is the clients of the window
  of the same length ending N days before B; one of them came back when their next visit fell after the window and
  within N days of their latest visit in it: a visit on day D in (B - N, B] whose gap reaches back into the window.
Each is a pair of bisections per day: O(days in the period x log visits).

A client's visits are taken in the order they arrive, as engine/clients.py takes them (a gap is never negative):
a client's events are expected in the order they happened, whatever the order of other clients' events.
"""
import hashlib
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np

from .measures import DayRow

LATEST = np.dtype([('key', '<u8'), ('at', '<f8'), ('barber', '<i2'), ('service', '<i2'), ('visit', '<u4'),
                   ('rebooked', 'u1')])
FIRST = 0xFFFF  # the gap of a client's first visit: above any real gap (at most FIRST - 1 days)

Rows = Callable[[date], DayRow | None]


class ClientBook:
    """Each client's latest completed visit: when, the slots of its barber and service, a hash of its visit id, and
    whether it was rebooked (engine/clients.py's `latest`), in 33 bytes a client. New clients wait in a small dict and
    join the sorted table a few hundred at a time: a visit costs O(log n), a new client O(1) on average. (Given a table
    of another dtype, keyed the same, it keeps those fields instead: engine/client_figures.py's latest days.)"""
    __slots__ = ('table', 'keys', 'fresh', '_found')
    MERGE_AT = 256

    def __init__(self, table: np.ndarray | None = None) -> None:
        self.table = np.zeros(0, LATEST) if table is None else table  # sorted by key
        self.keys = self.table['key'].copy()  # the same, contiguous, for searching
        self.fresh: dict[int, list] = {}  # key -> [at, barber, service, visit, rebooked], not yet in the table
        self._found = (-1, -1)  # the last key looked up in the table and its row: a visit reads, then writes

    def __len__(self) -> int:
        return len(self.table) + len(self.fresh)

    def get(self, key: int) -> list | None:
        """[completed at, barber slot, service slot, visit hash, rebooked] of the client's latest visit, or None."""
        found = self.fresh.get(key)
        if found is None:
            i = self._index(key)
            if i >= 0:
                found = list(self.table[i].item()[1:])
        return found

    def put(self, key: int, latest: list) -> None:
        i = -1 if key in self.fresh else self._index(key)
        if i >= 0:
            self.table[i] = (key, *latest)
            return
        self.fresh[key] = latest
        if len(self.fresh) >= self.MERGE_AT:
            self.merge()

    def merge(self) -> None:
        fresh = np.array([(key, *latest) for key, latest in self.fresh.items()], self.table.dtype)
        table = np.concatenate([self.table, fresh])
        self.table, self.fresh = table[table['key'].argsort(kind='stable')], {}
        self.keys, self._found = self.table['key'].copy(), (-1, -1)

    def _index(self, key: int) -> int:
        if self._found[0] == key:
            return self._found[1]
        i = int(self.keys.searchsorted(np.uint64(key)))
        i = i if i < len(self.keys) and int(self.keys[i]) == key else -1
        self._found = (key, i)
        return i


def client_key(client: str) -> int:
    """A 64-bit hash of a client's id: two ids share one about once in 10^9 shops of 100,000 clients."""
    return int.from_bytes(hashlib.blake2b(client.encode(), digest_size=8).digest(), 'little')


def visit_hash(visit: str) -> int:
    return zlib.crc32(visit.encode())


def clients(rows: Rows, start: date, end: date) -> int:
    """Distinct clients with a visit from `start` to `end`."""
    total = 0
    for n in range((end - start).days + 1):
        row = rows(start + timedelta(n))
        if row is not None:
            total += len(row.gaps) - bisect_right(row.gaps, n)
    return total


def retention(rows: Rows, start: date, end: date, within: int) -> float | None:
    """Of the clients of the days from start - within to end - within, the share back within `within` days."""
    first, last = start - timedelta(within), end - timedelta(within)
    cohort = clients(rows, first, last)
    back = 0
    for n in range(1, within + 1):
        row = rows(last + timedelta(n))
        if row is not None:  # gaps from n (back after the window) to within, and reaching no further than its start
            back += bisect_right(row.gaps, min(within, n + (last - first).days)) - bisect_left(row.gaps, n)
    return back / cohort if cohort else None
