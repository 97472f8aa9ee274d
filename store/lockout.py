"""Sign-in lockout: 5 failures within 15 minutes for one (email, client address) pair pause that pair 15 minutes.

Failures are rows in login_attempts, so a restart does not reset the count. Attempts made while paused
are refused without checking the password and are not counted, so waiting always ends the pause.
"""
from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import LockedOutError
from .models import LoginAttempt

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
PAUSE = timedelta(minutes=15)


async def check(session: AsyncSession, email: str, client_address: str, now: datetime) -> None:
    """Raise LockedOutError while the pair is paused."""
    raise_if_paused(await paused_until(session, email, client_address, now), now)


def raise_if_paused(until: datetime | None, now: datetime) -> None:
    if until is not None:
        raise LockedOutError(until, ceil((until - now).total_seconds() / 60))


async def paused_until(session: AsyncSession, email: str, client_address: str, now: datetime) -> datetime | None:
    """When the pause ends, or None: paused when some 5 failures lie within 15 minutes and the last is recent."""
    times = await _recent_failures(session, email, client_address, now)
    until = None
    for i in range(MAX_FAILURES - 1, len(times)):
        if times[i] - times[i - MAX_FAILURES + 1] <= WINDOW:
            until = times[i] + PAUSE
    return until if until is not None and until > now else None


async def record_failure(session: AsyncSession, email: str, client_address: str, now: datetime) -> None:
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email,
                                                     LoginAttempt.client_address == client_address,
                                                     LoginAttempt.at < now - WINDOW - PAUSE))
    session.add(LoginAttempt(email=email, client_address=client_address, at=now))


async def clear(session: AsyncSession, email: str, client_address: str) -> None:
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email,
                                                     LoginAttempt.client_address == client_address))


async def _recent_failures(session: AsyncSession, email: str, client_address: str, now: datetime) -> list[datetime]:
    rows = await session.scalars(select(LoginAttempt.at)
                                 .where(LoginAttempt.email == email, LoginAttempt.client_address == client_address,
                                        LoginAttempt.at >= now - WINDOW - PAUSE)
                                 .order_by(LoginAttempt.at))
    return list(rows)

