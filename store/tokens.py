"""API tokens (event ingest) and kiosk tokens (the shop's TV). Only a sha256 of each token is stored."""
import hashlib
import secrets
from typing import Literal

from sqlalchemy import select

from .db import Database
from .errors import StoreError
from .models import ApiToken, KioskToken
from .types import new_id, utcnow

Kind = Literal['api', 'kiosk']
_TABLES: dict[str, type[ApiToken] | type[KioskToken]] = {'api': ApiToken, 'kiosk': KioskToken}


def hash_token(token: str) -> str:
    """sha256 is enough here: the token has 256 random bits, so there is nothing to brute-force."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(db: Database, shop_id: str, kind: Kind, name: str) -> tuple[ApiToken | KioskToken, str]:
    """The new row and the plaintext token, which is shown once and never stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise StoreError('Give the token a name of 1 to 100 characters, such as "Front desk TV".')
    token = secrets.token_urlsafe(32)
    row = _TABLES[kind](id=new_id(), shop_id=shop_id, name=name, token_hash=hash_token(token))
    async with db.session() as session:
        session.add(row)
    return row, token


async def shop_for_token(db: Database, kind: Kind, token: str) -> str | None:
    """The shop a presented token opens, or None when it is unknown or revoked."""
    table = _TABLES[kind]
    async with db.reading() as session:
        return await session.scalar(select(table.shop_id).where(table.token_hash == hash_token(token),
                                                                table.revoked_at.is_(None)))


async def list_tokens(db: Database, shop_id: str, kind: Kind) -> list[ApiToken | KioskToken]:
    table = _TABLES[kind]
    async with db.session() as session:
        return list(await session.scalars(select(table).where(table.shop_id == shop_id).order_by(table.created_at)))


async def revoke_token(db: Database, shop_id: str, kind: Kind, token_id: str) -> bool:
    """False when the shop has no such active token."""
    table = _TABLES[kind]
    async with db.session() as session:
        row = await session.scalar(select(table).where(table.id == token_id, table.shop_id == shop_id))
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = utcnow()
        return True
