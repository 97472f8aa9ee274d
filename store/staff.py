"""A shop's team: invite staff with a one-time password, list and remove members, open another shop."""
from typing import Any

from sqlalchemy import delete, exists, select

from .accounts import normalize_email
from .db import Database
from .errors import AccountError, NotFoundError
from .models import Membership, Shop, User
from .passwords import hash_password, one_time_password
from .shops import Mode, Role, new_shop
from .types import new_id


async def invite_staff(db: Database, shop_id: str, email: str) -> str | None:
    """Make email a staff member of the shop. Returns the one-time password to hand over (shown once), or None
    when the person already has a Chairside account (for another shop): they keep their own password.

    The caller checks that the acting person is this shop's owner (Account.role_in(shop_id) == 'owner').
    """
    email = normalize_email(email)
    password = one_time_password()
    password_hash = await hash_password(password)
    async with db.session() as session:
        if await session.get(Shop, shop_id) is None:
            raise NotFoundError('This shop no longer exists. Reload the page.')
        user = await session.scalar(select(User).where(User.email == email))
        if user is not None:
            if await session.get(Membership, (user.id, shop_id)):
                raise AccountError(f"{email} is already on this shop's team.")
            session.add(Membership(user_id=user.id, shop_id=shop_id, role='staff'))
            return None
        user = User(id=new_id(), email=email, password_hash=password_hash, must_change_password=True)
        session.add(user)
        await session.flush()
        session.add(Membership(user_id=user.id, shop_id=shop_id, role='staff'))
        return password


async def list_members(db: Database, shop_id: str) -> list[tuple[str, str, Role]]:
    """(user_id, email, role) of everyone in the shop, owners first."""
    async with db.session() as session:
        rows = await session.execute(select(User.id, User.email, Membership.role)
                                     .join(Membership, Membership.user_id == User.id)
                                     .where(Membership.shop_id == shop_id).order_by(Membership.role, User.email))
        return [(user_id, email, role) for user_id, email, role in rows]


async def remove_staff(db: Database, shop_id: str, user_id: str) -> bool:
    """Take a staff member off the shop (owners cannot be removed this way). False when there was none."""
    async with db.session() as session:
        result = await session.execute(delete(Membership).where(Membership.shop_id == shop_id,
                                                                Membership.user_id == user_id,
                                                                Membership.role == 'staff'))
        return bool(result.rowcount)


async def create_shop(db: Database, owner_user_id: str, name: str, timezone: str, profile: dict[str, Any], *,
                      mode: Mode = 'demo') -> Shop:
    """A further shop for someone who already owns one (an owner may run several)."""
    async with db.session() as session:
        owns_one = await session.scalar(select(exists().where(Membership.user_id == owner_user_id,
                                                              Membership.role == 'owner')))
        if not owns_one:
            raise AccountError('Only a shop owner can open another shop. Ask the owner to do it.')
        shop = new_shop(session, name, timezone, profile, mode)
        await session.flush()
        session.add(Membership(user_id=owner_user_id, shop_id=shop.id, role='owner'))
        return shop
