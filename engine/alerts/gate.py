"""Whether a notification may be raised: its kind switched on, outside its window, its occurrence not yet raised."""
import hashlib
from array import array
from bisect import bisect_left

from ..snapshot import Notification
from .model import AlertSettings


class Fired:
    """The ids of the notifications raised so far, as 64-bit hashes (two ids share one about once in 10^11 shops of
    a year's notes): a sorted array of 8 bytes an id, and the latest few in a set, not a string and a set entry each
    for the shop's whole history."""
    __slots__ = ('keys', 'fresh')
    MERGE_AT = 256

    def __init__(self) -> None:
        self.keys = array('Q')  # sorted
        self.fresh: set[int] = set()

    def __contains__(self, nid: str) -> bool:
        return self._has(_key(nid))

    def add(self, nid: str) -> None:
        key = _key(nid)  # hashed once
        if not self._has(key):
            self.fresh.add(key)
            if len(self.fresh) >= self.MERGE_AT:
                self.keys, self.fresh = array('Q', sorted((*self.keys, *self.fresh))), set()

    def _has(self, key: int) -> bool:
        if key in self.fresh:
            return True
        i = bisect_left(self.keys, key)
        return i < len(self.keys) and self.keys[i] == key


def _key(nid: str) -> int:
    return int.from_bytes(hashlib.blake2b(nid.encode(), digest_size=8).digest(), 'little')


class Gate:
    def __init__(self, settings: AlertSettings) -> None:
        self.settings = settings
        self.fired = Fired()  # ids raised so far: an occurrence never fires twice
        self.last_fired: dict[str, float] = {}  # kind -> when it last fired, for throttling

    def allowed(self, kind: str, nid: str, at: float) -> bool:
        return nid not in self.fired and self.open(kind, at)

    def open(self, kind: str, at: float) -> bool:
        """On, and not within the kind's window since it last fired (notes raised at one instant pass together)."""
        if not self.settings.is_on(kind):
            return False
        last, window = self.last_fired.get(kind), self.settings.window(kind)
        return last is None or not 0 < at - last < window

    def raise_(self, nid: str, kind: str, priority: str, title: str, body: str, action: str,
               at: float) -> list[Notification]:
        self.fired.add(nid)
        self.last_fired[kind] = at
        return [Notification(nid, kind, priority, title, body, action, at)]
