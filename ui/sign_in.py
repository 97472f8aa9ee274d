"""Signing in ends on an HTTP request that gives the browser a new session id: an id someone planted in the browser,
or saw, before the sign-in opens nothing after it."""
import uuid
from collections.abc import MutableMapping

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui

from shops import Shops
from store.accounts import Account

KNOWN = 'signed_in_before'  # in the browser's user storage: a device id and the emails it signed in as


def clear_session(storage: MutableMapping) -> None:
    """The session is over; what the browser is known by (KNOWN, for the sign-in limits) stays with it."""
    known = storage.get(KNOWN)
    storage.clear()
    if known:
        storage[KNOWN] = known


def complete(shops: Shops, request: Request, account: Account, target: str) -> None:
    """Call once the password is checked, with the request of the sign-in page and a target that is safe
    (auth.safe_target): the browser goes there through /login/finish, signed in under a new session id."""
    ui.navigate.to(f'/login/finish?ticket={shops.sign_ins.issue(request.session["id"], account, target)}')


def create(shops: Shops) -> None:
    @app.get('/login/finish', include_in_schema=False)
    async def finish(request: Request, ticket: str = '') -> RedirectResponse:
        pending = shops.sign_ins.redeem(ticket, request.session['id'])
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
