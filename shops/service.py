"""The running shops: one engine each, started from the store, restarted when they change, stopped alone when they fail.

`Shops` is what the pages (ui/) and the HTTP API (api/) are given: the store, the engines, the live fan-out, the
coach and the knowledge base, the what-if plans running (plans.py), the watches that end what a revoked token or an
ended session opened. main.py makes one and opens it at start.
"""
import asyncio
import logging
import secrets
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from coach import Coach
from engine import Event, ShopEngine, ShopProfile, SimClock, Snapshot, demo_profile
from engine.alerts import AlertSettings, Notification
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

from . import alert_settings
from .live import LiveShops
from .placement import Placement
from .plans import Plans
from .sign_ins import Tickets
from .watch import Watch

log = logging.getLogger(__name__)


@dataclass
class Shops:
    settings: Settings
    demo_clock: SimClock  # shared by every demo shop, so the speed control moves them together
    live: LiveShops = field(default_factory=LiveShops)
    engines: dict[str, ShopEngine] = field(default_factory=dict)
    real_clock: SimClock = field(default_factory=SimClock)
    knowledge: KnowledgeBase | None = None  # built in the background; the app is usable meanwhile
    coach: Coach | None = None  # each tab's chat asks it
    db: Database | None = None  # opened by open()
    supabase: SupabaseAuth | None = None
    started: asyncio.Event = field(default_factory=asyncio.Event)  # set once open() has finished, whatever happened
    startup_error: str = ''  # a sentence for the person at the browser when the store could not be opened
    setup_code: str = ''  # while there is no owner: what /setup asks for when others can reach it
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)  # per shop: storing+applying vs. rebuilding
    alert_settings: dict[str, AlertSettings] = field(default_factory=dict)  # per shop, as saved in its settings
    loop: EngineLoop | None = None  # the one loop that drives every engine; made by main.py
    sign_ins: Tickets = field(default_factory=Tickets)
    token_watch: Watch = field(init=False)  # by (kind, token hash): open kiosks and /metrics/stream; state: shop id
    session_watch: Watch = field(init=False)  # by user id: open pages of signed-in people; state: store's Standing
    plans: Plans = field(init=False)  # what-ifs running in worker processes; close() ends them (the app's shutdown)
    placement: Placement | None = None  # in a cluster (cluster/): which shops this worker runs; None: every shop

    def __post_init__(self) -> None:
        self.plans = Plans(self.engines)
        self.token_watch = Watch(lambda keys: active_tokens(self.store, keys))
        self.session_watch = Watch(lambda user_ids: standings(self.store, user_ids))
        self.live.fresh = self._snapshot_now

    def _snapshot_now(self, shop_id: str) -> Snapshot | None:
        """For a page opening on a shop nobody watched: the engine loop has not snapshotted it meanwhile. Should the
        snapshot fail, the page opens on the one before, and the loop's next tick (the shop watched now) says so."""
        engine = self.engines.get(shop_id)
        if engine is None or engine.failure is not None:
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

    async def open(self, exiting: Callable[[], bool]) -> None:
        """Open the store and start every shop; one that cannot start stops alone and says why. `started` is set
        whatever happens (requests wait for it); `exiting()` says a shutdown was asked for: the start ends early."""
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
            for shop in await all_shops(self.store):
                if exiting():
                    return
                await self._open_shop(shop)
        finally:
            self.started.set()

    async def _open_shop(self, shop: Shop) -> None:
        if not self.runs(shop.id):
            return  # another worker runs it; this one starts it when it gains its lease (cluster/worker.py)
        try:
            self.alert_settings[shop.id] = await alert_settings.load(self.store, shop.id)
            self.start_shop(shop)
            if shop.mode == 'live':
                await self.load_live_events(shop.id)  # before `started`: the API answers only once the events are in
        except Exception as error:
            log.exception('shop %s could not be started', shop.id)
            self.stop_shop(shop, f'Figures stopped: the shop could not be started ({type(error).__name__}); see the '
                                 'server log')

    def _announce_setup_code(self) -> None:
        """At a start with no owner yet: the code that /setup asks for when others can reach it, in the log."""
        self.setup_code = secrets.token_urlsafe(16)
        host = 'localhost' if self.settings.host in ('0.0.0.0', '::', '') else self.settings.host
        log.warning('No owner yet. Set-up code: %s (asked for unless Chairside is on a loopback address and reached '
                    'directly). Open http://%s:%d/setup?code=%s to create the owner account.', self.setup_code, host,
                    self.settings.port, self.setup_code)

    def start_shop(self, shop: Shop, history: Sequence[Event] = ()) -> ShopEngine:
        """The shop's engine; a demo shop replays its simulated history at once, a live shop the `history` given
        (its stored events: see load_live_events), else it waits for events. A history that cannot be applied stops
        this shop alone (stop_shop), never the caller."""
        profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        if shop.mode == 'demo':
            seed = shop.profile.get('seed', self.settings.sim_seed ^ zlib.crc32(shop.id.encode()))  # kept
            engine = ShopEngine.simulated(profile, self.demo_clock, seed, self.settings.sim_history_days)
        else:
            engine = ShopEngine(profile, self.real_clock)
            try:
                engine.apply_all(history)
            except (EventRejected, EngineFailed) as error:
                log.error('shop %s: its stored events cannot be applied: %s', shop.id, error, exc_info=error)
                return self.stop_shop(shop, f'Figures stopped: the stored event "{error.event.id}" '
                                            f'({error.event.kind}) cannot be applied; see the server log')
        if shop.id in self.alert_settings:
            engine.alerts.settings = self.alert_settings[shop.id]
        engine.advance()
        engine.go_live()
        self.engines[shop.id] = engine
        self.live.publish(engine.snapshot(), fresh=True)
        log.info('shop %s (%s) started in %s mode: %d events', shop.id, shop.name, shop.mode,
                 engine.metrics.events_applied)
        return engine

    def stop_shop(self, shop: Shop, message: str) -> ShopEngine:
        """The shop stops alone and says why: an engine without figures stands in, so that its pages open with the
        message (and its API answers 503 with it) while every other shop runs on."""
        try:
            profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        except Exception:  # the profile itself is what failed: the stand-in needs one all the same
            profile = replace(demo_profile('UTC', shop.id), name=shop.name)
        engine = ShopEngine(profile, self.real_clock)
        engine.failure = message
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
        return self.start_shop(shop, _events(shop_id, stored)).metrics.events_applied

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


def _events(shop_id: str, stored: list[dict]) -> list[Event]:
    """The stored events the engine understands; one it cannot read is logged and left out, not fatal."""
    events = []
    for data in stored:
        try:
            events.append(event_from_dict(data))
        except (KeyError, TypeError):
            log.warning('shop %s: stored event %s (%s) cannot be read and is left out', shop_id, data.get('id'),
                        data.get('kind'))
    return events
