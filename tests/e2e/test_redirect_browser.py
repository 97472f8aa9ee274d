"""Finding 4 in the browser itself: a sign-in link crafted to lead elsewhere keeps Chromium on the app's origin.

Chromium applies its own URL rules (a backslash read as a slash, tabs dropped), so only a real browser shows whether
a target is safe. Every request to another host is recorded and aborted: nothing leaves this machine.
"""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route

from .conftest import App, sign_up

PASSWORD = 'a long owner password'  # as sign_up types it


@pytest.mark.parametrize('crafted', ['/%5Cexample.org', '/%09/example.org'])
def test_signing_in_from_a_crafted_link_stays_on_the_app(shop_app: App, browser: Browser, crafted: str):
    sign_up(browser.new_page(), shop_app)
    context = browser.new_context()  # a visitor who is signed out
    elsewhere: list[str] = []

    def only_the_app(route: Route) -> None:
        if urlsplit(route.request.url).hostname == '127.0.0.1':
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()
    context.route('**/*', only_the_app)
    page = context.new_page()
    page.goto(f'{shop_app.url}/login?redirect_to={crafted}')
    page.get_by_label('Email').fill('owner@example.com')
    page.get_by_label('Password', exact=True).fill(PASSWORD)
    page.get_by_role('button', name='Sign in').click()
    dashboard = page.get_by_test_id('metric-revenue-value')
    for _ in range(150):  # a bound of 30 s on where the browser goes, not a measure of speed
        if elsewhere or dashboard.is_visible():
            break
        page.wait_for_timeout(200)
    assert elsewhere == []
    assert dashboard.is_visible()
    assert page.url.startswith(f'{shop_app.url}/')
    context.close()
