"""Who is signed in: kept in NiceGUI's user storage, checked before any page but sign-in, set-up and kiosk."""
import functools
import logging
import re
import secrets
from collections.abc import MutableMapping
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from nicegui import Client, app, ui
from starlette.middleware.base import BaseHTTPMiddleware

from shops import Shops
from store.accounts import Account, Standing, get_account

from .placement import elsewhere
from .sign_in import KNOWN, clear_session, complete

log = logging.getLogger(__name__)

OPEN_ROUTES = ('/login', '/setup', '/kiosk')
_SAME_ORIGIN_PATH = re.compile(r'/(?!/)[!-\[\]-~]*')  # printable ASCII but the backslash


class AuthMiddleware(BaseHTTPMiddleware):
    """Sends a signed-out visitor of a page to sign in, and back to where they were going afterwards.

    Requests that arrive while the store is still opening wait for it; if it could not be opened, they are told why.
    """

    def __init__(self, app_, shops: Shops) -> None:
        super().__init__(app_)
        self.shops = shops

    async def dispatch(self, request: Request, call_next):
        path = request.url.path
        if not path.startswith('/_nicegui'):
            await self.shops.started.wait()
            if self.shops.startup_error:
                return PlainTextResponse(self.shops.startup_error, status_code=503)
        is_page = path in Client.page_routes.values() or path.startswith('/kiosk/')
        if is_page and not path.startswith(OPEN_ROUTES) and not app.storage.user.get('user_id'):
            target = quote(path) + (f'?{request.url.query}' if request.url.query else '')  # as the browser sent it
            return RedirectResponse(f'/login?redirect_to={quote(target)}')
        return await call_next(request)


def sign_in(shops: Shops, request: Request, account: Account, target: str) -> None:
    """Call once the password is checked, with the sign-in page's request: the browser goes to `target` (made safe
    here) under a new session id. It is remembered to have signed in as this email, so that strangers' guesses
    cannot pause it (store/lockout.py)."""
    known = app.storage.user.get(KNOWN) or {'device': secrets.token_hex(16), 'emails': []}
    emails = [account.email, *(e for e in known['emails'] if e != account.email)][:5]
    app.storage.user[KNOWN] = {'device': known['device'], 'emails': emails}
    complete(shops, request, account, safe_target(target))


async def sign_out(shops: Shops, user_id: str, session: MutableMapping) -> None:
    """Ends a browser's session (`session`: app.storage.user as the page found it); its open tabs go to sign-in."""
    clear_session(session)
    await shops.session_watch.tell(user_id)


def device_for(email: str) -> str | None:
    """This browser, for the sign-in limits, if it signed in as this email before; else None (counted by address)."""
    known = app.storage.user.get(KNOWN)
    return known['device'] if known and email.strip().lower() in known['emails'] else None


def client_address(request: Request) -> str:
    """The visitor's address, as uvicorn took it from X-Forwarded-For when the peer is a trusted proxy.

    A forwarded header that was not believed means a proxy the settings do not name: then every visitor shares the
    proxy's address, which the sign-in limits count as one, so it is said once in the log.
    """
    address = request.client.host if request.client else 'unknown'
    forwarded = request.headers.get('x-forwarded-for')
    if forwarded and address not in {hop.strip() for hop in forwarded.split(',')}:
        _say_untrusted(address)
    return address


@functools.lru_cache(maxsize=8)  # once per proxy
def _say_untrusted(address: str) -> None:
    log.warning('requests from %s carry X-Forwarded-For, which is not believed: if it is your reverse proxy, add it to '
                'CHAIRSIDE_TRUSTED_PROXIES, or every visitor counts as that one address', address)


async def signed_in(shops: Shops) -> tuple[Account, str] | None:
    """The signed-in account and the shop it is looking at, or None when the session no longer holds (signed out, the
    password changed since it signed in, or no shop left)."""
    user_id = app.storage.user.get('user_id')
    account = await get_account(shops.store, user_id) if user_id else None
    if account is None or not account.shops or account.session_epoch != app.storage.user.get('epoch', 0):
        clear_session(app.storage.user)
        return None
    shop_id = app.storage.user.get('shop_id')
    if account.role_in(shop_id) is None:
        shop_id = account.shops[0].shop_id
        app.storage.user['shop_id'] = shop_id
    return account, shop_id


async def page_session(shops: Shops, path: str) -> tuple[Account, str] | None:
    """For a page's first lines: the account and shop, or None after sending the visitor where they must go first
    (sign-in, and back here afterwards; or their own account page while a one-time password is to be changed)."""
    session = await signed_in(shops)
    if session is None:
        ui.navigate.to(f'/login?redirect_to={quote(path)}')
        return None
    if session[0].must_change_password:
        ui.navigate.to('/account')
        return None
    if elsewhere(shops, session[1], path):  # in a cluster, another worker runs the shop: the page loads there
        return None
    watch_session(shops, *session, path)
    return session


def watch_session(shops: Shops, account: Account, shop_id: str, path: str) -> None:
    """Call inside a page: it goes to sign-in (and back here after) once its session no longer holds: signed out in
    another tab, the password changed, no shop left; removed from this shop only, to the dashboard of another."""
    storage, leave = app.storage.user, ui.navigate.to  # bound now: in tests each simulated user has its own

    def check(standing: Standing | None) -> None:
        holds = standing is not None and storage.get('user_id') == account.user_id \
            and storage.get('epoch', 0) == standing.session_epoch and bool(standing.shop_ids)
        if holds and shop_id in standing.shop_ids:
            return
        shops.session_watch.unwatch(account.user_id, check)  # once is enough
        if holds:
            leave('/')
            return
        if storage.get('user_id') == account.user_id:
            clear_session(storage)  # this browser's session is over
        leave(f'/login?redirect_to={quote(path)}')
    shops.session_watch.watch(account.user_id, check)


def safe_target(redirect_to: str | None) -> str:
    r"""Only paths of this app, so a crafted link cannot send someone elsewhere after signing in.

    A browser drops tabs and newlines anywhere in a URL, strips control characters and spaces at its ends and reads a
    backslash as a slash: `/\evil.example` and `/<TAB>/evil.example` both mean `//evil.example`, another site. Rather
    than copy those rules, only printable ASCII without a backslash is taken, starting with exactly one slash, which
    no browser reads as anything but a path on this origin. Our own links quote their targets, so real ones pass.
    """
    return redirect_to if redirect_to and _SAME_ORIGIN_PATH.fullmatch(redirect_to) else '/'
