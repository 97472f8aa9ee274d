"""What every page needs from the composition root: settings, the store, and one engine per shop."""
import asyncio
import logging
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from coach import Coach
from engine import Event, ShopEngine, ShopProfile, SimClock, demo_profile
from engine.alerts import AlertSettings, Notification
from engine.events import event_from_dict
from engine.loop import EngineLoop
from engine.shop import EngineFailed, EventRejected
from knowledge import KnowledgeBase
from settings import Settings
from store.accounts import standings
from store.db import Database
from store.events import delete_events, load_events
from store.models import Shop
from store.notifications import add_notification
from store.shops import get_shop
from store.supabase_auth import SupabaseAuth
from store.tokens import active_tokens

from .live import LiveShops
from .sign_in import Tickets
from .watch import Watch

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    settings: Settings
    demo_clock: SimClock  # shared by every demo shop, so the speed control moves them together
    live: LiveShops
    engines: dict[str, ShopEngine] = field(default_factory=dict)
    real_clock: SimClock = field(default_factory=SimClock)
    knowledge: KnowledgeBase | None = None  # built in the background; the app is usable meanwhile
    knowledge_task: asyncio.Task | None = None
    coach: Coach | None = None  # made once in main.py; each tab's chat asks it
    db: Database | None = None  # opened on startup
    supabase: SupabaseAuth | None = None
    opening: bool = False
    started: asyncio.Event = field(default_factory=asyncio.Event)  # set once the store is open, or failed to open
    startup_error: str = ''  # a sentence for the person at the browser when the store could not be opened
    setup_code: str = ''  # while there is no owner: what /setup asks for when others can reach it (ui/pages/setup.py)
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)  # per shop: storing+applying vs. rebuilding
    alert_settings: dict[str, AlertSettings] = field(default_factory=dict)  # per shop, as saved in its settings
    loop: EngineLoop | None = None  # the one loop that drives every engine; set by main.py
    sign_ins: Tickets = field(default_factory=Tickets)
    token_watch: Watch = field(init=False)  # by (kind, token hash): open kiosks and /metrics/stream; state: shop id
    session_watch: Watch = field(init=False)  # by user id: open pages of signed-in people; state: store's Standing

    def __post_init__(self) -> None:
        self.token_watch = Watch(lambda keys: active_tokens(self.store, keys))
        self.session_watch = Watch(lambda user_ids: standings(self.store, user_ids))

    @property
    def store(self) -> Database:
        assert self.db is not None, 'the store opens on startup'
        return self.db

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
        self.live.publish(engine.snapshot())
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

    async def keep_notifications(self, shop_id: str, notifications: Iterable[Notification]) -> None:
        """Stored for every person of the shop, each with their own read state; storing one twice changes nothing."""
        for n in notifications:
            await add_notification(self.store, shop_id, n.kind, n.title, n.body, priority=n.priority, action=n.action,
                                   at=n.at, key=n.id)

    def shop_lock(self, shop_id: str) -> asyncio.Lock:
        """Held while events are stored and applied, and while an engine is rebuilt from the store, so that no
        event is applied twice (or missed) when the two meet."""
        return self.locks.setdefault(shop_id, asyncio.Lock())

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

    async def restart_shop(self, shop: Shop) -> ShopEngine:
        """Start the shop's engine anew after its mode or profile changed: a live shop comes back with its events."""
        if shop.mode == 'live':
            await self.load_live_events(shop.id)
            return self.engines[shop.id]
        return self.start_shop(shop)


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
