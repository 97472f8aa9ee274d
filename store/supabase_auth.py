"""Sign-in through Supabase Auth, mapped onto Chairside accounts.

The password goes to Supabase through its async client; the access token that comes back is then
verified here (store/supabase_jwt.py) before anyone is let in. Mapping, decided for Chairside:
- a Supabase user already linked (users.supabase_user_id) maps to that Chairside user;
- otherwise the Supabase email must be one Chairside already knows (the owner, or staff the owner
  invited) and be confirmed in Supabase, AND the person must prove the Chairside account once: its password,
  or for an invited person the one-time password of the invitation. An email alone proves nothing (a Supabase
  project that does not ask for confirmation lets anyone sign up with the owner's email). The two are then linked;
  a wrong proof counts against the sign-in limits like a wrong password. An invited person who links this way
  gives up the one-time password (Supabase is how they sign in from then on);
- any other Supabase user is refused with a message to ask the owner for an invitation.
Nobody becomes an owner through Supabase: the owner is made by the set-up form (accounts.create_owner).
The Supabase session is signed out (this session only) afterwards: Chairside keeps its own session.
"""
import contextlib
from datetime import datetime
from typing import Any, Protocol

import httpx
from sqlalchemy import select, update
from supabase import AsyncClientOptions, acreate_client
from supabase_auth.errors import AuthApiError, AuthError

from . import lockout
from .accounts import WRONG_CREDENTIALS, Account, load_account
from .db import Database
from .errors import LinkProofNeeded, LoginError
from .models import User
from .passwords import verify_password
from .supabase_jwt import SupabaseTokenVerifier
from .types import utcnow


class _Secret(Protocol):
    def get_secret_value(self) -> str: ...


class _SupabaseSettings(Protocol):
    supabase_url: str
    supabase_anon_key: _Secret | None
    supabase_jwt_secret: _Secret | None


class SupabaseAuth:
    def __init__(self, db: Database, supabase_url: str, anon_key: str, jwt_secret: str | None = None, *,
                 timeout: float = 10.0) -> None:
        self.db = db
        self.url = supabase_url.rstrip('/')
        self._anon_key = anon_key
        self._timeout = timeout
        self.verifier = SupabaseTokenVerifier(self.url, anon_key, jwt_secret, timeout=timeout)

    @classmethod
    def from_settings(cls, db: Database, settings: _SupabaseSettings) -> 'SupabaseAuth | None':
        """None unless both CHAIRSIDE_SUPABASE_URL and CHAIRSIDE_SUPABASE_ANON_KEY are set."""
        if not settings.supabase_url or settings.supabase_anon_key is None:
            return None
        secret = settings.supabase_jwt_secret.get_secret_value() if settings.supabase_jwt_secret else None
        return cls(db, settings.supabase_url, settings.supabase_anon_key.get_secret_value(), secret)

    async def sign_in(self, email: str, password: str, client_address: str, *, device: str | None = None,
                      proof: str | None = None, now: datetime | None = None) -> Account:
        """Same limits and same wrong-credentials message as local sign-in. `proof`: the Chairside password of the
        account this Supabase user is to be linked to, asked for once (LinkProofNeeded)."""
        email, now = email.strip().lower(), now or utcnow()
        if not email or not password:
            raise LoginError('Enter your email and password.')
        async with self.db.reading() as session:
            await lockout.check(session, email, client_address, now, device)
        async with httpx.AsyncClient(timeout=self._timeout) as http:
            options = AsyncClientOptions(auto_refresh_token=False, persist_session=False, httpx_client=http)
            supabase = await acreate_client(self.url, self._anon_key, options=options)
            try:
                response = await supabase.auth.sign_in_with_password({'email': email, 'password': password})
            except AuthApiError as error:
                if error.code == 'email_not_confirmed':
                    raise LoginError('Confirm your email address with the link Supabase sent, then sign in again.'
                                     ) from error
                if error.status >= 500:
                    raise LoginError('Supabase is not answering right now. Try again in a minute.') from error
                await self._failed(email, client_address, now, device)
                raise LoginError(WRONG_CREDENTIALS) from error
            except AuthError as error:
                raise LoginError('Supabase could not be reached. Try again in a minute.') from error
            try:
                if response.session is None or response.user is None:
                    raise LoginError('Supabase did not start a session. Confirm your email address, then try again.')
                claims = await self.verifier.verify(response.session.access_token)
                confirmed = response.user.email_confirmed_at is not None
                account = await self._account(claims, confirmed, proof, (email, client_address, now, device))
            finally:
                with contextlib.suppress(AuthError, httpx.HTTPError):
                    await supabase.auth.sign_out({'scope': 'local'})
        async with self.db.session() as session:
            await lockout.clear(session, email, client_address, device)
        return account

    async def account_for_token(self, access_token: str) -> Account:
        """The account for a Supabase access token presented by a client (only users already linked)."""
        claims = await self.verifier.verify(access_token)
        async with self.db.session() as session:
            user_id = await session.scalar(select(User.id).where(User.supabase_user_id == claims['sub']))
            if user_id is None:
                raise LoginError('Sign in to Chairside with your email and password once, then try again.')
            return _usable(await load_account(session, user_id))

    async def _account(self, claims: dict[str, Any], email_confirmed: bool, proof: str | None,
                       attempt: tuple[str, str, datetime, str | None]) -> Account:
        subject, email = claims['sub'], str(claims.get('email') or '').lower()
        async with self.db.reading() as session:
            user = await session.scalar(select(User).where(User.supabase_user_id == subject))
            if user is not None:
                return _usable(await load_account(session, user.id))
            user = await session.scalar(select(User).where(User.email == email)) if email else None
        if user is None:
            raise LoginError(f'{email or "This account"} is not part of a Chairside shop yet. Ask the shop '
                             f'owner to invite this email address, then sign in again.')
        if user.supabase_user_id is not None:
            raise LoginError('This email is linked to another Supabase account. Ask the shop owner for help.')
        if not email_confirmed:
            raise LoginError('Confirm your email address with the link Supabase sent, then sign in again.')
        if proof is None:
            raise LinkProofNeeded()
        if not await verify_password(user.password_hash, proof):  # no hash (none to prove with) is never matched
            await self._failed(*attempt)
            raise LoginError('That is not the Chairside password of this account. Enter the password you use for '
                             'Chairside, or the one-time password from your invitation.')
        dropped = {'password_hash': None, 'must_change_password': False} if user.must_change_password else {}
        async with self.db.session() as session:  # the invitation's one-time password has done its job: dropped
            linked = await session.execute(update(User).where(User.id == user.id, User.supabase_user_id.is_(None))
                                           .values(supabase_user_id=subject, **dropped))
            if not linked.rowcount:
                raise LoginError('This email is linked to another Supabase account. Ask the shop owner for help.')
            return _usable(await load_account(session, user.id))

    async def _failed(self, email: str, client_address: str, now: datetime, device: str | None) -> None:
        async with self.db.session() as session:
            paused = await lockout.record_failure(session, email, client_address, now, device)
        lockout.raise_if_paused(paused, now)


def _usable(account: Account) -> Account:
    if not account.shops:
        raise LoginError('Your account is no longer part of any shop. Ask the shop owner to invite you again.')
    return account
