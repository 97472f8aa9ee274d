import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Browser, expect

from store.db import Database
from store.shops import all_shops
from store.tokens import create_token

from .conftest import sign_up

SCREENS = {'1080p': (1920, 1080), '4k': (3840, 2160), 'portrait': (1080, 1920)}


def _kiosk_token(data_dir) -> str:
    async def create() -> str:
        db = await Database.open(f'sqlite+aiosqlite:///{data_dir}/chairside.db')
        try:
            (shop,) = await all_shops(db)
            return (await create_token(db, shop.id, 'kiosk', 'TV'))[1]
        finally:
            await db.close()
    with ThreadPoolExecutor(1) as pool:  # sync Playwright holds this thread's event loop
        return pool.submit(asyncio.run, create()).result()


@pytest.fixture
def kiosk_url(shop_app, browser: Browser, tmp_path) -> str:
    page = browser.new_page()
    sign_up(page, shop_app)
    page.close()
    return f'{shop_app.url}/kiosk/{_kiosk_token(tmp_path)}'


@pytest.mark.parametrize('screen', SCREENS)
def test_the_kiosk_fills_the_screen_without_scrollbars(kiosk_url, browser: Browser, output_dir, screen):
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={'width': width, 'height': height})
    page.goto(kiosk_url)
    expect(page.get_by_text('Walk-in wait')).to_be_visible()
    page.wait_for_timeout(500)
    page.screenshot(path=output_dir / f'kiosk-{screen}.png')
    assert page.evaluate('document.documentElement.scrollWidth') <= width
    assert page.evaluate('document.documentElement.scrollHeight') <= height
    review = page.locator('.kiosk-review').bounding_box()
    assert review is None or review['y'] + review['height'] <= height  # the last row is on screen


def test_the_kiosk_recovers_by_itself_after_a_server_restart(shop_app, kiosk_url, browser: Browser):
    page = browser.new_page(viewport={'width': 1920, 'height': 1080})
    page.goto(kiosk_url)
    expect(page.get_by_text('Walk-in wait')).to_be_visible()
    shop_app.stop()
    expect(page.get_by_text('Reconnecting…')).to_be_visible()
    shop_app.start()
    expect(page.get_by_text('Reconnecting…')).to_be_hidden()
    expect(page.get_by_text('Walk-in wait')).to_be_visible()
    time_label = page.locator('.kiosk-clock')
    first = time_label.inner_text()
    expect(time_label).not_to_have_text(first)  # live again: the 60x clock moves each second
