"""A worker dies, nothing is lost: three `python main.py` workers behind the real HAProxy on a real PostgreSQL.

Events are posted through the proxy and a kiosk stays open in a real Chromium while the worker running the shop is
killed with -9. Within 10 s another worker runs the shop; every acknowledged event is in its figures; a post in the
gap was acknowledged or answered 503 with Retry-After; the open page came back by itself with the right figures.
"""
import asyncio
import time
from pathlib import Path

import httpx
import pytest
from playwright.async_api import async_playwright, expect

from engine import demo_profile
from engine.words import money
from store.accounts import create_owner
from store.db import Database
from store.shop_settings import set_setting
from store.staff import create_shop
from store.tokens import create_token
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

from .helpers import REAL_CLUSTER, holder, open_now, spread, until

PRICE = 10.0
TAKEN_OVER_WITHIN = 10.0  # seconds: the promise

pytestmark = REAL_CLUSTER


async def seed(url: str) -> tuple[list[str], str, str]:
    """An owner with a live shop open now, wherever the test runs (its API and kiosk tokens; the kiosk shows money),
    and two demo shops."""
    db = await Database.open(url)
    try:
        account = await create_owner(db, 'owner@example.com', 'correct horse battery', 'Fade Street',
                                     open_now(), demo_profile().to_dict(), mode='live')
        shop_id = account.shops[0].shop_id
        others = [(await create_shop(db, account.user_id, name, 'Europe/London', demo_profile().to_dict())).id
                  for name in ('Second Chair', 'Third Chair')]
        _, api = await create_token(db, shop_id, 'api', 'Till')
        _, kiosk = await create_token(db, shop_id, 'kiosk', 'TV')
        await set_setting(db, shop_id, 'kiosk_show_money', True)
        return [shop_id, *others], api, kiosk
    finally:
        await db.close()


class Poster:
    """A till posting one visit per request through the proxy, sending a visit again after a 503, as it is told."""

    def __init__(self, base: str, shop_id: str, token: str) -> None:
        self.base, self.shop_id, self.token = base, shop_id, token
        self.acknowledged: list[int] = []
        self.retry_later: list[str | None] = []  # each 503's Retry-After
        self.wrong: list[str] = []  # any other answer
        self.stopping = False

    async def run(self, visits: int | None = None, pause: float = 0.1) -> None:
        """Until stopped, or until `visits` more are acknowledged; `pause` between posts: a till's pace, not a wait."""
        async with httpx.AsyncClient(base_url=self.base, timeout=30) as http:
            n = len(self.acknowledged) + 1
            goal = None if visits is None else len(self.acknowledged) + visits
            while not self.stopping and (goal is None or len(self.acknowledged) < goal):
                await asyncio.sleep(pause)
                now = time.time()
                body = {'events': [
                    {'kind': 'CheckedIn', 'id': f'v{n}-in', 'at': now - 3, 'customer': f'c{n}', 'name': f'Guest {n}',
                     'walk_in': True},
                    {'kind': 'ServiceStarted', 'id': f'v{n}-go', 'at': now - 2, 'customer': f'c{n}',
                     'barber': 'Marco', 'service': 'Haircut'},
                    {'kind': 'ServiceCompleted', 'id': f'v{n}-done', 'at': now - 1, 'customer': f'c{n}',
                     'barber': 'Marco', 'service': 'Haircut', 'price': PRICE, 'tip': 0.0, 'retail': 0.0}]}
                try:
                    answer = await http.post(f'/api/shops/{self.shop_id}/events', json=body,
                                             headers={'Authorization': f'Bearer {self.token}'})
                except httpx.TransportError as error:
                    self.wrong.append(f'visit {n}: {type(error).__name__}')
                    continue
                if answer.status_code == 200:
                    self.acknowledged.append(n)
                    n += 1
                elif answer.status_code == 503:
                    self.retry_later.append(answer.headers.get('retry-after'))
                    await asyncio.sleep(0.2)  # shorter than Retry-After: the test's own patience, not the client's
                else:
                    self.wrong.append(f'visit {n}: {answer.status_code} {answer.text[:200]}')
                    n += 1


@pytest.fixture
def cluster(local_cluster):
    return local_cluster(3)


async def test_a_worker_killed_loses_nothing_and_its_shop_and_pages_come_back_on_another(cluster):
    url = await asyncio.to_thread(cluster.start_database)
    shop_ids, api_token, kiosk_token = await seed(url)
    shop_id = shop_ids[0]
    await asyncio.to_thread(cluster.start)
    await until(lambda: spread(url, shop_ids), 60, 'each worker runs one shop')  # the first up gives back
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
                                                   args=CHROMIUM_ARGS)
        page = await browser.new_page()
        await page.goto(f'{cluster.url}/kiosk/{kiosk_token}')
        await expect(page.get_by_text('Revenue today')).to_be_visible(timeout=30_000)

        poster = Poster(cluster.url, shop_id, api_token)
        await poster.run(visits=5)
        await expect(page.get_by_text(money(PRICE * 5), exact=True)).to_be_visible(timeout=30_000)  # the page is live
        posting = asyncio.create_task(poster.run())

        first = await holder(url, shop_id)
        cluster.kill(first)
        killed_at = time.monotonic()
        acknowledged_before = len(poster.acknowledged)
        await until(lambda: _other(url, shop_id, first), TAKEN_OVER_WITHIN, 'another worker runs the shop')
        assert time.monotonic() - killed_at <= TAKEN_OVER_WITHIN
        await until(lambda: asyncio.sleep(0, len(poster.acknowledged) >= acknowledged_before + 5), 30,
                    'visits acknowledged after the take-over')
        poster.stopping = True
        await posting

        expected = PRICE * len(poster.acknowledged)
        assert poster.wrong == [], 'every post was acknowledged or told to retry'
        assert all(retry == '2' for retry in poster.retry_later), poster.retry_later
        async with httpx.AsyncClient(base_url=cluster.url, timeout=10, follow_redirects=True) as http:  # a reader:
            # whichever worker it reaches sends it on to the shop's, by the proxy's cookie
            async def revenue() -> float | None:
                answer = await http.get(f'/api/shops/{shop_id}/metrics',
                                        headers={'Authorization': f'Bearer {api_token}'})
                figure = answer.json()['today']['revenue'] if answer.status_code == 200 else None
                return figure if figure == expected else None
            await until(revenue, 30, f'the new worker shows every acknowledged visit ({expected})')
        await expect(page.get_by_text(money(expected), exact=True)).to_be_visible(timeout=30_000)
        await browser.close()


async def _other(url: str, shop_id: str, first: str) -> str | None:
    now = await holder(url, shop_id)
    return now if now not in (None, first) else None
