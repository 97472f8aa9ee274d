"""Finding 10: the session id was not renewed at sign-in, the cookie was never `Secure`, and there were no security
headers."""
import httpx
import pytest
from nicegui import app
from nicegui.testing import User

from store.accounts import get_account
from store.staff import list_members
from store.tokens import create_token
from tests.ui.helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in, sign_up_owner

COOKIE = 'session'  # Starlette's SessionMiddleware, which NiceGUI's storage rides on


async def _signed_out_owner(user: User) -> None:
    await sign_up_owner(user)
    user.find(marker='user-menu').click()
    user.find(marker='sign-out').click()
    await user.should_see(marker='sign-in')


async def test_a_session_id_planted_before_sign_in_opens_nothing_after_it(user: User, create_user):
    await _signed_out_owner(user)
    attacker = create_user()
    await attacker.open('/login')
    planted = attacker.http_client.cookies[COOKIE]
    victim = create_user()
    victim.http_client.cookies = attacker.http_client.cookies  # session fixation: the attacker's id in her browser
    await sign_in(victim, OWNER_EMAIL, OWNER_PASSWORD)
    await victim.should_see(marker='metric-revenue', retries=50)
    assert victim.http_client.cookies[COOKIE] != planted  # a new session id came with the sign-in
    await attacker.open('/')
    await attacker.should_see(marker='sign-in')  # before: the attacker's cookie now opened the owner's dashboard
    await attacker.should_not_see(marker='metric-revenue')


async def test_a_sign_in_ticket_works_once_and_only_in_the_browser_that_signed_in(user: User, create_user):
    await sign_up_owner(user)
    ctx = app.state.shops
    ((owner_id, _, _),) = await list_members(ctx.store, next(iter(ctx.engines)))
    account = await get_account(ctx.store, owner_id)
    browser = create_user()
    await browser.open('/login')
    session_id, before = browser.client.request.session['id'], httpx.Cookies(browser.http_client.cookies)

    carried = ctx.sign_ins.issue(session_id, account, '/settings')
    stranger = create_user()  # e.g. a link to someone's ticket, sent to sign a victim into that account
    answer = await stranger.http_client.get(f'/login/finish?ticket={carried}', follow_redirects=True)
    assert answer.url.path == '/login' and answer.url.params.get('redirect_to') is None

    ticket = ctx.sign_ins.issue(session_id, account, '/settings')
    first = await browser.http_client.get(f'/login/finish?ticket={ticket}', follow_redirects=True)
    assert first.url.path == '/settings'
    browser.http_client.cookies = before  # the same browser, as before signing in, with the same link again
    again = await browser.http_client.get(f'/login/finish?ticket={ticket}', follow_redirects=True)
    assert again.url.path == '/login'


async def test_cookies_are_not_secure_by_default(user: User):
    response = await user.http_client.get('/setup')
    assert 'secure' not in response.headers['set-cookie'].lower()  # plain http on 127.0.0.1 must keep working


@pytest.fixture
def served_over_https(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('CHAIRSIDE_SECURE_COOKIES', 'true')


async def test_behind_https_the_session_cookie_is_secure(served_over_https, user: User):
    response = await user.http_client.get('/setup')
    cookie = [part.strip().lower() for part in response.headers['set-cookie'].split(';')]
    assert 'secure' in cookie  # before: never, so a plain-http request could carry the session
    assert 'httponly' in cookie and 'samesite=lax' in cookie


async def test_every_response_carries_the_security_headers(user: User, create_user):
    await sign_up_owner(user)
    _, kiosk = await create_token(app.state.shops.store, next(iter(app.state.shops.engines)), 'kiosk', 'TV')
    stranger = create_user()
    for path in ('/', '/login', '/api/health', '/api/shops/x/metrics', '/docs', f'/kiosk/{kiosk}'):
        headers = (await stranger.http_client.get(path)).headers  # '/' answers with a redirect to sign-in
        assert headers['x-content-type-options'] == 'nosniff', path
        assert headers['referrer-policy'] == 'same-origin', path  # a kiosk link's token never leaves the site
        if path.startswith('/kiosk/'):  # a TV's signage player may show it in a frame: nothing there to click
            assert 'x-frame-options' not in headers and 'content-security-policy' not in headers
        else:
            assert headers['x-frame-options'] == 'DENY', path
            assert headers['content-security-policy'] == "frame-ancestors 'none'", path
    await stranger.open(f'/kiosk/{kiosk}')
    await stranger.should_see(marker='kiosk-time')
