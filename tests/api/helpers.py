"""An owner with a live shop and an API token, made through the store and the context as the settings card does."""
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import app
from nicegui.testing import User
from sqlalchemy import select

from engine import SimClock, demo_profile
from store.models import Membership
from store.shops import get_shop, update_shop
from store.staff import create_shop
from store.tokens import create_token
from tests.ui.helpers import sign_up_owner

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=ZoneInfo('Europe/London')).timestamp()  # a Tuesday afternoon, open


@dataclass
class Shop:
    id: str
    token: str
    monitor: str = ''  # a monitoring token, for /api/health's details

    @property
    def url(self) -> str:
        return f'/api/shops/{self.id}'

    @property
    def headers(self) -> dict[str, str]:
        return {'Authorization': f'Bearer {self.token}'}


async def live_shop(user: User) -> Shop:
    await sign_up_owner(user)
    shops = app.state.shops
    shops.real_clock = SimClock(start=NOW)  # live shops' clock: real time, from a known instant
    (shop_id,) = shops.engines
    await switch_mode(shop_id, 'live')
    _, token = await create_token(shops.store, shop_id, 'api', 'Till')
    return Shop(shop_id, token)


async def another_live_shop(first: Shop) -> Shop:
    """A second shop of the same owner, live, with its own token."""
    shops = app.state.shops
    async with shops.store.session() as session:
        owner_id = await session.scalar(select(Membership.user_id).where(Membership.shop_id == first.id))
    shop = await create_shop(shops.store, owner_id, 'Second Shop', 'Europe/London', demo_profile().to_dict(),
                             mode='live')
    await shops.restart_shop(shop)
    _, token = await create_token(shops.store, shop.id, 'api', 'Till')
    return Shop(shop.id, token)


async def switch_mode(shop_id: str, mode: str) -> None:
    shops = app.state.shops
    await update_shop(shops.store, shop_id, mode=mode)
    await shops.restart_shop(await get_shop(shops.store, shop_id))


def visit(n: int, at: float | None = None, price: float = 35.0, barber: str = 'Marco') -> list[dict]:
    """The events of one walk-in haircut, ids unique per n; by default it ended a little before NOW."""
    start = (at or NOW - 7200) + n
    return [
        {'kind': 'CheckedIn', 'id': f'v{n}-in', 'at': start, 'customer': f'c{n}', 'name': f'Guest {n}',
         'walk_in': True},
        {'kind': 'ServiceStarted', 'id': f'v{n}-start', 'at': start + 60, 'customer': f'c{n}', 'barber': barber,
         'service': 'Haircut'},
        {'kind': 'ServiceCompleted', 'id': f'v{n}-done', 'at': start + 1860, 'customer': f'c{n}', 'barber': barber,
         'service': 'Haircut', 'price': price, 'tip': 5.0, 'retail': 0.0},
    ]
