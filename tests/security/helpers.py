"""Data folders made through the store before the app starts as a real process (tests/e2e's App)."""
import asyncio
from pathlib import Path

from engine import demo_profile
from store.accounts import create_owner
from store.db import Database
from store.events import append_events
from store.staff import create_shop
from store.tokens import create_token
from tests.api.helpers import Shop


def poison(at: float) -> dict:
    """A booking for the year 33658, as stored (all fields): applying it raised ValueError deep in a figure."""
    return {'kind': 'Booked', 'id': 'poison', 'at': at, 'customer': 'p', 'name': 'Pat', 'service': 'Haircut',
            'barber': None, 'appointment_at': 1e12}


def two_live_shops(data_dir: Path, *stored: dict) -> tuple[Shop, Shop]:
    """An owner's two live shops, each with an API token and a monitoring token (for /api/health's details);
    `stored` events go into the first behind the API's back."""
    async def make() -> tuple[Shop, Shop]:
        db = await Database.open(f'sqlite+aiosqlite:///{(data_dir / "chairside.db").resolve()}')
        try:
            profile = demo_profile('Europe/London').to_dict()
            account = await create_owner(db, 'owner@example.com', 'a long owner password', 'First Cuts',
                                         'Europe/London', profile, mode='live')
            second = await create_shop(db, account.user_id, 'Second Cuts', 'Europe/London', profile, mode='live')
            shop_ids = [account.shops[0].shop_id, second.id]
            await append_events(db, shop_ids[0], list(stored))
            first, other = [Shop(shop_id, (await create_token(db, shop_id, 'api', 'Till'))[1],
                                 (await create_token(db, shop_id, 'monitor', 'Uptime'))[1]) for shop_id in shop_ids]
            return first, other
        finally:
            await db.close()
    return asyncio.run(make())
