import os
import runpy
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from nicegui import core, ui
from nicegui.functions.download import download
from nicegui.functions.navigate import Navigate
from nicegui.functions.notify import notify
from nicegui.testing import User
from nicegui.testing.general import nicegui_reset_globals
from nicegui.testing.general_fixtures import get_path_to_main_file

SEE_RETRIES = 300  # 0.1 s apart: a bound on a hang (30 s), never a measure of speed
NOT_SEE_RETRIES = 200  # 0.05 s apart (10 s)
CALL_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: sync Playwright leaves an event loop behind that breaks later async tests."""
    items.sort(key=lambda item: 'tests/e2e/' in str(item.path).replace('\\', '/'))


@pytest.fixture(scope='session')
def knowledge_dir(tmp_path_factory) -> str:
    """One knowledge index for the whole session: each app start then finds it built instead of embedding anew."""
    from knowledge import KnowledgeBase
    folder = tmp_path_factory.mktemp('knowledge')
    KnowledgeBase(folder).build()
    return str(folder)


class PatientUser(User):
    """NiceGUI's simulated user, waiting as long as the app may take for work done off the event loop (password
    hashing, the store's threads) on a slow or busy machine. The wait ends as soon as the page shows it; a test that
    asks for fewer retries still gets the patient bound (a short one only hopes the machine is fast)."""

    async def should_see(self, *args, retries: int = SEE_RETRIES, **kwargs) -> None:
        await super().should_see(*args, retries=max(retries, SEE_RETRIES), **kwargs)

    async def should_not_see(self, *args, retries: int = NOT_SEE_RETRIES, **kwargs) -> None:
        await super().should_not_see(*args, retries=max(retries, NOT_SEE_RETRIES), **kwargs)


@asynccontextmanager
async def running_app(main_file: Path) -> AsyncIterator[Callable[[], User]]:
    """main.py run as NiceGUI's user fixture runs it, except that its shutdown always runs: NiceGUI's lifespan skips
    it when the block raises, which left the app 'started' and broke the set-up of every later test."""
    with nicegui_reset_globals():
        os.environ['NICEGUI_USER_SIMULATION'] = 'true'
        clients: list[httpx.AsyncClient] = []
        lifespan = core.app.router.lifespan_context(core.app)
        try:
            runpy.run_path(str(main_file), run_name='__main__')
            await lifespan.__aenter__()
            try:
                def new_user() -> User:
                    clients.append(httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url='http://test'))
                    return PatientUser(clients[-1])
                yield new_user
            finally:
                for client in clients:
                    await client.aclose()
                await lifespan.__aexit__(None, None, None)  # as a clean exit: NiceGUI's shutdown runs
        finally:
            os.environ.pop('NICEGUI_USER_SIMULATION', None)
            ui.navigate = Navigate()
            ui.notify = notify
            ui.download = download


@pytest.fixture
async def _app(request: pytest.FixtureRequest) -> AsyncIterator[Callable[[], User]]:
    async with running_app(get_path_to_main_file(request)) as new_user:
        yield new_user


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == 'call':
        item.stash[CALL_FAILED] = report.failed
    return report


@pytest.fixture
async def user(_app: Callable[[], User], caplog: pytest.LogCaptureFixture,
               request: pytest.FixtureRequest) -> AsyncIterator[User]:
    """Replaces NiceGUI's `user` fixture (see running_app); an ERROR logged by a test that passed fails it."""
    yield _app()
    failed = request.node.stash.get(CALL_FAILED, False)
    if not failed and any(record.levelname == 'ERROR' for record in caplog.get_records('call')):
        pytest.fail('There were unexpected ERROR logs.', pytrace=False)


@pytest.fixture
def create_user(user: User, _app: Callable[[], User]) -> Callable[[], User]:
    """More users of the same running app (a second tab, another person, the shop's TV)."""
    return _app
