"""python -m coach ask "QUESTION" [--shop ID] [--at ISO_TIME] [--provider NAME] [--json]

Prints the answer; --json prints it with the tool calls behind it (arguments and results) and the sources. With no
--shop: the only shop of the configured database when there is one, else the demo shop (coach/cli.py). The offline
coach answers unless a provider is configured (--provider offline to insist on it).

This file is the one of coach/ that may open the store (tests/unit/test_layers.py says so): a shop of the database is
loaded here, lazily, so that the rest of coach/ never imports store/.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import zlib
from pathlib import Path
from typing import Any

from engine import ShopEngine, ShopProfile, SimClock
from engine.events import event_from_dict

from .cli import ask, instant


async def load_shop(settings: Any, shop_id: str | None, at: str | None) -> ShopEngine:
    """The shop as it stood at `at` (default now): a demo shop replayed with the seed the app gives it, a live shop
    from its stored events up to then. No shop id: the database's only shop. LookupError with a sentence otherwise."""
    from store.db import Database
    from store.events import load_events
    from store.shops import all_shops, get_shop
    db = await Database.open(settings.sqlalchemy_url, migrate=False)
    try:
        if shop_id is None:
            shops = await all_shops(db)
            if len(shops) != 1:
                names = ', '.join(f'{s.id} ({s.name})' for s in shops) or 'none'
                raise LookupError(f'Name a shop with --shop: the database has {len(shops)} shops ({names}).')
            shop = shops[0]
        else:
            shop = await get_shop(db, shop_id)
            if shop is None:
                raise LookupError(f'No shop {shop_id!r} in the database: check the id (Settings > Shops).')
        profile = ShopProfile.from_dict(shop.id, shop.name, shop.timezone, shop.profile)
        moment = instant(at, shop.timezone)
        clock = SimClock(start=moment, speed=0)
        if shop.mode == 'demo':
            seed = shop.profile.get('seed', settings.sim_seed ^ zlib.crc32(shop.id.encode()))  # as the app seeds it
            engine = ShopEngine.simulated(profile, clock, seed, settings.sim_history_days)
        else:
            engine = ShopEngine(profile, clock)
            stored = await load_events(db, shop.id)
            engine.apply_all([event_from_dict(e) for e in stored if e['at'] <= moment])
        engine.advance()
        engine.go_live()
        return engine
    finally:
        await db.close()


def _has_database(settings: Any) -> bool:
    return bool(settings.database_url) or Path(settings.data_dir, 'chairside.db').exists()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m coach', description='Ask the coach about a shop.')
    commands = parser.add_subparsers(dest='command', required=True)
    asking = commands.add_parser('ask', help='ask one question and print the answer')
    asking.add_argument('question')
    asking.add_argument('--shop', help="a shop's id in the configured database (default: its only shop, else the demo)")
    asking.add_argument('--at', help="the shop's time to answer at, ISO 8601 (default: now)")
    asking.add_argument('--provider', default='auto',
                        help='offline, openai, anthropic, gemini, or auto: the configured ones, then offline')
    asking.add_argument('--json', action='store_true', help='print the tool calls and the sources too, as JSON')
    args = parser.parse_args(argv)
    from settings import Settings
    settings = Settings()
    try:
        engine = None
        if args.shop is not None or _has_database(settings):
            engine = asyncio.run(load_shop(settings, args.shop, args.at))
        answer = ask(args.question, at=args.at, provider=args.provider, knowledge=None, engine=engine)
    except (LookupError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({'question': args.question, 'shop': engine.profile.id if engine else 'demo',
                          **answer.as_dict()}, indent=2, ensure_ascii=False, default=str))
    else:
        print(answer.text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
