"""What open pages and streams hold that can be taken away (a token, a signed-in session), watched in one place.

What this process takes away it tells at once (`tell`, e.g. from the settings page). What changes behind its back
(another process, the database edited by hand) `check` finds: it looks every watched key up in one go, and `run`
calls it every CHECK_SECONDS. Either way each watcher gets the key's state (None: gone) and decides whether what it
holds still holds; one look-up serves every page of a key, however many screens show it.
"""
import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

from nicegui import Event

log = logging.getLogger(__name__)
CHECK_SECONDS = 3.0  # what changed behind the app's back ends its pages and streams within this (plus a page load)

Key = TypeVar('Key', bound=Hashable)


class Watch(Generic[Key]):
    def __init__(self, look_up: Callable[[list[Key]], Awaitable[dict[Key, Any]]]) -> None:
        """`look_up` answers the state of each key given that still has one."""
        self._look_up = look_up
        self._events: dict[Key, Event] = {}

    def watch(self, key: Key, callback: Callable[[Any], object]) -> None:
        """Inside a page NiceGUI unsubscribes when the page goes away; anywhere else, call unwatch when done."""
        self._events.setdefault(key, Event()).subscribe(callback)

    def unwatch(self, key: Key, callback: Callable[[Any], object]) -> None:
        if key in self._events:
            self._events[key].unsubscribe(callback)

    def watchers(self, key: Key) -> int:
        return len(self._events[key].callbacks) if key in self._events else 0

    async def tell(self, *keys: Key) -> None:
        """Something of these keys changed in this process: their watchers look at once."""
        await self._emit([key for key in keys if key in self._events])

    async def check(self) -> None:
        """Every watched key looked up and its watchers told."""
        for key in [key for key, event in self._events.items() if not event.callbacks]:
            del self._events[key]
        await self._emit(list(self._events))

    async def run(self) -> None:
        while True:
            await asyncio.sleep(CHECK_SECONDS)
            try:
                await self.check()
            except Exception:
                log.exception('the periodic check failed; what it watches stays open until the next one')

    async def _emit(self, keys: list[Key]) -> None:
        if not keys:
            return
        states = await self._look_up(keys)
        for key in keys:
            if key in self._events:
                self._events[key].emit(states.get(key))
