"""Errors a person can meet. Each message says what to do; each is a ValueError so callers can catch broadly."""
from datetime import datetime


class StoreError(ValueError):
    """Base of every error with a message meant for the person at the screen."""


class NotFoundError(StoreError):
    """The row does not exist in this shop (or belongs to another one: the two are not told apart)."""


class AccountError(StoreError):
    """Sign-up, invitation or password change refused."""


class PasswordRuleError(AccountError):
    """A new password breaks a rule."""


class LoginError(StoreError):
    """Sign-in refused. The message never reveals whether the email exists."""


class LinkProofNeeded(LoginError):
    """A Supabase user would be linked to a Chairside account that exists: its Chairside password must be given once."""

    def __init__(self) -> None:
        super().__init__('This email already has a Chairside account. To sign in with Supabase from now on, enter its '
                         'Chairside password once below (if you were invited: the one-time password from the owner).')


class LockedOutError(LoginError):
    def __init__(self, retry_at: datetime, minutes: int) -> None:
        self.retry_at = retry_at
        when = 'in 1 minute' if minutes <= 1 else f'in {minutes} minutes'
        super().__init__(f'Too many failed sign-ins from this address. Sign-in is paused: try again {when} '
                         f'(at {retry_at:%H:%M} UTC).')


class EventError(StoreError):
    """An event to append is malformed; the message names the field."""

    def __init__(self, message: str, field: str, index: int | None = None) -> None:
        self.field = field
        self.index = index
        super().__init__(message)
