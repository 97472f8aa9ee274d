"""Issue 22, fast start: shops are listed at start and started in the background, the ones someone waits for first;
a page of a shop not started yet says so and fills in once it is ready, without a reload; the API answers 503 with
Retry-After for its figures, and keeps the events posted meanwhile. The test starts each shop itself (held start)."""
from pathlib import Path

import pytest
from nicegui import app
from nicegui.testing import User

from engine import SimClock, demo_profile
from store.accounts import create_owner
from store.db import Database
from store.staff import create_shop
from store.tokens import create_token
from tests.api.helpers import NOW, Shop, visit

from .helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in


@pytest.fixture
async def listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Shop]:
    """Three shops in the store before the app starts (First Cuts, the owner's dashboard's, with a kiosk token;
    Second Cuts; Third Cuts, live, with an API and a monitoring token); nothing starts until the test says so."""
    monkeypatch.setenv('CHAIRSIDE_CATCH_UP_HELD', 'true')
    monkeypatch.setenv('CHAIRSIDE_SIM_HISTORY_DAYS', '8')
    db = await Database.open(f'sqlite+aiosqlite:///{(tmp_path / "chairside.db").resolve()}')
    try:
        profile = demo_profile('Europe/London').to_dict()
        account = await create_owner(db, OWNER_EMAIL, OWNER_PASSWORD, 'First Cuts', 'Europe/London', profile)
        second = await create_shop(db, account.user_id, 'Second Cuts', 'Europe/London', profile)
        third = await create_shop(db, account.user_id, 'Third Cuts', 'Europe/London', profile, mode='live')
        first = account.shops[0].shop_id
        return {'first': Shop(first, (await create_token(db, first, 'kiosk', 'TV'))[1]), 'second': Shop(second.id, ''),
                'third': Shop(third.id, (await create_token(db, third.id, 'api', 'Till'))[1],
                              (await create_token(db, third.id, 'monitor', 'Uptime'))[1])}
    finally:
        await db.close()


async def test_a_page_of_a_shop_not_started_says_it_is_catching_up_and_fills_in_once_it_is_ready(
        listed: dict[str, Shop], user: User, create_user):
    await sign_in(user, OWNER_EMAIL, OWNER_PASSWORD)
    await user.should_see("Catching up on this shop's history (0 of 3 shops ready)")  # served before any shop started
    await user.should_not_see(marker='metric-revenue-value')
    reports = create_user()
    await sign_in(reports, OWNER_EMAIL, OWNER_PASSWORD)
    await reports.should_see(marker='catching-up')  # signed in: the dashboard
    await reports.open('/reports')
    await reports.should_see("Catching up on this shop's history (0 of 3 shops ready)")
    tv = create_user()
    await tv.open(f'/kiosk/{listed["first"].token}')
    await tv.should_see("Catching up on the shop's history")

    shops = app.state.shops
    assert await shops.start_next() == listed['first'].id  # its pages are open: it goes before the others
    await user.should_see(marker='metric-revenue-value')  # the figures, on the page already open
    await user.should_not_see(marker='catching-up')
    await user.should_see('Live')
    await reports.should_see(marker='report-title')
    await reports.should_not_see(marker='catching-up')
    await tv.should_not_see("Catching up on the shop's history")
    await tv.should_see('First Cuts')


async def test_the_api_asks_to_retry_while_a_shop_catches_up_and_keeps_the_events_posted_meanwhile(
        listed: dict[str, Shop], user: User):
    shops = app.state.shops
    shops.real_clock = SimClock(start=NOW)  # live shops' clock: real time, from a known instant
    third = listed['third']
    response = await user.http_client.get(f'{third.url}/metrics', headers=third.headers)
    assert response.status_code == 503 and response.headers['Retry-After'].isdigit()
    assert 'catching up on its history after a restart (0 of 3 shops ready)' in response.json()['detail']
    assert (await user.http_client.get(f'{third.url}/forecast?days=7', headers=third.headers)).status_code == 503

    response = await user.http_client.post(f'{third.url}/events', json={'events': visit(1)}, headers=third.headers)
    assert response.status_code == 200 and response.json() == {'accepted': 3, 'duplicates': 0}
    health = (await user.http_client.get('/api/health', headers={'Authorization': f'Bearer {third.monitor}'})).json()
    assert (health['shops_ready'], health['shops']) == (0, 3)

    assert await shops.start_next() == third.id  # asked for: ahead of the two listed before it
    response = await user.http_client.get(f'{third.url}/metrics', headers=third.headers)
    assert response.status_code == 200
    assert response.json()['events_applied'] == 3 and response.json()['today']['revenue'] == 35.0
    health = (await user.http_client.get('/api/health', headers={'Authorization': f'Bearer {third.monitor}'})).json()
    assert (health['shops_ready'], health['shops']) == (1, 3)
