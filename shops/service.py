"""The running shops: one engine each, started from the store, restarted when they change, stopped alone when they fail.

`Shops` is what the pages (ui/) and the HTTP API (api/) are given: the store, the engines, the live fan-out, the
coach and the knowledge base, the what-if plans running (plans.py), the watches that end what a revoked token or an
ended session opened. main.py makes one and opens it at start.

At start the shops are only listed (`open`): pages are served at once, and `catch_up` then starts the shops one at a
time in the background, the ones someone waits for first (start_order.py). Until its engine is made, a shop's pages
say it is catching up (`catching_up`), and its live events posted meanwhile are stored, to be applied as it starts.
"""
import asyncio
import base64
import hmac
import logging
import secrets
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from nicegui import run

from coach import Coach
from engine import Event, ShopEngine, ShopProfile, SimClock, Snapshot, demo_profile
from engine.alerts import AlertSettings, Notification
from engine.clock import Clock
from engine.events import event_from_dict
from engine.loop import EngineLoop
from engine.shop import EngineFailed, EventRejected
from knowledge import KnowledgeBase
from settings import Settings
from store.accounts import has_owner, standings
from store.db import Database
from store.events import delete_events, load_events
from store.models import Shop
from store.notifications import add_notification
from store.shops import all_shops, get_shop
from store.supabase_auth import SupabaseAuth
from store.tokens import active_tokens

from . import alert_settings, states
from .live import CatchingUp, LiveShops
from .placement import Placement
from .plans import Plans
from .sign_ins import Tickets
from .start_order import StartOrder
from .states import Keeper
from .watch import Watch

log = logging.getLogger(__name__)


@dataclass
class Shops:
    settings: Settings
    demo_clock: SimClock  # shared by every demo shop, so the speed control moves them together
    live: LiveShops = field(default_factory=LiveShops)
    engines: dict[str, ShopEngine] = field(default_factory=dict)  # started shops only: the engine loop runs these
    listed: dict[str, Shop] = field(default_factory=dict)  # listed at start, not started yet (catch_up starts them)
    order: StartOrder = field(default_factory=StartOrder)  # which listed shop starts next
    real_clock: SimClock = field(default_factory=SimClock)
    knowledge: KnowledgeBase | None = None  # built in the background; the app is usable meanwhile
    coach: Coach | None = None  # each tab's chat asks it
    db: Database | None = None  # opened by open()
    supabase: SupabaseAuth | None = None
    started: asyncio.Event = field(default_factory=asyncio.Event)  # set once open() listed the shops, whatever happened
    startup_error: str = ''  # a sentence for the person at the browser when the store could not be opened
    setup_code: str = ''  # while there is no owner: what /setup asks for when others can reach it
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)  # per shop: storing+applying vs. rebuilding
    alert_settings: dict[str, AlertSettings] = field(default_factory=dict)  # per shop, as saved in its settings
    loop: EngineLoop | None = None  # the one loop that drives every engine; made by main.py
    sign_ins: Tickets = field(default_factory=Tickets)
    token_watch: Watch = field(init=False)  # by (kind, token hash): open kiosks and /metrics/stream; state: shop id
    session_watch: Watch = field(init=False)  # by user id: open pages of signed-in people; state: store's Standing
    plans: Plans = field(init=False)  # what-ifs running in worker processes; close() ends them (the app's shutdown)
    states: Keeper = field(init=False)  # saves each engine's state to load at the next start (shops/states.py)
    placement: Placement | None = None  # in a cluster (cluster/): which shops this worker runs; None: every shop
    aside: set[str] = field(default_factory=set)  # shops whose state a thread is reading: the engine loop skips them

    def __post_init__(self) -> None:
        self.plans = Plans(self.engines)
        self.states = Keeper(self.engines, lambda: self.store, self.shop_lock, self.aside)
        self.token_watch = Watch(lambda keys: active_tokens(self.store, keys))
        self.session_watch = Watch(lambda user_ids: standings(self.store, user_ids))
        self.live.fresh = self._snapshot_now

    def _snapshot_now(self, shop_id: str) -> Snapshot | CatchingUp | None:
        """For a page opening on a shop nobody watched: the engine loop has not snapshotted it meanwhile. Should the
        snapshot fail (or the shop's state be being saved: states.py), the page opens on the one before, and the loop's
        next tick (the shop watched now) says so. A shop not started yet says how far the start is, and is started
        before those nobody waits for."""
        engine = self.engines.get(shop_id)
        if engine is None:
            return self.catching_up(shop_id)
        if engine.failure is not None or shop_id in self.aside:
            return None
        try:
            return engine.snapshot()
        except Exception:
            log.exception('shop %s: its snapshot failed', shop_id)
            return None

    def runs(self, shop_id: str) -> bool:
        """Whether this process runs the shop's engine: always, but in a cluster (see placement.py)."""
        return self.placement is None or self.placement.owns(shop_id)

    @property
    def store(self) -> Database:
        assert self.db is not None, 'the store opens on startup'
        return self.db

    async def open(self) -> None:
        """Open the store and list the shops: catch_up starts them. `started` is set whatever happens (requests wait
        for it)."""
        try:
            try:
                self.db = await Database.open(self.settings.sqlalchemy_url)
            except Exception as error:
                log.exception('the store could not be opened')
                self.startup_error = (f'Chairside could not open its database ({type(error).__name__}). Check '
                                      'CHAIRSIDE_DATABASE_URL and that the database server is running, then restart.')
                return
            self.supabase = SupabaseAuth.from_settings(self.db, self.settings)
            if not await has_owner(self.store):
                self._announce_setup_code()
            self.listed = {shop.id: shop for shop in await all_shops(self.store) if self.runs(shop.id)}
            self.order = StartOrder(self.listed)
        finally:
            self.started.set()

    def catching_up(self, shop_id: str) -> CatchingUp | None:
        """None once the shop is started (or unknown); else how far the start is. Asking says someone waits for the
        shop: it starts before those nobody waits for."""
        if shop_id not in self.listed:
            return None
        self.order.want(shop_id)
        return self._progress()

    def profile(self, shop_id: str) -> ShopProfile | None:
        """The shop's profile, started or still catching up; None for a shop not run here."""
        engine = self.engines.get(shop_id)
        if engine is not None:
            return engine.profile
        shop = self.listed.get(shop_id)
        return None if shop is None else ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)

    def clock(self, shop_id: str) -> Clock:
        """The clock the shop runs on, started or still catching up: the demo shops' shared one, or real time."""
        engine = self.engines.get(shop_id)
        if engine is not None:
            return engine.clock
        shop = self.listed.get(shop_id)
        return self.demo_clock if shop is not None and shop.mode == 'demo' else self.real_clock

    def _progress(self) -> CatchingUp:
        return CatchingUp(len(self.engines), len(self.engines) + len(self.listed))

    async def catch_up(self, exiting: Callable[[], bool]) -> None:
        """Start the listed shops one by one, the event loop answering pages between them (each replay is made in a
        thread: see make_engine). Held (settings.catch_up_held), a test starts them itself with start_next."""
        if self.settings.catch_up_held:
            return
        started = time.perf_counter()
        while not exiting() and await self.start_next() is not None:
            pass
        if not self.listed:
            log.info('every shop ready (%d) after %.1f s', len(self.engines), time.perf_counter() - started)

    async def start_next(self) -> str | None:
        """Starts the shop that is next in the order; its id, or None when none is left."""
        shop_id = self.order.next()
        if shop_id is None:
            return None
        await self.open_shop(self.listed[shop_id])
        self._tell_waiting()
        return shop_id

    async def open_shop(self, shop: Shop) -> None:
        """One shop's start: its stored state loaded, else its history replayed (in a thread: the event loop answers
        pages meanwhile). A shop that cannot start stops alone and says why."""
        before = self.engines.get(shop.id)
        try:
            self.alert_settings[shop.id] = await alert_settings.load(self.store, shop.id)
            async with self.shop_lock(shop.id):  # a live shop's events posted meanwhile are stored before it reads
                loaded = await states.restore(self.store, shop, lambda: self.new_engine(shop),
                                              self.settings.sim_history_days * 86400.0)  # None: replay the history
                history = stored_events(shop.id, await load_events(self.store, shop.id)) \
                    if shop.mode == 'live' and loaded is None else ()
                engine = await run.io_bound(self.make_engine, shop, history, loaded)  # pages answered meanwhile
                if engine is not None and self.engines.get(shop.id) is before:  # None: shutting down; else restarted
                    self._install(shop, engine)
                    if loaded is not None:
                        self.states.loaded(shop.id, engine)
        except (EventRejected, EngineFailed) as error:
            self._rejected(shop, error)
        except Exception as error:
            log.exception('shop %s could not be started', shop.id)
            self.stop_shop(shop, f'Figures stopped: the shop could not be started ({type(error).__name__}); see the '
                                 'server log')

    def _tell_waiting(self) -> None:
        """The pages of shops still catching up learn how far the start is (only those open: the others ask)."""
        for shop_id in self.order.wanted():
            if self.live.watched(shop_id):
                self.live.report_failure(shop_id, self._progress())

    def _announce_setup_code(self) -> None:
        """At a start with no owner yet: the code that /setup asks for when others can reach it, in the log."""
        self.setup_code = self._shared_setup_code() if self.settings.cluster else secrets.token_urlsafe(16)
        host = 'localhost' if self.settings.host in ('0.0.0.0', '::', '') else self.settings.host
        log.warning('No owner yet. Set-up code: %s (asked for unless Chairside is on a loopback address and reached '
                    'directly). Open http://%s:%d/setup?code=%s to create the owner account.', self.setup_code, host,
                    self.settings.port, self.setup_code)

    def _shared_setup_code(self) -> str:
        """In a cluster the set-up page may open on any worker: every worker prints the same code, derived from the
        storage secret they share (README, "Running several workers")."""
        secret = self.settings.storage_secret.get_secret_value().encode()  # a cluster needs it (settings.py)
        digest = hmac.digest(secret, b'chairside set-up code', 'sha256')[:16]
        return base64.urlsafe_b64encode(digest).decode().rstrip('=')

    def add_shop(self, shop: Shop) -> None:
        """A shop just created starts here; in a cluster, on the worker that takes its lease at its next round (a
        worker that ran it without the lease would run a second engine of it, and save that one's state)."""
        if self.runs(shop.id):
            self.start_shop(shop)

    def start_shop(self, shop: Shop, history: Sequence[Event] = ()) -> ShopEngine:
        """The shop's engine; a demo shop replays its simulated history at once, a live shop the `history` given
        (its stored events: see load_live_events), else it waits for events. A history that cannot be applied stops
        this shop alone (stop_shop), never the caller."""
        try:
            return self._install(shop, self.make_engine(shop, history))
        except (EventRejected, EngineFailed) as error:
            return self._rejected(shop, error)

    def _rejected(self, shop: Shop, error: EventRejected | EngineFailed) -> ShopEngine:
        log.error('shop %s: its stored events cannot be applied: %s', shop.id, error, exc_info=error)
        return self.stop_shop(shop, f'Figures stopped: the stored event "{error.event.id}" ({error.event.kind}) '
                                    'cannot be applied; see the server log')

    def new_engine(self, shop: Shop) -> ShopEngine:
        """The shop's engine before any event: a demo shop's with its simulation, from sim_history_days ago."""
        profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        if shop.mode == 'demo':
            seed = shop.profile.get('seed', self.settings.sim_seed ^ zlib.crc32(shop.id.encode()))  # kept
            return ShopEngine.simulated(profile, self.demo_clock, seed, self.settings.sim_history_days)
        return ShopEngine(profile, self.real_clock)

    def make_engine(self, shop: Shop, history: Sequence[Event] = (), loaded: ShopEngine | None = None) -> ShopEngine:
        """The shop's engine with its history in (`loaded`: from its stored state, shops/states.py): the long part of
        a start (a replay, or a demo shop's days since its state was saved). Nothing else sees the engine until it is
        installed, so this may run in a thread while the event loop drives the other shops."""
        engine = self.new_engine(shop) if loaded is None else loaded
        engine.apply_all(history)
        if shop.id in self.alert_settings:
            engine.alerts.settings = self.alert_settings[shop.id]
        engine.advance()
        return engine

    def _install(self, shop: Shop, engine: ShopEngine) -> ShopEngine:
        """On the event loop: the engine runs from now on, and the shop's pages get its figures."""
        engine.go_live()
        self._unlist(shop.id)
        self.engines[shop.id] = engine
        self.live.publish(engine.snapshot(), fresh=True)
        log.info('shop %s (%s) started in %s mode: %d events', shop.id, shop.name, shop.mode,
                 engine.metrics.events_applied)
        return engine

    def _unlist(self, shop_id: str) -> None:
        self.listed.pop(shop_id, None)
        self.order.remove(shop_id)

    def stop_shop(self, shop: Shop, message: str) -> ShopEngine:
        """The shop stops alone and says why: an engine without figures stands in, so that its pages open with the
        message (and its API answers 503 with it) while every other shop runs on."""
        try:
            profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        except Exception:  # the profile itself is what failed: the stand-in needs one all the same
            profile = replace(demo_profile('UTC', shop.id), name=shop.name)
        engine = ShopEngine(profile, self.real_clock)
        engine.failure = message
        self._unlist(shop.id)
        self.engines[shop.id] = engine
        self.live.report_failure(shop.id, message)
        return engine

    async def restart_shop(self, shop: Shop) -> ShopEngine:
        """Start the shop's engine anew after its mode or profile changed: a live shop comes back with its events."""
        if shop.mode == 'live':
            await self.load_live_events(shop.id)
            return self.engines[shop.id]
        return self.start_shop(shop)

    async def load_live_events(self, shop_id: str) -> int:
        """(Re)start a live shop's engine from every event in the store; the new engine replaces the old one at once.

        Call after start_shop for a live shop, and after anything wrote to the store behind the engine's back
        (a CSV import). Answers how many events the engine holds; 0 for a demo shop, which is left alone.
        """
        async with self.shop_lock(shop_id):
            return await self._reload(shop_id)

    async def drop_batch(self, shop_id: str, ids: Iterable[str]) -> None:
        """A batch whose applying failed half-way (a bug the checks missed): its new events leave the store and the
        engine starts again from what was there before it, so the batch counts wholly or not at all. Call with the
        shop's lock held."""
        await delete_events(self.store, shop_id, ids)
        await self._reload(shop_id)

    async def _reload(self, shop_id: str) -> int:
        shop = await get_shop(self.store, shop_id)
        if shop is None or shop.mode != 'live':
            return 0
        stored = await load_events(self.store, shop_id)
        return self.start_shop(shop, stored_events(shop_id, stored)).metrics.events_applied

    def shop_lock(self, shop_id: str) -> asyncio.Lock:
        """Held while events are stored and applied, and while an engine is rebuilt from the store, so that no
        event is applied twice (or missed) when the two meet."""
        return self.locks.setdefault(shop_id, asyncio.Lock())

    async def keep_notifications(self, shop_id: str, notifications: Iterable[Notification]) -> None:
        """Stored for every person of the shop, each with their own read state; storing one twice changes nothing."""
        for n in notifications:
            await add_notification(self.store, shop_id, n.kind, n.title, n.body, priority=n.priority, action=n.action,
                                   at=n.at, key=n.id)

    async def set_alert_settings(self, shop_id: str, settings: AlertSettings) -> None:
        """Saved for the shop and applied to its engine at once."""
        await alert_settings.save(self.store, shop_id, settings)
        self.alert_settings[shop_id] = settings
        if shop_id in self.engines:
            self.engines[shop_id].alerts.settings = settings


def stored_events(shop_id: str, stored: list[dict]) -> list[Event]:
    """The stored events the engine understands; one it cannot read is logged and left out, not fatal."""
    events = []
    for data in stored:
        try:
            events.append(event_from_dict(data))
        except (KeyError, TypeError):
            log.warning('shop %s: stored event %s (%s) cannot be read and is left out', shop_id, data.get('id'),
                        data.get('kind'))
    return events
