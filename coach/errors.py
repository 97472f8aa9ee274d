"""Any provider's exception, read once into what the chain must do and a sentence a shop owner can read.

Duck-typed on purpose (status_code / code / response.headers), so this file imports none of the three SDKs.
"""
from __future__ import annotations

import email.utils
import re
import time
from dataclasses import dataclass

_SECRET = re.compile(r'(sk-[\w-]{6,}|sk-ant-[\w-]{6,}|AIza[\w-]{10,}|Bearer\s+\S+|key=[\w-]{8,})')
_TIMEOUTS = {'TimeoutException', 'ReadTimeout', 'ConnectTimeout', 'WriteTimeout', 'PoolTimeout', 'APITimeoutError',
             'TimeoutError'}
_CONNECTION = {'TransportError', 'NetworkError', 'ConnectError', 'RemoteProtocolError', 'ReadError',
               'APIConnectionError', 'ServerDisconnectedError', 'ClientConnectorError'}


@dataclass(frozen=True, slots=True)
class Failure:
    kind: str  # auth, rate_limit, server, timeout, connection, stream_error, refused, unexpected
    reason: str  # one sentence for the owner; no secrets
    retryable: bool
    retry_after: float | None = None  # seconds the provider asked us to wait


def redact(text: str) -> str:
    return _SECRET.sub('[redacted]', text)


def classify(exc: BaseException, label: str, key_env: str) -> Failure:
    names = {cls.__name__ for cls in type(exc).__mro__}
    status = _status(exc)
    if status in (401, 403):
        return Failure('auth', f'{label} rejected the API key; check {key_env}.', False)
    if status == 429:
        wait = retry_after(exc)
        return Failure('rate_limit', f'{label} is limiting requests (429 Too Many Requests).', True, wait)
    if status is not None and (status >= 500 or status in (408, 409)):
        return Failure('server', f'{label} had a server error ({status}).', True, retry_after(exc))
    if status == 200 or (status is None and 'APIError' in names and not names & (_TIMEOUTS | _CONNECTION)):
        return Failure('stream_error', f'{label} reported an error while answering: {_message(exc)}.', True)
    if status is not None:
        return Failure('refused', f'{label} refused the request ({status}: {_message(exc)}).', False)
    if names & _TIMEOUTS:
        return Failure('timeout', f'{label} did not answer in time.', True)
    if names & _CONNECTION or isinstance(exc, OSError):
        return Failure('connection', f'Could not reach {label} ({type(exc).__name__}).', True)
    return Failure('unexpected', f'{label} failed unexpectedly ({type(exc).__name__}: {_message(exc)}).', False)


def retry_after(exc: BaseException) -> float | None:
    """Seconds from Retry-After (seconds or an HTTP date) or retry-after-ms, when the provider sent one."""
    headers = getattr(getattr(exc, 'response', None), 'headers', None)
    if not headers:
        return None
    try:
        if (ms := headers.get('retry-after-ms')) is not None:
            return max(float(ms) / 1000, 0.0)
        value = headers.get('retry-after')
        if value is None:
            return None
        try:
            return max(float(value), 0.0)
        except ValueError:
            return max(email.utils.parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return None


def _status(exc: BaseException) -> int | None:
    for attr in ('status_code', 'code'):
        value = getattr(exc, attr, None)
        if isinstance(value, int) and 100 <= value < 600:
            return value
    return None


def _message(exc: BaseException) -> str:
    body = getattr(exc, 'body', None)
    message = getattr(exc, 'message', None) or str(exc)
    if isinstance(body, dict):  # anthropic: {'type': 'error', 'error': {'type': ..., 'message': ...}}
        inner = body.get('error', body)
        message = inner.get('message', message) if isinstance(inner, dict) else message
    message = ' '.join(redact(str(message)).split())
    return message[:160].rstrip('.') or type(exc).__name__
