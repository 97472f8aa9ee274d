"""Local accounts: the first owner, sign-in with lockout, password change. Staff live in store/staff.py."""
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from . import lockout
from .db import Database
from .errors import AccountError, LoginError
from .models import Membership, Shop, User
from .passwords import MAX_LENGTH, check_new_password, hash_password, needs_rehash, verify_password
from .shops import Mode, Role, new_shop
from .types import new_id, utcnow

WRONG_CREDENTIALS = 'That email and password do not match an account. Check both and try again.'
_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')
MAX_EMAIL = 320  # 64 + '@' + 255: no address is longer


@dataclass(frozen=True)
class ShopAccess:
    shop_id: str
    shop_name: str
    role: Role


@dataclass(frozen=True)
class Account:
    """Who is signed in and where they may go; no secrets, so it can sit in the page's state."""
    user_id: str
    email: str
    must_change_password: bool
    shops: tuple[ShopAccess, ...]
    session_epoch: int = 0  # a session signed in under another epoch no longer holds (the password changed since)

    def role_in(self, shop_id: str) -> Role | None:
        return next((access.role for access in self.shops if access.shop_id == shop_id), None)


@dataclass(frozen=True)
class Standing:
    """What a signed-in session of a person rests on: their session epoch and the shops they belong to."""
    session_epoch: int
    shop_ids: frozenset[str]


def normalize_email(email: str) -> str:
    """The length is checked before the pattern: on a long string of dots the pattern backtracks quadratically."""
    email = email.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise AccountError('Enter an email address like name@example.com.')
    return email


async def has_owner(db: Database) -> bool:
    async with db.session() as session:
        return bool(await session.scalar(select(exists().where(Membership.role == 'owner'))))


async def create_owner(db: Database, email: str, password: str, shop_name: str, timezone: str,
                       profile: dict[str, Any], *, mode: Mode = 'demo') -> Account:
    """The first account and its shop; refused once any owner exists (later owners are not self-made)."""
    email = normalize_email(email)
    check_new_password(password, email=email)
    password_hash = await hash_password(password)
    async with db.session() as session:
        if db.dialect == 'postgresql':  # two set-up forms sent at once must not make two owners
            await session.execute(text('SELECT pg_advisory_xact_lock(72616)'))
        if await session.scalar(select(exists().where(Membership.role == 'owner'))):
            raise AccountError('This Chairside already has an owner. Sign in instead, or ask the owner to invite you.')
        if await session.scalar(select(User.id).where(User.email == email)):
            raise AccountError('That email already has an account. Sign in instead.')
        user = User(id=new_id(), email=email, password_hash=password_hash)
        session.add(user)
        shop = new_shop(session, shop_name, timezone, profile, mode)
        await session.flush()
        session.add(Membership(user_id=user.id, shop_id=shop.id, role='owner'))
        await session.flush()
        return await load_account(session, user.id)


async def authenticate(db: Database, email: str, password: str, client_address: str, *, device: str | None = None,
                       now: datetime | None = None) -> Account:
    """The account for these credentials, or LoginError; the message is the same for unknown emails.

    `device` names a browser that signed in to this email before (see store/lockout.py); the limits are checked
    before the password is hashed, in a read that takes no write lock.
    """
    email, now = email.strip().lower(), now or utcnow()
    if not email or not password:
        raise LoginError('Enter your email and password.')
    async with db.reading() as session:
        await lockout.check(session, email, client_address, now, device)
        user = await session.scalar(select(User).where(User.email == email)) if len(email) <= MAX_EMAIL else None
    # argon2 runs outside any transaction so it never holds SQLite's write lock; no password that long was ever set
    ok = len(password) <= MAX_LENGTH and await verify_password(user.password_hash if user else None, password)
    new_hash = await hash_password(password) if ok and user and needs_rehash(user.password_hash or '') else None
    async with db.session() as session:
        if not ok or user is None:
            paused = await lockout.record_failure(session, email, client_address, now, device)
        else:
            await lockout.clear(session, email, client_address, device)
            if new_hash:
                await session.execute(update(User).where(User.id == user.id).values(password_hash=new_hash))
            account = await load_account(session, user.id)
    if not ok or user is None:
        lockout.raise_if_paused(paused, now)  # the failure that starts a pause says so at once
        raise LoginError(WRONG_CREDENTIALS)
    if not account.shops:
        raise LoginError('Your account is no longer part of any shop. Ask the shop owner to invite you again.')
    return account


async def change_password(db: Database, user_id: str, old: str, new: str) -> Account:
    """Also clears the must-change flag of an invited person, and ends every session signed in before (the account
    returned carries the new session epoch, for the session that changed it)."""
    async with db.session() as session:
        user = await session.get(User, user_id)
    if user is None:
        raise AccountError('Your account no longer exists. Sign in again.')
    if user.password_hash is None:
        raise AccountError('This account signs in with Supabase: change its password there.')
    if not await verify_password(user.password_hash, old):
        raise AccountError('The current password is not right. Enter it again.')
    check_new_password(new, email=user.email, old=old)
    new_hash = await hash_password(new)
    async with db.session() as session:
        user = await session.get(User, user_id)
        if user is None:
            raise AccountError('Your account no longer exists. Sign in again.')
        user.password_hash, user.must_change_password = new_hash, False
        user.session_epoch += 1
        await session.flush()
        return await load_account(session, user_id)


async def get_account(db: Database, user_id: str) -> Account | None:
    """The account for a remembered session; None when the user was deleted meanwhile."""
    async with db.reading() as session:
        return await load_account(session, user_id) if await session.get(User, user_id) else None


async def standings(db: Database, user_ids: Iterable[str]) -> dict[str, Standing]:
    """Each existing user's standing, in one query however many users; a deleted user is left out."""
    found: dict[str, tuple[int, set[str]]] = {}
    async with db.reading() as session:
        rows = await session.execute(select(User.id, User.session_epoch, Membership.shop_id)
                                     .outerjoin(Membership, Membership.user_id == User.id)
                                     .where(User.id.in_(list(user_ids))))
        for user_id, epoch, shop_id in rows:
            shops = found.setdefault(user_id, (epoch, set()))[1]
            if shop_id is not None:
                shops.add(shop_id)
    return {user_id: Standing(epoch, frozenset(shops)) for user_id, (epoch, shops) in found.items()}


async def load_account(session: AsyncSession, user_id: str) -> Account:
    user = await session.get(User, user_id)
    if user is None:
        raise AccountError('Your account no longer exists. Sign in again.')
    rows = await session.execute(select(Shop.id, Shop.name, Membership.role)
                                 .join(Membership, Membership.shop_id == Shop.id)
                                 .where(Membership.user_id == user_id).order_by(Shop.created_at, Shop.id))
    shops = tuple(ShopAccess(shop_id, name, role) for shop_id, name, role in rows)
    return Account(user.id, user.email, user.must_change_password, shops, user.session_epoch)
