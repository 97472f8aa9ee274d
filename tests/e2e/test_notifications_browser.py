from pathlib import Path

from playwright.sync_api import Browser, expect

from .conftest import App, sign_up


def test_a_notification_arrives_live_in_the_open_drawer(tmp_path: Path, knowledge_dir: str, browser: Browser,
                                                        output_dir: Path):
    app = App(tmp_path, CHAIRSIDE_SIM_START='2026-11-24T09:00:00', CHAIRSIDE_SIM_SPEED='600',
              CHAIRSIDE_SHOP_TIMEZONE='Europe/London', CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir)
    app.start()
    try:
        page = browser.new_page(viewport={'width': 1366, 'height': 900})
        sign_up(page, app)
        page.get_by_test_id('notifications-bell').click()
        drawer_items = page.get_by_test_id('notification')
        expect(page.get_by_text('Notifications', exact=True)).to_be_visible()
        expect(drawer_items.first).to_be_visible(timeout=60_000)  # 600x: a shop hour every 6 s
        page.screenshot(path=output_dir / 'notifications-drawer.png')
    finally:
        app.stop()
