"""A browser signed in through one worker is signed in on every worker, and signing out on one ends it on all.

Two `python main.py` workers behind the real HAProxy on a real PostgreSQL, each with its own NiceGUI storage folder, as
on two machines; a real Chromium.
"""
import asyncio
from pathlib import Path

from playwright.async_api import async_playwright, expect

from engine import demo_profile
from store.accounts import create_owner
from store.db import Database
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

from .helpers import REAL_CLUSTER, holder, until

pytestmark = REAL_CLUSTER
EMAIL, PASSWORD = 'owner@example.com', 'correct horse battery'
WITHIN = 30_000  # ms: a bound on a hang (Playwright's default is 5 s), not a measure of speed


async def test_signed_in_through_one_worker_is_signed_in_on_the_other_and_signing_out_ends_both(local_cluster):
    cluster = local_cluster(2)
    url = await asyncio.to_thread(cluster.start_database)
    db = await Database.open(url)
    try:
        shop_id = (await create_owner(db, EMAIL, PASSWORD, 'Fade Street', 'Europe/London', demo_profile().to_dict(),
                                      mode='live')).shops[0].shop_id
    finally:
        await db.close()
    await asyncio.to_thread(cluster.start)
    runs = await until(lambda: holder(url, shop_id), 60, 'a worker runs the shop')
    signs_in = next(name for name in cluster.names if name != runs)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
                                                   args=CHROMIUM_ARGS)
        context = await browser.new_context()
        await context.add_cookies([{'name': 'chairside_worker', 'value': signs_in, 'url': cluster.url}])
        dashboard = await context.new_page()
        await dashboard.goto(f'{cluster.url}/login')  # the proxy takes it to the worker that does not run the shop
        await dashboard.get_by_label('Email').fill(EMAIL)
        await dashboard.get_by_label('Password', exact=True).fill(PASSWORD)
        await dashboard.get_by_role('button', name='Sign in').click()
        # signed in there, the dashboard goes on to the shop's worker (ui/placement.py), which knows the browser too
        await expect(dashboard.get_by_test_id('metric-revenue')).to_be_visible(timeout=WITHIN)
        assert '/login' not in dashboard.url

        account = await context.new_page()  # straight to the worker it signed in on: a page of no shop stays there
        await account.goto(f'{cluster.worker_url(signs_in)}/account')
        await expect(account.get_by_role('button', name='Change password')).to_be_visible(timeout=WITHIN)

        await dashboard.get_by_test_id('user-menu').click()
        await dashboard.get_by_text('Sign out').click()
        await expect(dashboard.get_by_role('button', name='Sign in')).to_be_visible(timeout=WITHIN)
        await expect(account.get_by_role('button', name='Sign in')).to_be_visible(timeout=WITHIN)  # the other worker's
        await account.goto(f'{cluster.worker_url(signs_in)}/account')
        await expect(account.get_by_role('button', name='Sign in')).to_be_visible(timeout=WITHIN)
        await browser.close()
