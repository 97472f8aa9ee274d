"""Per-shop settings the owner changes in the app (goals, alert thresholds), one JSON value per key."""
from typing import Any

from sqlalchemy import delete, select

from .db import Database
from .models import ShopSetting


async def get_setting(db: Database, shop_id: str, key: str, default: Any = None) -> Any:
    async with db.reading() as session:
        row = await session.get(ShopSetting, (shop_id, key))
        return default if row is None else row.value


async def all_settings(db: Database, shop_id: str) -> dict[str, Any]:
    async with db.reading() as session:
        rows = await session.execute(select(ShopSetting.key, ShopSetting.value).where(ShopSetting.shop_id == shop_id))
        return {key: value for key, value in rows}


async def set_setting(db: Database, shop_id: str, key: str, value: Any) -> None:
    async with db.session() as session:
        row = await session.get(ShopSetting, (shop_id, key))
        if row is None:
            session.add(ShopSetting(shop_id=shop_id, key=key, value=value))
        else:
            row.value = value


async def delete_setting(db: Database, shop_id: str, key: str) -> None:
    async with db.session() as session:
        await session.execute(delete(ShopSetting).where(ShopSetting.shop_id == shop_id, ShopSetting.key == key))
