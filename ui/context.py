"""What every page needs from the composition root: settings, the store, and one engine per shop."""
import asyncio
import logging
import zlib
from dataclasses import dataclass, field

from engine import ShopEngine, ShopProfile, SimClock
from knowledge import KnowledgeBase
from settings import Settings
from store.db import Database
from store.models import Shop
from store.supabase_auth import SupabaseAuth

from .live import LiveShops

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
    db: Database | None = None  # opened on startup
    supabase: SupabaseAuth | None = None
    started: asyncio.Event = field(default_factory=asyncio.Event)  # set once the store is open, or failed to open
    startup_error: str = ''  # a sentence for the person at the browser when the store could not be opened

    @property
    def store(self) -> Database:
        assert self.db is not None, 'the store opens on startup'
        return self.db

    def start_shop(self, shop: Shop) -> ShopEngine:
        """The shop's engine; a demo shop replays its simulated history at once, a live shop waits for events."""
        profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        if shop.mode == 'demo':
            seed = self.settings.sim_seed ^ zlib.crc32(shop.id.encode())  # the same shop, the same history
            engine = ShopEngine.simulated(profile, self.demo_clock, seed, self.settings.sim_history_days)
        else:
            engine = ShopEngine(profile, self.real_clock)
        engine.advance()
        self.engines[shop.id] = engine
        self.live.publish(engine.snapshot())
        log.info('shop %s (%s) started in %s mode: %d events', shop.id, shop.name, shop.mode,
                 engine.metrics.events_applied)
        return engine
