"""Sign-in limits, checked before any password is hashed. Failures are rows in login_attempts (a restart keeps them).

- Per address: 20 failures within 15 minutes from one address (an IPv6 /64 is one address), whatever the emails,
  pause that address for 15 minutes: floods and guessing across many emails stop there.
- Per account: 5 failures within 15 minutes for one (email, client) pause that pair for 15 minutes. The client is the
  address, except for a browser that has signed in to this account before (OWASP's "device cookie"): it counts on its
  own and is not held to the address limit. So strangers' guesses pause only themselves and never the owner's own
  browser, even where everyone reaches Chairside from one address (a proxy that sends no X-Forwarded-For).
- An attempt refused while paused costs one read: no hash and no write, and it is not counted, so waiting always ends
  a pause. The table is pruned as it is written: rows older than the window and the pause go, and it never holds
  more than MAX_ROWS (the oldest go first).
"""
import ipaddress
from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import LockedOutError
from .models import LoginAttempt

MAX_FAILURES = 5  # per (email, client)
ADDRESS_FAILURES = 20  # per address, any emails
WINDOW = timedelta(minutes=15)
PAUSE = timedelta(minutes=15)
MAX_ROWS = 100_000
_KEPT = WINDOW + PAUSE


def client_key(address: str, device: str | None = None) -> str:
    """What the limits count by: a known browser, else the address (IPv6 by its /64, which one host usually holds)."""
    if device:
        return f'device:{device}'[:64]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return (address or 'unknown')[:64]
    if ip.version == 6 and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f'{ip}/64', strict=False))
    return str(getattr(ip, 'ipv4_mapped', None) or ip)


async def check(session: AsyncSession, email: str, address: str, now: datetime, device: str | None = None) -> None:
    """Raise LockedOutError while the address or the (email, client) pair is paused."""
    raise_if_paused(await paused_until(session, email, address, now, device), now)


def raise_if_paused(until: datetime | None, now: datetime) -> None:
    if until is not None:
        raise LockedOutError(until, ceil((until - now).total_seconds() / 60))


async def paused_until(session: AsyncSession, email: str, address: str, now: datetime,
                       device: str | None = None) -> datetime | None:
    """When the pause ends, or None."""
    key = client_key(address, device)
    pair = _pause_end(await _times(session, now, LoginAttempt.email == email[:320], LoginAttempt.client_address == key),
                      MAX_FAILURES, now)
    if device is not None:
        return pair
    flood = _pause_end(await _times(session, now, LoginAttempt.client_address == key), ADDRESS_FAILURES, now)
    return max((end for end in (pair, flood) if end is not None), default=None)


async def record_failure(session: AsyncSession, email: str, address: str, now: datetime,
                         device: str | None = None) -> datetime | None:
    """Counts the failure, prunes what no limit needs any more; answers when the pause this failure starts ends."""
    await session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - _KEPT))
    newest = await session.scalar(select(func.max(LoginAttempt.id)))
    if newest is not None and newest >= MAX_ROWS:
        await session.execute(delete(LoginAttempt).where(LoginAttempt.id <= newest - MAX_ROWS + 1))
    session.add(LoginAttempt(email=email[:320], client_address=client_key(address, device), at=now))
    await session.flush()
    return await paused_until(session, email, address, now, device)


async def clear(session: AsyncSession, email: str, address: str, device: str | None = None) -> None:
    """After a good sign-in: the pair starts afresh (the address keeps its count of other emails' failures)."""
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email[:320],
                                                     LoginAttempt.client_address == client_key(address, device)))


def _pause_end(times: list[datetime], limit: int, now: datetime) -> datetime | None:
    """Paused when some `limit` failures lie within WINDOW and the last of them is less than PAUSE ago."""
    until = None
    for i in range(limit - 1, len(times)):
        if times[i] - times[i - limit + 1] <= WINDOW:
            until = times[i] + PAUSE
    return until if until is not None and until > now else None


async def _times(session: AsyncSession, now: datetime, *where: ColumnElement[bool]) -> list[datetime]:
    rows = await session.scalars(select(LoginAttempt.at).where(*where, LoginAttempt.at >= now - _KEPT)
                                 .order_by(LoginAttempt.at))
    return list(rows)
