"""The app as a real process and a real Chromium, for what only a browser can show."""
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bench.ports import free_port, listens

ROOT = Path(__file__).parents[2]
OUTPUT = ROOT / 'test-results'
CHROMIUM = '/usr/bin/chromium'
STARTS_WITHIN = 60  # seconds: a bound on a hang, not a measure of speed
expect.set_options(timeout=30_000)  # likewise for what a page must come to show (Playwright's default is 5 s): no
# expectation asks for less
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']


class App:
    """`python main.py` on a free loopback port, with its own data folder."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.env = {k: v for k, v in os.environ.items() if k != 'PYTEST_CURRENT_TEST'}
        self.env.update(CHAIRSIDE_DATA_DIR=str(data_dir), **env)
        self._move_to(free_port())
        self.process: subprocess.Popen | None = None

    def _move_to(self, port: int) -> None:
        self.port, self.url, self.env['CHAIRSIDE_PORT'] = port, f'http://127.0.0.1:{port}', str(port)

    def start(self) -> None:
        """Until the app answers /api/health from its own process (bench/ports.py: another may have the port)."""
        deadline, tries = time.monotonic() + STARTS_WITHIN, 3
        self.process = subprocess.Popen([sys.executable, 'main.py'], cwd=ROOT, env=self.env)
        while time.monotonic() < deadline:
            if self.process.poll() is not None and tries > 1:  # most likely the port was taken: another one
                tries -= 1
                self._move_to(free_port())
                self.process = subprocess.Popen([sys.executable, 'main.py'], cwd=ROOT, env=self.env)
            try:
                if listens(self.process.pid, self.port) and \
                        httpx.get(f'{self.url}/api/health', timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f'the app did not answer /api/health within {STARTS_WITHIN} s')

    def wait_ready(self, monitor: str) -> None:
        """Until every shop has caught up on its history (the app answers pages before that) and the engine loop has
        ticked them all once: /api/health's details, with a monitoring token."""
        deadline, ready_at = time.monotonic() + STARTS_WITHIN, None
        while time.monotonic() < deadline:
            health = httpx.get(f'{self.url}/api/health', headers={'Authorization': f'Bearer {monitor}'},
                               timeout=5).json()
            if ready_at is not None and health['ticks'] > ready_at:
                return
            if ready_at is None and health['shops_ready'] == health['shops']:
                ready_at = health['ticks']
            time.sleep(0.2)
        raise RuntimeError(f'the shops were not ready within {STARTS_WITHIN} s')

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
                raise RuntimeError('the app did not stop within 20 s of SIGTERM') from None


@pytest.fixture
def shop_app(tmp_path: Path, knowledge_dir: str) -> Iterator[App]:
    app = App(tmp_path, CHAIRSIDE_SIM_START='2026-11-24T11:30:00', CHAIRSIDE_SIM_SPEED='60',
              CHAIRSIDE_SHOP_TIMEZONE='Europe/London', CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir)
    app.start()
    yield app
    app.stop()


@pytest.fixture(scope='session')
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else None  # else Playwright's own Chromium
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def sign_up(page: Page, app: App) -> None:
    """The owner's first visit: redirected to set-up, creates the account, lands on the dashboard."""
    page.goto(app.url)
    page.get_by_label('Email').fill('owner@example.com')
    page.get_by_label('Password', exact=True).fill('a long owner password')
    page.get_by_label('Repeat the password').fill('a long owner password')
    page.get_by_role('button', name='Create account').click()
    page.get_by_test_id('metric-revenue-value').wait_for()


@pytest.fixture
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
