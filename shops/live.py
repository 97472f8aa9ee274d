"""The UI side of the engine loop: one NiceGUI Event per shop that every open page of the shop subscribes to."""
import time
from collections.abc import Callable
from dataclasses import dataclass

from nicegui import Event, ui

from engine import Snapshot


@dataclass(frozen=True, slots=True)
class OpenPage:
    shop_id: str
    who: str  # an email, or 'kiosk'
    page: str
    since: float


class LiveShops:
    def __init__(self) -> None:
        self._events: dict[str, Event[Snapshot | str]] = {}
        self._users: dict[str, Event] = {}  # per user: something of theirs changed (e.g. read state)
        self.pages: dict[str, OpenPage] = {}  # by client id
        self.latest: dict[str, Snapshot | str] = {}  # so a new page shows figures (or why they stopped) at once
        self.closed = 0  # pages closed since the process started

    def _event(self, shop_id: str) -> Event[Snapshot | str]:
        if shop_id not in self._events:
            self._events[shop_id] = Event()
        return self._events[shop_id]

    def publish(self, snapshot: Snapshot) -> None:
        self.latest[snapshot.shop_id] = snapshot
        self._event(snapshot.shop_id).emit(snapshot)

    def report_failure(self, shop_id: str, message: str) -> None:
        self.latest[shop_id] = message
        self._event(shop_id).emit(message)

    def subscribe(self, shop_id: str, receive: Callable[[Snapshot | str], None]) -> None:
        """Call inside a page, so NiceGUI unsubscribes when the page goes away; the latest update comes at once."""
        self._event(shop_id).subscribe(receive)
        if shop_id in self.latest:
            receive(self.latest[shop_id])

    @property
    def subscribers(self) -> int:
        return sum(len(event.callbacks) for event in self._events.values())

    def track_page(self, shop_id: str, who: str, page: str) -> None:
        """Call inside a page: it is listed (who, which page, since when) until its client goes away."""
        client = ui.context.client
        self.pages[client.id] = OpenPage(shop_id, who, page, time.time())
        client.on_delete(lambda: self._close(client.id))

    def _close(self, client_id: str) -> None:
        self.pages.pop(client_id, None)
        self.closed += 1

    def pages_per_shop(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for page in self.pages.values():
            counts[page.shop_id] = counts.get(page.shop_id, 0) + 1
        return counts

    def subscribe_user(self, user_id: str, callback: Callable[[], object]) -> None:
        """Call inside a page: told when another page of the same user changed what they have read."""
        self._users.setdefault(user_id, Event()).subscribe(callback)

    def tell_user(self, user_id: str) -> None:
        if user_id in self._users:
            self._users[user_id].emit()
