"""Supabase sign-in with the REAL supabase client against a local stand-in, and server-side token checks."""
import base64
import json
import time
from types import SimpleNamespace

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from pydantic import SecretStr
from sqlalchemy import select

from store.accounts import WRONG_CREDENTIALS, authenticate
from store.errors import LinkProofNeeded, LockedOutError, LoginError
from store.models import User
from store.staff import invite_staff
from store.supabase_auth import SupabaseAuth

from .helpers import PASSWORD, owner
from .supabase_stand_in import SupabaseStandIn

ADDRESS = '203.0.113.9'


@pytest.fixture
def stand_in():
    with SupabaseStandIn() as server:
        yield server


@pytest.fixture
def auth(db, stand_in):
    return SupabaseAuth(db, stand_in.url, 'anon-key-for-tests')


async def test_a_good_sign_in_links_the_owner_once_the_chairside_password_is_given(db, stand_in, auth):
    made = await owner(db)
    supabase_user = stand_in.add_user('owner@example.com', 'supabase password 1')
    with pytest.raises(LinkProofNeeded, match='enter its Chairside password once'):
        await auth.sign_in('Owner@Example.com', 'supabase password 1', ADDRESS)
    account = await auth.sign_in('Owner@Example.com', 'supabase password 1', ADDRESS, proof=PASSWORD)
    assert account == made
    assert await auth.sign_in('owner@example.com', 'supabase password 1', ADDRESS) == made  # linked: asked once
    async with db.session() as session:
        assert await session.scalar(select(User.supabase_user_id).where(User.id == made.user_id)) == supabase_user.id
    assert any(r.startswith('POST /auth/v1/token?grant_type=password') for r in stand_in.requests)
    assert 'GET /auth/v1/.well-known/jwks.json' in stand_in.requests
    assert any(r.startswith('POST /auth/v1/logout') for r in stand_in.requests)
    assert await auth.account_for_token(stand_in.access_token(supabase_user)) == made
    assert (await authenticate(db, 'owner@example.com', PASSWORD, ADDRESS)) == made  # local password still works


async def test_a_wrong_password_gets_the_local_message_and_lockout(db, stand_in, auth):
    await owner(db)
    stand_in.add_user('owner@example.com', 'supabase password 1')
    for _ in range(4):
        with pytest.raises(LoginError) as caught:
            await auth.sign_in('owner@example.com', 'not it at all', ADDRESS)
        assert str(caught.value) == WRONG_CREDENTIALS
    with pytest.raises(LockedOutError):
        await auth.sign_in('owner@example.com', 'not it at all', ADDRESS)
    with pytest.raises(LockedOutError):
        await auth.sign_in('owner@example.com', 'supabase password 1', ADDRESS)


async def test_only_invited_emails_map_and_invitations_drop_the_one_time_password(db, stand_in, auth):
    boss = await owner(db)
    stand_in.add_user('stranger@example.com', 'supabase password 2')
    with pytest.raises(LoginError, match='Ask the shop owner to invite'):
        await auth.sign_in('stranger@example.com', 'supabase password 2', ADDRESS)

    one_time = await invite_staff(db, boss.shops[0].shop_id, 'barber@example.com')
    stand_in.add_user('barber@example.com', 'supabase password 3')
    staff = await auth.sign_in('barber@example.com', 'supabase password 3', ADDRESS, proof=one_time)
    assert staff.role_in(boss.shops[0].shop_id) == 'staff' and not staff.must_change_password
    with pytest.raises(LoginError, match='do not match'):
        await authenticate(db, 'barber@example.com', one_time, ADDRESS)


async def test_an_unconfirmed_email_is_told_to_confirm(db, stand_in, auth):
    await owner(db)
    stand_in.add_user('owner@example.com', 'supabase password 1', confirmed=False)
    with pytest.raises(LoginError, match='Confirm your email'):
        await auth.sign_in('owner@example.com', 'supabase password 1', ADDRESS)


async def test_tampered_expired_and_foreign_tokens_are_refused(db, stand_in, auth):
    await owner(db)
    user = stand_in.add_user('owner@example.com', 'supabase password 1')
    await auth.sign_in('owner@example.com', 'supabase password 1', ADDRESS, proof=PASSWORD)
    good = stand_in.access_token(user)
    assert (await auth.verifier.verify(good))['sub'] == user.id

    header, payload, signature = good.split('.')
    claims = json.loads(base64.urlsafe_b64decode(payload + '=='))
    forged = base64.urlsafe_b64encode(json.dumps({**claims, 'sub': 'someone-else'}).encode()).rstrip(b'=').decode()
    with pytest.raises(LoginError, match='could not be verified'):
        await auth.verifier.verify(f'{header}.{forged}.{signature}')
    with pytest.raises(LoginError, match='expired'):
        await auth.verifier.verify(stand_in.access_token(user, ttl=-120))
    with pytest.raises(LoginError, match='could not be verified'):
        await auth.verifier.verify(stand_in.access_token(user, audience='anon'))
    with pytest.raises(LoginError, match='could not be verified'):  # right kid, wrong key
        await auth.verifier.verify(stand_in.access_token(user, key=ec.generate_private_key(ec.SECP256R1())))
    unsigned = jwt.encode({**claims, 'exp': int(time.time()) + 60}, None, algorithm='none')
    guessed = jwt.encode(claims, 'a guessed secret that is long enough 0123', algorithm='HS256')
    for token in (unsigned, guessed, 'not a token'):
        with pytest.raises(LoginError, match='could not be verified'):
            await auth.verifier.verify(token)


async def test_hs256_tokens_need_the_configured_secret(db, stand_in):
    settings = SimpleNamespace(supabase_url=stand_in.url, supabase_anon_key=SecretStr('anon'),
                               supabase_jwt_secret=SecretStr('a-long-jwt-secret-of-the-project-0123456789'))
    auth = SupabaseAuth.from_settings(db, settings)
    assert auth is not None
    claims = {'sub': 'abc', 'aud': 'authenticated', 'iss': f'{stand_in.url}/auth/v1', 'exp': int(time.time()) + 60}
    token = jwt.encode(claims, 'a-long-jwt-secret-of-the-project-0123456789')
    assert (await auth.verifier.verify(token))['sub'] == 'abc'
    with pytest.raises(LoginError, match='Sign in to Chairside'):
        await auth.account_for_token(token)
    unset = SimpleNamespace(supabase_url='', supabase_anon_key=None, supabase_jwt_secret=None)
    assert SupabaseAuth.from_settings(db, unset) is None
