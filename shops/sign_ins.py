"""One-time sign-in tickets: from a checked password (on a page's websocket, where no cookie can be set) to the HTTP
request that gives the browser a new session id (ui/sign_in.py)."""
import secrets
import time
from dataclasses import dataclass

from store.accounts import Account

TICKET_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class _Pending:
    session_id: str  # of the browser that signed in: a ticket carried to another browser opens nothing
    user_id: str
    shop_id: str
    session_epoch: int
    target: str
    expires: float


class Tickets:
    """From a checked password (on the page's websocket, where no cookie can be set) to the request that renews the
    session: each ticket once, within TICKET_SECONDS, from the browser that signed in (so a link to someone else's
    ticket cannot sign a victim into that account)."""

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}

    def issue(self, session_id: str, account: Account, target: str) -> str:
        now = time.monotonic()
        self._pending = {ticket: p for ticket, p in self._pending.items() if p.expires > now}
        ticket = secrets.token_urlsafe(32)
        self._pending[ticket] = _Pending(session_id, account.user_id, account.shops[0].shop_id, account.session_epoch,
                                         target, now + TICKET_SECONDS)
        return ticket

    def redeem(self, ticket: str, session_id: str) -> _Pending | None:
        pending = self._pending.pop(ticket, None)
        if pending is None or pending.expires <= time.monotonic() or pending.session_id != session_id:
            return None
        return pending
