"""In which order the shops listed at start are started in the background (shops/service.py `catch_up`).

A shop someone waits for (a page opened on it, an API call) goes first, the one waited for longest first; a shop
asked for while others are queued jumps ahead of every shop nobody asked for. Then the rest, in the order listed.
"""
from collections.abc import Iterable


class StartOrder:
    def __init__(self, shop_ids: Iterable[str] = ()) -> None:
        self._queued: dict[str, None] = dict.fromkeys(shop_ids)  # not started yet, in the order listed
        self._wanted: dict[str, None] = {}  # the queued ones someone waits for, in the order first asked for

    def want(self, shop_id: str) -> None:
        """Someone waits for the shop: it goes after those waited for longer, before all the others."""
        if shop_id in self._queued:
            self._wanted.setdefault(shop_id, None)

    def wanted(self) -> list[str]:
        """The queued shops someone waits for, longest first."""
        return list(self._wanted)

    def next(self) -> str | None:
        """Takes the shop to start now off the queue; None once every shop is started."""
        if self._wanted:
            shop_id = next(iter(self._wanted))
        elif self._queued:
            shop_id = next(iter(self._queued))
        else:
            return None
        self.remove(shop_id)
        return shop_id

    def remove(self, shop_id: str) -> None:
        """Started by other means (its settings changed, say): nothing left to do for it."""
        self._queued.pop(shop_id, None)
        self._wanted.pop(shop_id, None)
