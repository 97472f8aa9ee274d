"""API tokens (event ingest, figures), kiosk tokens (the shop's TV) and monitoring tokens (GET /api/health's
details). Only a sha256 of each token is stored."""
import hashlib
import secrets
from collections.abc import Iterable
from typing import Literal

from sqlalchemy import select

from .db import Database
from .errors import StoreError
from .models import ApiToken, KioskToken, MonitorToken
from .types import new_id, utcnow

Kind = Literal['api', 'kiosk', 'monitor']
Scope = Literal['events', 'figures']
SCOPES: dict[Scope, str] = {'events': 'Post events', 'figures': 'Read figures'}  # metrics, stream, notifications
Token = ApiToken | KioskToken | MonitorToken
_TABLES: dict[str, type[Token]] = {'api': ApiToken, 'kiosk': KioskToken, 'monitor': MonitorToken}


def hash_token(token: str) -> str:
    """sha256 is enough here: the token has 256 random bits, so there is nothing to brute-force."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(db: Database, shop_id: str, kind: Kind, name: str,
                       scopes: Iterable[Scope] = tuple(SCOPES)) -> tuple[Token, str]:
    """The new row and the plaintext token, which is shown once and never stored. `scopes` is for API tokens."""
    name = name.strip()
    if not name or len(name) > 100:
        raise StoreError('Give the token a name of 1 to 100 characters, such as "Front desk TV".')
    token = secrets.token_urlsafe(32)
    row = _TABLES[kind](id=new_id(), shop_id=shop_id, name=name, token_hash=hash_token(token))
    if isinstance(row, ApiToken):
        chosen = [scope for scope in SCOPES if scope in set(scopes)]
        if not chosen:
            raise StoreError('Choose what the token may do: post events, read figures, or both.')
        row.scopes = ' '.join(chosen)
    async with db.session() as session:
        session.add(row)
    return row, token


async def shop_for_token(db: Database, kind: Kind, token: str) -> str | None:
    """The shop a presented token opens, or None when it is unknown or revoked."""
    table = _TABLES[kind]
    async with db.reading() as session:
        return await session.scalar(select(table.shop_id).where(table.token_hash == hash_token(token),
                                                                table.revoked_at.is_(None)))


async def api_token(db: Database, token: str) -> tuple[str, frozenset[str]] | None:
    """The shop an API token opens and what it may do there, or None when it is unknown or revoked."""
    async with db.reading() as session:
        row = (await session.execute(select(ApiToken.shop_id, ApiToken.scopes).where(
            ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None)))).first()
    return (row.shop_id, frozenset(row.scopes.split())) if row else None


async def active_tokens(db: Database, keys: Iterable[tuple[Kind, str]]) -> dict[tuple[Kind, str], str]:
    """For (kind, token hash) pairs, the shop of each one still active: one query per kind, however many."""
    by_kind: dict[Kind, list[str]] = {}
    for kind, token_hash in keys:
        by_kind.setdefault(kind, []).append(token_hash)
    found = {}
    async with db.reading() as session:
        for kind, hashes in by_kind.items():
            table = _TABLES[kind]
            rows = await session.execute(select(table.token_hash, table.shop_id).where(
                table.token_hash.in_(hashes), table.revoked_at.is_(None)))
            found.update({(kind, token_hash): shop_id for token_hash, shop_id in rows})
    return found


async def list_tokens(db: Database, shop_id: str, kind: Kind) -> list[Token]:
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
