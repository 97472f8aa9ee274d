"""Shops: the tenant. Each shop has a profile (barbers, services, hours, goal) and a mode (demo or live)."""
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .db import Database
from .errors import AccountError, NotFoundError
from .models import Membership, Shop
from .types import new_id

Mode = Literal['demo', 'live']
Role = Literal['owner', 'staff']


def new_shop(session: AsyncSession, name: str, timezone: str, profile: dict[str, Any], mode: Mode = 'demo',
             shop_id: str | None = None) -> Shop:
    """Add a shop to the session after checking what a person typed."""
    name = name.strip()
    if not name:
        raise AccountError('Enter the name of the shop.')
    if len(name) > 200:
        raise AccountError('Choose a shop name of at most 200 characters.')
    _check_timezone(timezone)
    if mode not in ('demo', 'live'):
        raise AccountError("Choose the mode 'demo' (simulated shop) or 'live' (real events).")
    shop = Shop(id=shop_id or new_id(), name=name, timezone=timezone, profile=profile, mode=mode)
    session.add(shop)
    return shop


async def ensure_shop(db: Database, shop_id: str, name: str, timezone: str, profile: dict[str, Any],
                      mode: Mode = 'demo') -> Shop:
    """The shop with this id, created if missing: lets the composition root start a demo shop with no set-up."""
    async with db.session() as session:
        shop = await session.get(Shop, shop_id)
        return shop or new_shop(session, name, timezone, profile, mode, shop_id)


async def get_shop(db: Database, shop_id: str) -> Shop | None:
    async with db.session() as session:
        return await session.get(Shop, shop_id)


async def all_shops(db: Database) -> list[Shop]:
    """Every shop, for the one app-level loop that runs an engine per shop."""
    async with db.session() as session:
        return list(await session.scalars(select(Shop).order_by(Shop.created_at, Shop.id)))


async def shops_for_user(db: Database, user_id: str) -> list[tuple[Shop, Role]]:
    async with db.session() as session:
        rows = await session.execute(select(Shop, Membership.role).join(Membership, Membership.shop_id == Shop.id)
                                     .where(Membership.user_id == user_id).order_by(Shop.created_at, Shop.id))
        return [(shop, role) for shop, role in rows]  # type: ignore[misc]


async def update_shop(db: Database, shop_id: str, *, name: str | None = None, timezone: str | None = None,
                      profile: dict[str, Any] | None = None, mode: Mode | None = None) -> Shop:
    async with db.session() as session:
        shop = await session.get(Shop, shop_id)
        if shop is None:
            raise NotFoundError('This shop no longer exists. Reload the page.')
        if name is not None:
            if not name.strip():
                raise AccountError('Enter the name of the shop.')
            shop.name = name.strip()
        if timezone is not None:
            _check_timezone(timezone)
            shop.timezone = timezone
        if profile is not None:
            shop.profile = profile
        if mode is not None:
            if mode not in ('demo', 'live'):
                raise AccountError("Choose the mode 'demo' (simulated shop) or 'live' (real events).")
            shop.mode = mode
        return shop


def _check_timezone(timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise AccountError(f'Choose a time zone by its name, such as Europe/London (not {timezone!r}).') from error
