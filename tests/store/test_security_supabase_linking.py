"""Finding 6: signing up at Supabase with someone's email does not make you them in Chairside.

Where the Supabase project does not ask for confirmation, a new sign-up is confirmed at once (the stand-in's
`confirmed=True`). Linking it to an existing Chairside account now takes that account's password, or an invitation's
one-time password, once; guessing it counts against the sign-in limits.
"""
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from store.db import Database
from store.errors import LinkProofNeeded, LockedOutError, LoginError
from store.models import User
from store.staff import invite_staff
from store.supabase_auth import SupabaseAuth

from .helpers import PASSWORD, owner
from .supabase_stand_in import SupabaseStandIn

ATTACKER = '198.51.100.66'


@pytest.fixture
def stand_in() -> Iterator[SupabaseStandIn]:
    with SupabaseStandIn() as server:
        yield server


async def linked_to(db: Database, email: str) -> str | None:
    async with db.session() as session:
        return await session.scalar(select(User.supabase_user_id).where(User.email == email))


async def test_a_supabase_sign_up_with_the_owners_email_is_not_the_owner(db: Database, stand_in: SupabaseStandIn):
    await owner(db)
    stand_in.add_user('owner@example.com', 'the attacker chose this')  # confirmed at once: confirmation is off
    auth = SupabaseAuth(db, stand_in.url, 'anon-key-for-tests')
    with pytest.raises(LinkProofNeeded):
        await auth.sign_in('owner@example.com', 'the attacker chose this', ATTACKER)
    for _ in range(4):
        with pytest.raises(LoginError, match='not the Chairside password'):
            await auth.sign_in('owner@example.com', 'the attacker chose this', ATTACKER, proof='a guess at it')
    with pytest.raises(LockedOutError):  # guessing the proof is a guess at the password, and limited as one
        await auth.sign_in('owner@example.com', 'the attacker chose this', ATTACKER, proof='a guess at it')
    with pytest.raises(LockedOutError):
        await auth.sign_in('owner@example.com', 'the attacker chose this', ATTACKER, proof=PASSWORD)
    assert await linked_to(db, 'owner@example.com') is None


async def test_an_invited_email_needs_the_invitations_password(db: Database, stand_in: SupabaseStandIn):
    boss = await owner(db)
    one_time = await invite_staff(db, boss.shops[0].shop_id, 'barber@example.com')
    stand_in.add_user('barber@example.com', 'the attacker chose this')
    auth = SupabaseAuth(db, stand_in.url, 'anon-key-for-tests')
    with pytest.raises(LinkProofNeeded):
        await auth.sign_in('barber@example.com', 'the attacker chose this', ATTACKER)
    with pytest.raises(LoginError, match='not the Chairside password'):
        await auth.sign_in('barber@example.com', 'the attacker chose this', ATTACKER, proof=PASSWORD)
    assert await linked_to(db, 'barber@example.com') is None
    staff = await auth.sign_in('barber@example.com', 'the attacker chose this', ATTACKER, proof=one_time)
    assert staff.role_in(boss.shops[0].shop_id) == 'staff'  # whoever holds the invitation is the invited person
