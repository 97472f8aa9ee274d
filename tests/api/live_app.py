"""The app as a real process (tests/e2e's App) over a data folder that already holds an owner, a live shop, an API
token and a monitoring token, made through the store before the app starts."""
import asyncio
from pathlib import Path

from engine import demo_profile
from store.accounts import create_owner
from store.db import Database
from store.tokens import create_token
from tests.e2e.conftest import App

from .helpers import Shop


def prepare(data_dir: Path, mode: str = 'live') -> Shop:
    async def make() -> Shop:
        db = await Database.open(f'sqlite+aiosqlite:///{(data_dir / "chairside.db").resolve()}')
        try:
            account = await create_owner(db, 'owner@example.com', 'a long owner password', 'Live Cuts',
                                         'Europe/London', demo_profile('Europe/London').to_dict(), mode=mode)
            shop_id = account.shops[0].shop_id
            _, token = await create_token(db, shop_id, 'api', 'Till')
            _, monitor = await create_token(db, shop_id, 'monitor', 'Bench')
            return Shop(shop_id, token, monitor)
        finally:
            await db.close()
    return asyncio.run(make())


def live_app(data_dir: Path, knowledge_dir: str) -> tuple[App, Shop]:
    """Not started yet: the caller starts (and stops) it."""
    shop = prepare(data_dir)
    return App(data_dir, CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir, CHAIRSIDE_SHOP_TIMEZONE='Europe/London'), shop
