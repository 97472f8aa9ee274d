"""Who is signed in, in a cluster: each browser's NiceGUI user storage lives in the store, the same on every worker.

NiceGUI keeps a browser's user storage (ui/auth.py: user id, session epoch, shop, the device) in a file of the
process, read once and cached, or in Redis. Here it is a PersistentDict of the store's (store/browser_storage.py):
loaded when NiceGUI makes it, saved after each change off the request path, and read again when another worker
announces a save, so that signing in, signing out, a password change and a shop switch hold on every worker.

NiceGUI makes every storage in the private `Storage._create_persistent_dict` and has no public way to choose another
kind: `install` wraps it, for user storage alone (tests/cluster/test_browser_storage.py pins what this relies on).
"""
import asyncio
import logging
import uuid

import psycopg
from nicegui import background_tasks, json
from nicegui.persistence import PersistentDict
from nicegui.persistence.serialization import dumps
from nicegui.storage import USER_PREFIX, Storage

from shops import Shops
from store.browser_storage import browsers_changed, load_browser, save_browser

log = logging.getLogger(__name__)


class BrowserStorages:
    """This worker's copies of browsers' user storage; `run` keeps them following the other workers' saves."""

    def __init__(self, shops: Shops, url: str, worker: str) -> None:
        self.shops, self.url = shops, url
        self.writer = f'{worker}:{uuid.uuid4().hex[:8]}'  # this process: its own announcements are not read back
        self.held: dict[str, StoredDict] = {}

    def create(self, storage_id: str) -> 'StoredDict':
        self.held[storage_id] = stored = StoredDict(self, storage_id)
        return stored

    async def load(self, storage_id: str) -> dict:
        await self.shops.started.wait()  # the first requests arrive while the store opens
        if self.shops.startup_error:
            return {}  # the store could not be opened: every page says so (ui/auth.py)
        data = await load_browser(self.shops.store, storage_id)
        return json.loads(data) if data else {}

    async def save(self, storage_id: str, data: str | None) -> None:
        await save_browser(self.shops.store, storage_id, data, self.writer)

    async def run(self) -> None:
        while True:
            try:
                async for storage_id, writer in browsers_changed(self.url, self._follow_all):
                    if writer != self.writer and storage_id in self.held:
                        self.held[storage_id].follow()
            except (psycopg.Error, OSError) as error:
                log.warning('browser storage announcements: the connection failed (%s); connecting again', error)
                await asyncio.sleep(1)

    async def _follow_all(self) -> None:
        """Listening (again): what was saved while nobody listened is read now."""
        for stored in list(self.held.values()):
            stored.follow()


class StoredDict(PersistentDict):
    """One browser's user storage. Its own saves and reads of other workers' saves run one at a time, its own first:
    a change made here is never overwritten by an older one read back, and the last save is what every worker holds."""

    def __init__(self, storages: BrowserStorages, storage_id: str) -> None:
        self.storages, self.storage_id = storages, storage_id
        self.unsaved = self.stale = self.quiet = self.loaded = False
        self.syncing: asyncio.Task | None = None
        super().__init__(data={}, on_change=self._changed)

    async def initialize(self) -> None:
        try:
            self._replace(await self.storages.load(self.storage_id))
            self.loaded = True
        except Exception:
            log.warning('browser storage %s could not be loaded; trying again', self.storage_id, exc_info=True)
            self.follow()

    def initialize_sync(self) -> None:
        raise NotImplementedError('NiceGUI loads only its general storage synchronously, which stays in its files')

    def follow(self) -> None:
        """Another worker saved it: read it again."""
        self.stale = True
        self._sync()

    async def close(self) -> None:
        if self.storages.held.get(self.storage_id) is self:
            del self.storages.held[self.storage_id]

    def _changed(self) -> None:
        """Saved; but a copy never loaded (the store did not answer) is loaded instead: saving it would sign the browser
        out everywhere."""
        if not self.quiet:
            if self.loaded:
                self.unsaved = True
            else:
                self.stale = True
            self._sync()

    def _sync(self) -> None:
        if self.syncing is None or self.syncing.done():
            self.syncing = background_tasks.create(self._sync_all(), name=f'browser storage {self.storage_id}')

    @background_tasks.await_on_shutdown
    async def _sync_all(self) -> None:
        while self.unsaved or self.stale:
            try:
                if self.unsaved:
                    self.unsaved = False
                    await self.storages.save(self.storage_id, dumps(self, self.storage_id) if self else None)
                else:
                    self.stale = False
                    data = await self.storages.load(self.storage_id)
                    if not self.unsaved:  # else what changed here meanwhile is saved next, and the others follow it
                        self._take(data)
                        self.loaded = True
            except Exception:
                log.exception('browser storage %s could not be synchronised; it is at its next change',
                              self.storage_id)  # or at another worker's
                return

    def _take(self, data: dict) -> None:
        """Another worker's save: this worker's open pages of whoever it was signed in as look at once whether their
        session still holds (auth.watch_session), rather than at the session watch's next round."""
        if data == self:
            return
        user_id = self.get('user_id')
        self._replace(data)
        if user_id:
            background_tasks.create(self.storages.shops.session_watch.tell(user_id), name='session changed elsewhere')

    def _replace(self, data: dict) -> None:
        self.quiet = True  # what the store holds is not saved back
        try:
            for key in set(self) - data.keys():
                del self[key]
            self.update(data)
        finally:
            self.quiet = False


def install(storages: BrowserStorages) -> None:
    """From now on NiceGUI keeps user storage in `storages`; its general storage stays in its files."""
    nicegui_own = Storage._create_persistent_dict

    def create(id: str) -> PersistentDict:  # noqa: A002 (NiceGUI's name)
        return storages.create(id) if id.startswith(USER_PREFIX) else nicegui_own(id)
    Storage._create_persistent_dict = staticmethod(create)
