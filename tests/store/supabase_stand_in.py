"""A STAND-IN for Supabase Auth (GoTrue) on 127.0.0.1, for tests only: hosted Supabase cannot run here.

It answers the endpoints the real `supabase` client calls, with Supabase's JSON shapes, and signs
ES256 access tokens with a key made for the test, published at /auth/v1/.well-known/jwks.json.
"""
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm


@dataclass
class StandInUser:
    email: str
    password: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    confirmed: bool = True


class SupabaseStandIn:
    def __init__(self, token_ttl: int = 3600) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.kid = secrets.token_hex(8)
        self.token_ttl = token_ttl
        self.users: dict[str, StandInUser] = {}
        self.requests: list[str] = []  # 'METHOD /path?query', to assert what the client called
        self._refresh: dict[str, StandInUser] = {}
        self._server = ThreadingHTTPServer(('127.0.0.1', 0), _handler(self))
        self.url = f'http://127.0.0.1:{self._server.server_address[1]}'
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> 'SupabaseStandIn':
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add_user(self, email: str, password: str, *, confirmed: bool = True) -> StandInUser:
        user = StandInUser(email.lower(), password, confirmed=confirmed)
        self.users[user.email] = user
        return user

    def jwks(self) -> dict[str, Any]:
        public = ECAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {'keys': [{**public, 'kid': self.kid, 'alg': 'ES256', 'use': 'sig', 'key_ops': ['verify']}]}

    def access_token(self, user: StandInUser, *, ttl: int | None = None, audience: str = 'authenticated',
                     key: Any = None, kid: str | None = None) -> str:
        now = int(time.time())
        claims = {'iss': f'{self.url}/auth/v1', 'sub': user.id, 'aud': audience, 'iat': now,
                  'exp': now + (self.token_ttl if ttl is None else ttl), 'email': user.email, 'phone': '',
                  'app_metadata': {'provider': 'email', 'providers': ['email']}, 'user_metadata': {},
                  'role': 'authenticated', 'aal': 'aal1', 'amr': [{'method': 'password', 'timestamp': now}],
                  'session_id': str(uuid.uuid4()), 'is_anonymous': False}
        return jwt.encode(claims, key or self.key, algorithm='ES256', headers={'kid': kid or self.kid})

    def user_json(self, user: StandInUser) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat()
        confirmed = now if user.confirmed else None
        return {'id': user.id, 'aud': 'authenticated', 'role': 'authenticated', 'email': user.email, 'phone': '',
                'email_confirmed_at': confirmed, 'confirmed_at': confirmed, 'last_sign_in_at': now,
                'app_metadata': {'provider': 'email', 'providers': ['email']}, 'user_metadata': {},
                'identities': [], 'created_at': now, 'updated_at': now, 'is_anonymous': False}

    def session_json(self, user: StandInUser) -> dict[str, Any]:
        refresh = secrets.token_urlsafe(12)
        self._refresh[refresh] = user
        return {'access_token': self.access_token(user), 'token_type': 'bearer', 'expires_in': self.token_ttl,
                'expires_at': int(time.time()) + self.token_ttl, 'refresh_token': refresh,
                'user': self.user_json(user)}

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: dict[str, Any],
               bearer: str | None) -> tuple[int, Any]:
        if method == 'GET' and path == '/auth/v1/.well-known/jwks.json':
            return 200, self.jwks()
        if method == 'POST' and path == '/auth/v1/token' and query.get('grant_type') == ['password']:
            user = self.users.get(str(body.get('email', '')).lower())
            if user is None or user.password != body.get('password'):
                return 400, {'code': 'invalid_credentials', 'message': 'Invalid login credentials'}
            if not user.confirmed:
                return 400, {'code': 'email_not_confirmed', 'message': 'Email not confirmed'}
            return 200, self.session_json(user)
        if method == 'POST' and path == '/auth/v1/token' and query.get('grant_type') == ['refresh_token']:
            user = self._refresh.pop(str(body.get('refresh_token')), None)
            if user is None:
                return 400, {'code': 'refresh_token_not_found', 'message': 'Invalid Refresh Token'}
            return 200, self.session_json(user)
        user = self._bearer_user(bearer)
        if method == 'GET' and path == '/auth/v1/user':
            return (200, self.user_json(user)) if user else (401, {'code': 'bad_jwt', 'message': 'invalid JWT'})
        if method == 'POST' and path == '/auth/v1/logout':
            return 204, None
        return 404, {'code': 'not_found', 'message': f'{method} {path} is not part of this stand-in'}

    def _bearer_user(self, bearer: str | None) -> StandInUser | None:
        try:
            claims = jwt.decode(bearer or '', self.key.public_key(), algorithms=['ES256'], audience='authenticated')
        except jwt.InvalidTokenError:
            return None
        return next((u for u in self.users.values() if u.id == claims['sub']), None)


def _handler(stand_in: SupabaseStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer('GET')

        def do_POST(self) -> None:  # noqa: N802
            self._answer('POST')

        def _answer(self, method: str) -> None:
            url = urlparse(self.path)
            length = int(self.headers.get('Content-Length') or 0)
            body = json.loads(self.rfile.read(length) or b'{}') if length else {}
            authorization = self.headers.get('Authorization', '')
            bearer = authorization.removeprefix('Bearer ') if authorization.startswith('Bearer ') else None
            stand_in.requests.append(f'{method} {self.path}')
            status, payload = stand_in.answer(method, url.path, parse_qs(url.query), body, bearer)
            data = b'' if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('X-Supabase-Api-Version', '2024-01-01')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_: Any) -> None:
            pass

    return Handler
