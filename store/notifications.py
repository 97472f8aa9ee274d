"""Notifications of a shop, with read state kept per user (the owner reading one doesn't hide it from staff)."""
import hashlib
import time
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Exists, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .db import Database
from .errors import StoreError
from .models import Notification, NotificationRead
from .types import new_id

Priority = Literal['critical', 'warning', 'success', 'info']
PRIORITIES = ('critical', 'warning', 'success', 'info')


@dataclass(frozen=True)
class NotificationView:
    id: str
    kind: str
    priority: str
    title: str
    body: str
    action: str | None
    at: float
    read: bool


async def add_notification(db: Database, shop_id: str, kind: str, title: str, body: str = '', *,
                           priority: Priority = 'info', action: str | None = None, at: float | None = None,
                           key: str | None = None) -> str:
    """Store a notification for everyone in the shop; returns its id. at defaults to now (epoch seconds).

    With a key (the alert engine's id of the occurrence), storing the same occurrence again changes nothing.
    """
    if priority not in PRIORITIES:
        raise StoreError("Give the priority as 'critical', 'warning', 'success' or 'info'.")
    notification_id = notification_id_for(shop_id, key) if key else new_id()
    async with db.session() as session:
        if key and await session.get(Notification, notification_id):
            return notification_id
        session.add(Notification(id=notification_id, shop_id=shop_id, kind=kind[:32], priority=priority,
                                 title=title[:200], body=body, action=action, at=time.time() if at is None else at))
    return notification_id


def notification_id_for(shop_id: str, key: str) -> str:
    """The stored id of one alert occurrence: the same in every process, distinct across shops."""
    return hashlib.sha256(f'{shop_id}:{key}'.encode()).hexdigest()[:32]


async def list_notifications(db: Database, shop_id: str, user_id: str, limit: int = 50) -> list[NotificationView]:
    """Newest first, each with whether this user has read it."""
    read = and_(NotificationRead.notification_id == Notification.id, NotificationRead.user_id == user_id)
    query = (select(Notification, NotificationRead.user_id.is_not(None)).outerjoin(NotificationRead, read)
             .where(Notification.shop_id == shop_id).order_by(Notification.at.desc(), Notification.id).limit(limit))
    async with db.reading() as session:
        rows = await session.execute(query)
        return [NotificationView(n.id, n.kind, n.priority, n.title, n.body, n.action, n.at, bool(is_read))
                for n, is_read in rows]


async def unread_count(db: Database, shop_id: str, user_id: str) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(Notification)
                                    .where(Notification.shop_id == shop_id, ~_read_by(user_id))) or 0


async def mark_read(db: Database, shop_id: str, user_id: str, notification_id: str) -> bool:
    """False when the shop has no such notification; marking twice is harmless."""
    async with db.session() as session:
        found = await session.scalar(select(Notification.id).where(Notification.id == notification_id,
                                                                   Notification.shop_id == shop_id))
        if found is None:
            return False
        await _mark(session, user_id, [notification_id])
        return True


async def mark_all_read(db: Database, shop_id: str, user_id: str) -> int:
    """Marks every notification of the shop read for this user; returns how many were unread."""
    async with db.session() as session:
        unread = list(await session.scalars(select(Notification.id).where(Notification.shop_id == shop_id,
                                                                          ~_read_by(user_id))))
        await _mark(session, user_id, unread)
        return len(unread)


def _read_by(user_id: str) -> Exists:
    return (select(NotificationRead.notification_id)
            .where(NotificationRead.notification_id == Notification.id, NotificationRead.user_id == user_id)
            .exists())


async def _mark(session: AsyncSession, user_id: str, notification_ids: list[str]) -> None:
    for notification_id in notification_ids:
        if await session.get(NotificationRead, (notification_id, user_id)) is None:
            session.add(NotificationRead(notification_id=notification_id, user_id=user_id))
