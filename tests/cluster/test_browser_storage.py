"""Browsers' user storage in the store (cluster/browser_storage.py): what it relies on in NiceGUI, and two workers'
copies of one browser's storage following each other through a real PostgreSQL."""
import asyncio
from types import SimpleNamespace

import pytest
from nicegui import app, core
from nicegui.app.app import prune_user_storage
from nicegui.persistence import FilePersistentDict
from nicegui.storage import Storage

from cluster.browser_storage import BrowserStorages, StoredDict, install
from store.db import Database

from .helpers import until


class Told:
    """Stands in for Shops.session_watch: which users' watchers were told to look."""

    def __init__(self) -> None:
        self.users: list[str] = []

    async def tell(self, *user_ids: str) -> None:
        self.users.extend(user_ids)


def shops_on(db: Database | None) -> SimpleNamespace:
    started = asyncio.Event()
    started.set()
    return SimpleNamespace(db=db, store=db, started=started, startup_error='', session_watch=Told())


class InMemory(BrowserStorages):
    def __init__(self) -> None:
        super().__init__(shops_on(None), '', 'w1')
        self.rows: dict[str, str | None] = {'user-known': '{"user_id": "u1"}'}
        self.down = False

    async def load(self, storage_id: str) -> dict:
        if self.down:
            raise OSError('the store does not answer')
        return {'user_id': 'u1'} if self.rows.get(storage_id) else {}

    async def save(self, storage_id: str, data: str | None) -> None:
        self.rows[storage_id] = data


@pytest.fixture
async def nicegui_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, 'loop', asyncio.get_running_loop())  # NiceGUI's background tasks run on this test's


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch, nicegui_loop: None) -> InMemory:
    monkeypatch.setattr(Storage, '_create_persistent_dict', Storage.__dict__['_create_persistent_dict'])  # restored
    storages = InMemory()
    install(storages)
    yield storages
    for session_id in ('known', 'new'):
        app.storage._users.pop(session_id, None)


async def test_nicegui_makes_user_storage_through_the_wrapped_factory_and_loads_it(installed: InMemory):
    """If NiceGUI renames `_create_persistent_dict`, stops calling it for user storage, or stops awaiting
    `initialize()` before a request reads it, this fails: sign-ins would quietly go back to each worker's files."""
    await app.storage._create_user_storage('known')
    stored = app.storage._users['known']
    assert isinstance(stored, StoredDict) and stored.storage_id == 'user-known'
    assert dict(stored) == {'user_id': 'u1'}
    assert installed.rows['user-known'] == '{"user_id": "u1"}', 'what was loaded is not saved back'
    assert isinstance(Storage._create_persistent_dict('general'), FilePersistentDict), 'general storage stays in files'


async def test_every_change_is_saved_and_a_cleared_storage_removed(installed: InMemory):
    await app.storage._create_user_storage('new')
    stored = app.storage._users['new']
    stored['user_id'] = 'u2'
    await until(lambda: _row_has(installed, '"user_id":"u2"'), 30, 'saved')
    stored.update(epoch=3)
    await until(lambda: _row_has(installed, '"epoch":3'), 30, 'updated')
    stored.clear()
    await until(lambda: asyncio.sleep(0, installed.rows['user-new'] is None), 30, 'removed')


async def test_a_storage_the_store_did_not_answer_for_is_loaded_later_and_never_saved_over_the_sign_in(
        installed: InMemory):
    installed.down = True
    await app.storage._create_user_storage('known')
    stored = app.storage._users['known']
    stored.clear()  # as a page does that finds nobody signed in (auth.signed_in)
    installed.down = False
    stored['shop_id'] = 's1'  # the next change loads it first
    await until(lambda: asyncio.sleep(0, stored.get('user_id') == 'u1'), 30, 'loaded')
    assert installed.rows['user-known'] == '{"user_id": "u1"}', 'still signed in on every worker'


async def test_storage_nicegui_prunes_stops_following(installed: InMemory):
    """NiceGUI closes a user storage no page uses any more (prune_user_storage): it is no longer read again."""
    await app.storage._create_user_storage('known')
    assert 'user-known' in installed.held
    await prune_user_storage(force=True)
    assert 'user-known' not in installed.held


async def test_a_workers_copy_follows_what_another_worker_saves(pg_url: str, nicegui_loop: None):
    db = await Database.open(pg_url)
    one, other = BrowserStorages(shops_on(db), pg_url, 'w1'), BrowserStorages(shops_on(db), pg_url, 'w2')
    listening = [asyncio.create_task(storages.run()) for storages in (one, other)]
    try:
        here = one.create('user-s')
        await here.initialize()
        here.update(user_id='u1', shop_id='a')
        there = other.create('user-s')
        await until(lambda: _loaded(there, {'user_id': 'u1', 'shop_id': 'a'}), 30, 'signed in on the other worker')

        here['shop_id'] = 'b'  # a shop switch
        await until(lambda: asyncio.sleep(0, there.get('shop_id') == 'b'), 30, 'the switch followed')
        assert other.shops.session_watch.users == ['u1'], 'its pages of u1 look at once'

        here.clear()  # signed out
        await until(lambda: asyncio.sleep(0, not there), 30, 'signed out on the other worker')
        fresh = other.create('user-s')
        await fresh.initialize()
        assert dict(fresh) == {}
    finally:
        for task in listening:
            task.cancel()
        await asyncio.gather(*listening, return_exceptions=True)
        await db.close()


async def _loaded(stored: StoredDict, expected: dict) -> bool:
    await stored.initialize()
    return dict(stored) == expected


async def _row_has(storages: InMemory, text: str) -> bool:
    return text in (storages.rows.get('user-new') or '')
