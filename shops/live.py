"""Live fan-out: one NiceGUI Event per shop, and each snapshot put into every view a page kind needs, once.

The engine loop publishes a shop's snapshot; every open page of the shop (a dashboard, the TV, the coach's page) is
subscribed to the shop's Event and receives the same `Published` object. A page asks it for its kind's view
(`published.view('dashboard')`): the first page to ask builds it, from the snapshot and the view before it, with the
builder the composition root registered for that kind; every other page of the shop gets that same view. So a figure
is put into words once per shop and snapshot, however many pages show it.

A shop with no page subscribed is not snapshotted by the engine loop (`watched`), so its latest snapshot grows old:
the first page to subscribe, or anyone asking for `snapshot()` meanwhile, gets a fresh one made at once (`fresh`).
"""
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nicegui import Event, ui

from engine import Snapshot

Builder = Callable[[Snapshot, Any], Any]  # (snapshot, the view of the snapshot before, or None) -> view


class Published:
    """A shop's snapshot with its views, built on first demand. Holds the one before it only until its own views
    are built, so that a page that shows the previous snapshot needs to copy only what changed."""
    __slots__ = ('snapshot', 'previous', '_builders', '_views')

    def __init__(self, snapshot: Snapshot, previous: 'Published | None', builders: dict[str, Builder]) -> None:
        self.snapshot, self.previous, self._builders, self._views = snapshot, previous, builders, {}
        if previous is not None:
            previous.previous = None  # one step back is all a delta needs: no chain of old snapshots

    def view(self, kind: str) -> Any:
        view = self._views.get(kind)
        if view is None:
            before = self.previous._views.get(kind) if self.previous is not None else None
            view = self._views[kind] = self._builders[kind](self.snapshot, before)
        return view


@dataclass(frozen=True, slots=True)
class CatchingUp:
    """A shop listed at start whose engine is not made yet: its figures come once it has caught up on its history."""
    ready: int  # shops started so far
    total: int

    def __str__(self) -> str:
        return (f"Catching up on this shop's history ({self.ready} of {self.total} shops ready): its figures appear "
                'here by themselves in a moment.')


Update = Published | str | CatchingUp  # a snapshot, why the shop's figures have stopped, or that they are coming


@dataclass(frozen=True, slots=True)
class OpenPage:
    shop_id: str
    who: str  # an email, or 'kiosk'
    page: str
    since: float


class LiveShops:
    def __init__(self) -> None:
        self.builders: dict[str, Builder] = {}  # page kind -> its view's builder, registered by main.py
        self._events: dict[str, Event[Update]] = {}
        self._users: dict[str, Event] = {}  # per user: something of theirs changed (e.g. read state)
        self.pages: dict[str, OpenPage] = {}  # by client id
        self.latest: dict[str, Update] = {}  # so a new page shows figures (or why they stopped) at once
        self.closed = 0  # pages closed since the process started
        self.fresh: Callable[[str], Snapshot | CatchingUp | None] = lambda shop_id: None  # now (set by Shops)

    def _event(self, shop_id: str) -> Event[Update]:
        if shop_id not in self._events:
            self._events[shop_id] = Event()
        return self._events[shop_id]

    def publish(self, snapshot: Snapshot, fresh: bool = False) -> None:
        """`fresh`: the first snapshot of a (re)started engine, whose views owe nothing to the old engine's (a forecast
        kept for the minute, say)."""
        before = None if fresh else self.latest.get(snapshot.shop_id)
        published = Published(snapshot, before if isinstance(before, Published) else None, self.builders)
        self.latest[snapshot.shop_id] = published
        self._event(snapshot.shop_id).emit(published)

    def report_failure(self, shop_id: str, message: str | CatchingUp) -> None:
        """Why the shop shows no figures: they stopped (a sentence), or it is catching up on its history."""
        self.latest[shop_id] = message
        self._event(shop_id).emit(message)

    def subscribe(self, shop_id: str, receive: Callable[[Update], None]) -> None:
        """Call inside a page, so NiceGUI unsubscribes when the page goes away; the latest update comes at once (made
        now if nobody watched the shop until then)."""
        if not self.watched(shop_id):
            self._refresh(shop_id)
        self._event(shop_id).subscribe(receive)
        if shop_id in self.latest:
            receive(self.latest[shop_id])

    def snapshot(self, shop_id: str) -> Snapshot | None:
        if not self.watched(shop_id):
            self._refresh(shop_id)
        latest = self.latest.get(shop_id)
        return latest.snapshot if isinstance(latest, Published) else None

    def watched(self, shop_id: str) -> bool:
        """Whether any page is subscribed to the shop: only then does the engine loop snapshot it."""
        event = self._events.get(shop_id)
        return event is not None and bool(event.callbacks)

    def _refresh(self, shop_id: str) -> None:
        """The shop's latest snapshot made now (unless its figures have stopped, or are yet to come: the latest says
        why)."""
        fresh = self.fresh(shop_id)
        if isinstance(fresh, CatchingUp):
            self.latest[shop_id] = fresh
        elif fresh is not None:
            self.publish(fresh)

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
