"""Verify Supabase access tokens on the server: signature, audience, issuer, expiry.

Asymmetric tokens (ES256, RS256) are checked against the project's published JWKS; HS256 tokens only
against the JWT secret, and only when one is configured. The algorithm a token names must fit the
key it is checked with, so an attacker cannot pick HS256 and sign with the public key.
"""
import time
from typing import Any

import httpx
import jwt

from .errors import LoginError

AUDIENCE = 'authenticated'
ASYMMETRIC = {'ES256': 'EC', 'RS256': 'RSA'}
_UNVERIFIED = 'The sign-in could not be verified. Sign in again.'


class SupabaseTokenVerifier:
    def __init__(self, supabase_url: str, anon_key: str, jwt_secret: str | None = None, *,
                 jwks_ttl: float = 600.0, timeout: float = 10.0, leeway: float = 10.0) -> None:
        self.base = supabase_url.rstrip('/')
        self.issuer = f'{self.base}/auth/v1'
        self.jwks_url = f'{self.issuer}/.well-known/jwks.json'
        self._anon_key = anon_key
        self._secret = jwt_secret or None
        self._ttl, self._timeout, self._leeway = jwks_ttl, timeout, leeway
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0

    async def verify(self, access_token: str) -> dict[str, Any]:
        """The token's claims (sub, email, ...) once it is proven genuine and current; else LoginError."""
        try:
            header = jwt.get_unverified_header(access_token)
        except jwt.InvalidTokenError as error:
            raise LoginError(_UNVERIFIED) from error
        algorithm = header.get('alg')
        if algorithm == 'HS256' and self._secret:
            key: Any = self._secret
        elif algorithm in ASYMMETRIC:
            key = await self._public_key(header.get('kid'), algorithm)
        else:
            raise LoginError(_UNVERIFIED)
        try:
            return jwt.decode(access_token, key, algorithms=[algorithm], audience=AUDIENCE, issuer=self.issuer,
                              leeway=self._leeway, options={'require': ['exp', 'sub', 'aud', 'iss']})
        except jwt.ExpiredSignatureError as error:
            raise LoginError('Your Supabase sign-in has expired. Sign in again.') from error
        except jwt.InvalidTokenError as error:
            raise LoginError(_UNVERIFIED) from error

    async def _public_key(self, kid: str | None, algorithm: str) -> Any:
        stale = time.monotonic() - self._fetched_at > self._ttl
        if stale or (kid not in self._keys and time.monotonic() - self._fetched_at > 30):  # keys rotate: refetch
            await self._fetch()
        found = self._keys.get(kid or '')
        if found is None or found.key_type != ASYMMETRIC[algorithm]:
            raise LoginError(_UNVERIFIED)
        return found.key

    async def _fetch(self) -> None:
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                response = await client.get(self.jwks_url, headers={'apikey': self._anon_key})
                response.raise_for_status()
                key_set = jwt.PyJWKSet.from_dict(response.json())
        except (httpx.HTTPError, ValueError, jwt.PyJWKSetError) as error:
            raise LoginError('Supabase could not be reached to check the sign-in. Try again in a minute.') from error
        self._keys = {key.key_id: key for key in key_set.keys if key.key_id}
        self._fetched_at = time.monotonic()
