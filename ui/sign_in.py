"""Signing in ends on an HTTP request that gives the browser a new session id: an id someone planted in the browser,
or saw, before the sign-in opens nothing after it."""
import secrets
import time
import uuid
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from store.accounts import Account

if TYPE_CHECKING:
    from .context import AppContext

TICKET_SECONDS = 60.0
KNOWN = 'signed_in_before'  # in the browser's user storage: a device id and the emails it signed in as


def clear_session(storage: MutableMapping) -> None:
    """The session is over; what the browser is known by (KNOWN, for the sign-in limits) stays with it."""
    known = storage.get(KNOWN)
    storage.clear()
    if known:
        storage[KNOWN] = known


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


def complete(ctx: 'AppContext', request: Request, account: Account, target: str) -> None:
    """Call once the password is checked, with the request of the sign-in page and a target that is safe
    (auth.safe_target): the browser goes there through /login/finish, signed in under a new session id."""
    ui.navigate.to(f'/login/finish?ticket={ctx.sign_ins.issue(request.session["id"], account, target)}')


def create(ctx: 'AppContext') -> None:
    @app.get('/login/finish', include_in_schema=False)
    async def finish(request: Request, ticket: str = '') -> RedirectResponse:
        pending = ctx.sign_ins.redeem(ticket, request.session['id'])
        if pending is None:  # used, too old, from another browser, or from before a restart
            return RedirectResponse('/login', status_code=303)
        known = app.storage.user.get(KNOWN)
        app.storage.user.clear()  # the old id keeps nothing
        request.session['id'] = str(uuid.uuid4())  # the session cookie of this response carries the new id
        await app.storage._create_user_storage(request.session['id'])  # NiceGUI's own step (else the next request's)
        app.storage.user.update(user_id=pending.user_id, shop_id=pending.shop_id, epoch=pending.session_epoch)
        if known:
            app.storage.user[KNOWN] = known
        return RedirectResponse(pending.target, status_code=303)
