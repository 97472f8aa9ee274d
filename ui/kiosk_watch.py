"""Revoked kiosk links: one check per token every few seconds, however many screens show it."""
import asyncio
import logging
from collections.abc import Callable

from nicegui import Event

from store.db import Database
from store.tokens import shop_for_token

log = logging.getLogger(__name__)
CHECK_SECONDS = 3.0  # a revoked token turns its screens off within this (plus a page load)


class KioskWatch:
    def __init__(self) -> None:
        self._revoked: dict[str, Event] = {}  # token -> fired once the token stops opening its shop

    def watch(self, token: str, on_revoked: Callable[[], None]) -> None:
        """Call inside the kiosk page: NiceGUI unsubscribes when the page goes away."""
        self._revoked.setdefault(token, Event()).subscribe(on_revoked)

    async def run(self, store: Callable[[], Database]) -> None:
        while True:
            await asyncio.sleep(CHECK_SECONDS)
            for token, event in list(self._revoked.items()):
                if not event.callbacks:
                    del self._revoked[token]
                    continue
                try:
                    if await shop_for_token(store(), 'kiosk', token) is None:
                        event.emit()
                except Exception:
                    log.exception('kiosk token check failed; screens stay on until the next check')
