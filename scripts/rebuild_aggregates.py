"""Rebuild a live shop's stored analytics (its per-day aggregates) from its stored event log, e.g. after the
definitions of the figures changed (engine/analytics/codec.py DEFINITIONS) or history was imported.

    .venv/bin/python scripts/rebuild_aggregates.py [--shop SHOP_ID]

Without --shop it rebuilds every live shop. A demo shop's history is not stored (the simulation makes it), so there
is nothing to rebuild it from: it is skipped. It reads the same settings as the app (CHAIRSIDE_DATABASE_URL,
CHAIRSIDE_DATA_DIR). Exit status: 0 done, 2 a shop, the database or an event could not be read.
"""
import argparse
import asyncio
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

sys.path.insert(0, str(Path(__file__).parents[1]))

from engine import ShopProfile  # noqa: E402
from engine.analytics import Analytics, codec  # noqa: E402
from engine.events import event_from_dict  # noqa: E402
from settings import Settings  # noqa: E402
from store.aggregates import replace_aggregates  # noqa: E402
from store.db import Database  # noqa: E402
from store.events import load_events  # noqa: E402
from store.models import Shop  # noqa: E402
from store.shops import all_shops  # noqa: E402


class Refused(Exception):
    """Nothing was rebuilt; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Rebuilt:
    shop: str
    events: int
    days: int
    size: int  # bytes stored


async def rebuild(db: Database, shop: Shop) -> Rebuilt:
    """The shop's aggregates from every stored event, in time order, replacing what was stored."""
    profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
    analytics = Analytics(profile)
    for data in await load_events(db, shop.id):
        try:
            analytics.apply(event_from_dict(data))
        except (KeyError, TypeError) as error:
            raise Refused(f'{shop.name}: stored event {data.get("id")} ({data.get("kind")}) cannot be read '
                          f'({error!r}); nothing was rebuilt.') from None
    dumped = codec.dump(analytics)
    await replace_aggregates(db, shop.id, dumped.definitions, dumped.state, dumped.days)
    return Rebuilt(shop.id, analytics.events_applied, len(dumped.days),
                   len(dumped.state) + sum(map(len, dumped.days.values())))


async def run(shop_id: str | None) -> list[Rebuilt]:
    db = await Database.open(Settings().sqlalchemy_url)
    try:
        shops = await all_shops(db)
        if shop_id is not None:
            shops = [shop for shop in shops if shop.id == shop_id]
            if not shops:
                raise Refused(f'No shop has the id {shop_id}.')
        done = []
        for shop in shops:
            if shop.mode != 'live':
                print(f'{shop.name} ({shop.id}): a demo shop, skipped (its history comes from the simulation)')
                continue
            started = time.perf_counter()
            done.append(rebuilt := await rebuild(db, shop))
            print(f'{shop.name} ({shop.id}): {rebuilt.events:,} events, {rebuilt.days:,} days, '
                  f'{rebuilt.size / 1024:,.0f} KB in {time.perf_counter() - started:.1f} s')
        return done
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--shop', help="the shop's id (default: every live shop)")
    args = parser.parse_args()
    try:
        asyncio.run(run(args.shop))
    except (Refused, OSError, SQLAlchemyError) as error:
        print(error, file=sys.stderr)
        sys.exit(2)


if __name__ == '__main__':
    main()
