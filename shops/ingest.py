"""A live shop's own events in: stored first (committed), then applied to its engine, the whole batch or none of it.

The callers (the HTTP API, imports) have checked the events already; should applying a checked batch still fail (a
fault the checks missed), its new events are taken back out of the store and the engine is rebuilt without them, so
the shop runs on with everything it had before. A live shop still catching up on its history at start has its events
stored only: its start reads them with the rest.
"""
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine import ShopEngine, ShopProfile
from engine.events import Event
from engine.shop import EngineFailed
from store.events import insert_new_events
from store.shops import get_shop

from .service import Shops

log = logging.getLogger(__name__)
DEMO = 'This shop runs the demo simulation; switch it to live mode in Settings to send real events.'


class NotTaken(Exception):
    """The shop takes no events now; `status` is the HTTP status that says so (409: a demo shop, 503: try later)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class BatchFailed(Exception):
    """Applying the batch failed at `index` (a fault of Chairside): nothing of it was kept."""

    def __init__(self, index: int, error: Exception) -> None:
        super().__init__(f'{type(error).__name__}: {error}')
        self.index, self.error = index, error


@dataclass(frozen=True, slots=True)
class Ingested:
    accepted: int  # stored now for the first time
    duplicates: int  # already stored (or repeated in the batch): not counted again


def live_engine(shops: Shops, shop_id: str) -> ShopEngine | None:
    """The engine that takes the shop's events; None for a live shop still catching up on its history (its events
    are stored, and applied as it starts); or NotTaken saying why the shop takes none now."""
    engine = shops.engines.get(shop_id)
    if engine is None:
        listed = shops.listed.get(shop_id)
        if listed is None:
            raise NotTaken(503, 'The shop is starting: try again in a few seconds.')
        if listed.mode != 'live':
            raise NotTaken(409, DEMO)
        shops.catching_up(shop_id)  # someone waits for it: it starts before the shops nobody waits for
        return None
    if engine.feed is not None:
        raise NotTaken(409, DEMO)
    if engine.failure is not None:
        raise NotTaken(503, f'{engine.failure}. Events are taken again once the shop runs: send them later.')
    return engine


async def intake(shops: Shops, shop_id: str) -> tuple[ShopProfile, float]:
    """What the shop's events are checked against: the profile and the time now (its engine's). In a cluster, on a
    worker that does not run the shop, its stored profile and the real clock, and NotTaken for a demo shop."""
    if shops.runs(shop_id):
        live_engine(shops, shop_id)  # the shop takes events, or says why not (None: it is catching up, they wait)
        return shops.profile(shop_id), shops.clock(shop_id).now()  # type: ignore[return-value]
    shop = await get_shop(shops.store, shop_id)
    if shop is None:
        raise NotTaken(503, 'The shop is starting: try again in a few seconds.')
    if shop.mode != 'live':
        raise NotTaken(409, DEMO)
    return ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile), shops.real_clock.now()


async def ingest(shops: Shops, shop_id: str, rows: Sequence[dict[str, Any]], events: Sequence[Event]) -> Ingested:
    """`rows` as the store keeps them and `events` as the engine takes them, the same in the same order. In a cluster
    they are stored only: the worker that runs the shop applies them from the store (cluster/relay.py), so a post
    to any worker, or while the shop is between workers, is kept once acknowledged."""
    if shops.placement is not None:
        new_ids = await insert_new_events(shops.store, shop_id, list(rows))
        return Ingested(len(new_ids), len(rows) - len(new_ids))
    async with shops.shop_lock(shop_id):
        engine = live_engine(shops, shop_id)  # the mode may have changed while the caller read the body
        new_ids = await insert_new_events(shops.store, shop_id, list(rows))
        if engine is None:  # the shop's start reads the store after this (it takes the lock): nothing is missed
            return Ingested(len(new_ids), len(rows) - len(new_ids))
        fresh, seen = [], set()
        for event in events:
            if event.id in new_ids and event.id not in seen:
                seen.add(event.id)
                fresh.append(event)
        try:
            engine.apply_all(sorted(fresh, key=lambda event: event.at))
        except EngineFailed as failed:
            log.error('shop %s: a batch could not be applied; taken back from the store', shop_id, exc_info=failed)
            await shops.drop_batch(shop_id, new_ids)
            raise BatchFailed(next(i for i, event in enumerate(events) if event.id == failed.event.id),
                              failed.error) from failed
    return Ingested(len(new_ids), len(rows) - len(new_ids))
