"""Password hashing (argon2id) and rules. Hashing is CPU-bound, so it runs in a worker thread."""
import asyncio
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import PasswordRuleError

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 takes any length; this only bounds the work a request can ask for

hasher = PasswordHasher()  # RFC 9106 low-memory profile; tests swap in argon2.profiles.CHEAPEST
# Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH: str | None = None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; an absent hash is checked against a dummy, to take the same time."""
    global _DUMMY_HASH
    if password_hash is None:
        _DUMMY_HASH = _DUMMY_HASH or await hash_password(secrets.token_urlsafe(16))
        password_hash = _DUMMY_HASH
    try:
        return await asyncio.to_thread(hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher.check_needs_rehash(password_hash)


def check_new_password(password: str, *, email: str, old: str | None = None) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordRuleError(f'Choose a password of at least {MIN_LENGTH} characters; a short sentence works well.')
    if len(password) > MAX_LENGTH:
        raise PasswordRuleError(f'Choose a password of at most {MAX_LENGTH} characters.')
    if not password.strip():
        raise PasswordRuleError('Choose a password that is not only spaces.')
    if password.strip().lower() == email.lower():
        raise PasswordRuleError('Choose a password that is not your email address.')
    if old is not None and password == old:
        raise PasswordRuleError('Choose a new password that differs from the current one.')


def one_time_password() -> str:
    """Given to an invited person once; they must replace it at first sign-in."""
    return secrets.token_urlsafe(12)  # 16 characters, 96 bits
