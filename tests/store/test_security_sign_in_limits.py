"""Finding 7: a sign-in flood is refused before any hashing, the attempts table stays small, and strangers guessing
cannot pause the owner's own browser, even where everyone arrives from one address (a proxy without X-Forwarded-For).

Time is the test's own: every attempt names its `now`.
"""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from store import lockout, passwords
from store.accounts import WRONG_CREDENTIALS, authenticate
from store.db import Database
from store.errors import LockedOutError, LoginError
from store.models import LoginAttempt
from store.types import utcnow

from .helpers import PASSWORD, owner

ATTACKER, PROXY, HOME = '198.51.100.66', '10.0.0.2', '203.0.113.7'


class CountingHasher:
    """The tests' hasher, counting the password checks: a refusal must cost none."""

    def __init__(self, hasher) -> None:
        self.hasher, self.verified = hasher, 0

    def verify(self, password_hash: str, password: str) -> bool:
        self.verified += 1
        return self.hasher.verify(password_hash, password)

    def __getattr__(self, name: str):
        return getattr(self.hasher, name)


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher(passwords.hasher)
    monkeypatch.setattr(passwords, 'hasher', counting)
    return counting


async def rows(db: Database) -> int:
    async with db.reading() as session:
        return await session.scalar(select(func.count()).select_from(LoginAttempt))


async def guess(db: Database, email: str, address: str, at: datetime, *, device: str | None = None) -> LoginError:
    known = {'device': device} if device else {}
    with pytest.raises(LoginError) as caught:
        await authenticate(db, email, 'a wrong guess', address, now=at, **known)
    return caught.value


async def test_guessing_across_many_emails_from_one_address_is_refused_before_hashing(db, hasher):
    await owner(db)
    start = utcnow()
    for n in range(lockout.ADDRESS_FAILURES - 1):
        assert str(await guess(db, f'someone{n}@example.com', ATTACKER, start + timedelta(seconds=n))) == \
            WRONG_CREDENTIALS
    assert isinstance(await guess(db, 'one-more@example.com', ATTACKER, start + timedelta(minutes=1)), LockedOutError)
    checked, stored = hasher.verified, await rows(db)
    for n in range(50):  # the flood goes on: each attempt is refused with a read
        refused = await guess(db, f'later{n}@example.com', ATTACKER, start + timedelta(minutes=2))
        assert isinstance(refused, LockedOutError) and 'try again in 14 minutes' in str(refused)
    assert (hasher.verified, await rows(db)) == (checked, stored)
    assert (await authenticate(db, 'owner@example.com', PASSWORD, HOME, now=start + timedelta(minutes=2))).email \
        == 'owner@example.com'  # others sign in meanwhile


async def test_an_ipv6_network_counts_as_one_address(db, hasher):
    start = utcnow()
    for n in range(lockout.ADDRESS_FAILURES):
        await guess(db, f'someone{n}@example.com', f'2001:db8:5:6::{n + 1:x}', start)
    assert isinstance(await guess(db, 'x@example.com', '2001:db8:5:6:ffff::1', start), LockedOutError)
    assert not isinstance(await guess(db, 'x@example.com', '2001:db8:5:7::1', start), LockedOutError)


async def test_strangers_behind_the_same_proxy_cannot_pause_the_owners_browser(db, hasher):
    await owner(db)
    start = utcnow()
    await authenticate(db, 'owner@example.com', PASSWORD, PROXY, device='owners-laptop', now=start)  # known since
    for n in range(lockout.ADDRESS_FAILURES + 5):
        await guess(db, 'owner@example.com' if n % 2 else f'x{n}@example.com', PROXY, start + timedelta(seconds=n))
    assert isinstance(await guess(db, 'owner@example.com', PROXY, start + timedelta(minutes=1)), LockedOutError)
    signed_in = await authenticate(db, 'owner@example.com', PASSWORD, PROXY, device='owners-laptop',
                                   now=start + timedelta(minutes=1))
    assert signed_in.email == 'owner@example.com'


async def test_a_known_browser_is_still_paused_by_its_own_failures(db, hasher):
    await owner(db)
    start = utcnow()
    for _ in range(lockout.MAX_FAILURES - 1):
        assert not isinstance(await guess(db, 'owner@example.com', HOME, start, device='laptop'), LockedOutError)
    assert isinstance(await guess(db, 'owner@example.com', HOME, start, device='laptop'), LockedOutError)
    with pytest.raises(LockedOutError):
        await authenticate(db, 'owner@example.com', PASSWORD, HOME, device='laptop', now=start)


async def test_the_attempts_table_keeps_only_what_a_limit_needs(db, hasher, monkeypatch: pytest.MonkeyPatch):
    start = utcnow()
    for n in range(30):
        await guess(db, f'someone{n}@example.com', f'192.0.2.{n}', start)
    assert await rows(db) == 30
    await guess(db, 'late@example.com', '192.0.2.200', start + lockout.WINDOW + lockout.PAUSE + timedelta(seconds=1))
    assert await rows(db) == 1  # every address's old failures went, not only this one's

    monkeypatch.setattr(lockout, 'MAX_ROWS', 10)  # a flood from more addresses than a window can hold
    later = start + timedelta(hours=1)
    for n in range(25):
        await guess(db, f'someone{n}@example.com', f'198.18.0.{n}', later)
    assert await rows(db) == 10
