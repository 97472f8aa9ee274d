"""The tables, as SQLAlchemy 2 typed declarative models. Every shop-owned row carries shop_id."""
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import JSONType, UTCDateTime, utcnow

NAMING = {
    'ix': 'ix_%(column_0_label)s',
    'uq': 'uq_%(table_name)s_%(column_0_name)s',
    'ck': 'ck_%(table_name)s_%(constraint_name)s',
    'fk': 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    'pk': 'pk_%(table_name)s',
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONType}


def _shop_fk() -> Mapped[str]:
    return mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), index=True)


def _user_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey('users.id', ondelete='CASCADE'), index=True)


class Shop(Base):
    __tablename__ = 'shops'
    __table_args__ = (CheckConstraint("mode IN ('demo', 'live')", name='mode'),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    profile: Mapped[dict[str, Any]]  # barbers, services, hours, daily revenue goal (shape owned by engine/)
    mode: Mapped[str] = mapped_column(String(8), default='demo')
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = 'users'
    __table_args__ = (CheckConstraint('email = lower(email)', name='email_lowercase'),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    supabase_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    session_epoch: Mapped[int] = mapped_column(default=0, server_default='0')  # a new password ends older sessions


class Membership(Base):
    __tablename__ = 'memberships'
    __table_args__ = (CheckConstraint("role IN ('owner', 'staff')", name='role'),)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey('users.id', ondelete='CASCADE'), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), primary_key=True,
                                         index=True)
    role: Mapped[str] = mapped_column(String(8))


class _Token:
    """A bearer secret for a shop; only its sha256 is kept, the plaintext is shown once."""
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shop_id: Mapped[str] = _shop_fk()
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class ApiToken(_Token, Base):
    __tablename__ = 'api_tokens'
    # what the token may do, space-separated (store/tokens.py SCOPES); tokens made before scopes existed may do both
    scopes: Mapped[str] = mapped_column(String(64), default='events figures', server_default='events figures')


class KioskToken(_Token, Base):
    __tablename__ = 'kiosk_tokens'


class MonitorToken(_Token, Base):
    """Reads the details of GET /api/health, for a monitoring service; nothing else."""
    __tablename__ = 'monitor_tokens'


class Event(Base):
    """One domain event; (shop_id, id) is the key so a resubmitted event counts once."""
    __tablename__ = 'events'
    __table_args__ = (Index('ix_events_shop_id_at', 'shop_id', 'at'),
                      Index('ix_events_shop_id_seq', 'shop_id', 'seq'))
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[float] = mapped_column(Float)  # epoch seconds
    payload: Mapped[dict[str, Any]]
    # the order of arrival, from a PostgreSQL sequence (migration 0005); empty on SQLite. Per shop, stores are
    # serialized (store/events.py), so a shop's seq order is its commit order: a reader may resume after any seq
    seq: Mapped[int | None] = mapped_column(sa.BigInteger, server_default=sa.FetchedValue())


class Notification(Base):
    __tablename__ = 'notifications'
    __table_args__ = (Index('ix_notifications_shop_id_at', 'shop_id', 'at'),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'))
    kind: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default='')
    action: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[float] = mapped_column(Float)  # epoch seconds, like events


class NotificationRead(Base):
    __tablename__ = 'notification_reads'
    notification_id: Mapped[str] = mapped_column(String(32), ForeignKey('notifications.id', ondelete='CASCADE'),
                                                 primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey('users.id', ondelete='CASCADE'), primary_key=True,
                                         index=True)
    read_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    __tablename__ = 'conversations'
    __table_args__ = (Index('ix_conversations_shop_id_user_id', 'shop_id', 'user_id'),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'))
    user_id: Mapped[str] = _user_fk()
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    __tablename__ = 'messages'
    __table_args__ = (
        CheckConstraint("role IN ('user', 'assistant', 'system')", name='role'),
        CheckConstraint("feedback IS NULL OR feedback IN ('up', 'down')", name='feedback'),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)  # increasing: the order
    conversation_id: Mapped[str] = mapped_column(String(32), ForeignKey('conversations.id', ondelete='CASCADE'),
                                                 index=True)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    feedback: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ShopSetting(Base):
    """Goals and alert thresholds, one JSON value per key."""
    __tablename__ = 'shop_settings'
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType)


class LoginAttempt(Base):
    """One failed sign-in; kept only for the lockout window (see store/lockout.py)."""
    __tablename__ = 'login_attempts'
    __table_args__ = (Index('ix_login_attempts_email_client', 'email', 'client_address', 'at'),
                      Index('ix_login_attempts_client_at', 'client_address', 'at'),
                      Index('ix_login_attempts_at', 'at'))
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320))
    client_address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class DayAggregate(Base):
    """One local day of a shop's analytics, as engine/analytics/codec.py writes it; saved whenever it changed."""
    __tablename__ = 'day_aggregates'
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    definitions: Mapped[int] = mapped_column(Integer)  # what the measures meant when written (codec.DEFINITIONS)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AggregateState(Base):
    """What a shop's analytics carry across days: their slots, each client's latest visit, the visits under way."""
    __tablename__ = 'aggregate_states'
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), primary_key=True)
    definitions: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)


class EngineState(Base):
    """A shop engine's whole state (engine/state.py), so that a restart loads it instead of replaying the history."""
    __tablename__ = 'engine_states'
    shop_id: Mapped[str] = mapped_column(String(64), ForeignKey('shops.id', ondelete='CASCADE'), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)


class BrowserStorage(Base):
    """A browser's NiceGUI user storage (who is signed in), in a cluster: every worker reads the same one
    (cluster/browser_storage.py). `id` is NiceGUI's storage id ('user-' and the session id); `data` its JSON."""
    __tablename__ = 'browser_storage'
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
