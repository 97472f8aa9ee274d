"""Issue 17, finding 1: with a shop whose stored events could not be applied, every later start hung (health, login
and metrics timed out) and the process ignored SIGTERM. Now that shop alone stops and says why, the others serve,
and the process stops within 10 s of SIGTERM whether it is starting, has a failing shop, or has streams and pages
open."""
import asyncio
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest

from bench.live_client import Session
from tests.api.helpers import Shop
from tests.e2e.conftest import ROOT, App

from .helpers import poison, two_live_shops

STOP_WITHIN = 10.0  # seconds, from SIGTERM to the process gone


def assert_stops_on_sigterm(app: App) -> None:
    """SIGTERM, then the process must be gone within STOP_WITHIN; else it is killed and the test fails."""
    app.process.send_signal(signal.SIGTERM)
    try:
        app.process.wait(STOP_WITHIN)
    except subprocess.TimeoutExpired:
        app.process.kill()
        app.process.wait(5)
        pytest.fail(f'still running {STOP_WITHIN:.0f} s after SIGTERM')


def hold_pages(app: App, count: int, opened: threading.Event) -> threading.Thread:
    """Open pages (their websockets) as a browser tab does, in a thread, until the server closes them."""
    async def hold() -> None:
        async with aiohttp.ClientSession() as http:
            pages = [Session(http, app.url, '/login') for _ in range(count)]
            for page in pages:
                await page.open()
            opened.set()
            while not all(page.disconnected for page in pages):
                await asyncio.sleep(0.05)
    thread = threading.Thread(target=asyncio.run, args=(hold(),), daemon=True)
    thread.start()
    return thread


def follow(app: App, shop: Shop, lines: list[str]) -> threading.Thread:
    """Read the shop's metrics stream in a thread until the server ends it."""
    def read() -> None:
        with httpx.stream('GET', f'{app.url}{shop.url}/metrics/stream', headers=shop.headers, timeout=30) as stream:
            for line in stream.iter_lines():
                lines.append(line)
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def poisoned(tmp_path: Path, knowledge_dir: str) -> Iterator[tuple[App, Shop, Shop]]:
    first, second = two_live_shops(tmp_path, poison(time.time() - 600))
    app = App(tmp_path, CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir, CHAIRSIDE_SHOP_TIMEZONE='Europe/London')
    yield app, first, second
    app.stop()


def test_a_failing_shop_stops_alone_the_others_serve_and_sigterm_ends_it_all_with_streams_and_pages_open(poisoned):
    app, poisoned_shop, healthy = poisoned
    app.start()  # answers /api/health within its 30 s: the start no longer hangs
    app.wait_ready(healthy.monitor)
    health = httpx.get(f'{app.url}/api/health', headers={'Authorization': f'Bearer {healthy.monitor}'}).json()
    assert health['status'] == 'degraded' and list(health['shops_stopped']) == [poisoned_shop.id]
    response = httpx.get(f'{app.url}/api/shops/{healthy.id}/metrics', headers=healthy.headers)
    assert response.status_code == 200 and response.json()['shop_name'] == 'Second Cuts'
    response = httpx.get(f'{app.url}/api/shops/{poisoned_shop.id}/metrics', headers=poisoned_shop.headers)
    assert response.status_code == 503 and 'Figures stopped' in response.json()['detail']
    assert httpx.get(f'{app.url}/login').status_code == 200
    lines = [[], []]
    readers = [follow(app, healthy, lines[0]), follow(app, healthy, lines[1])]
    deadline = time.monotonic() + 30
    while not all(any(line.startswith('data: ') for line in got) for got in lines) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(any(line.startswith('data: ') for line in got) for got in lines), 'the streams did not start'
    opened = threading.Event()
    readers.append(hold_pages(app, 2, opened))
    assert opened.wait(30), 'the pages did not open'
    assert_stops_on_sigterm(app)
    for reader in readers:
        reader.join(5)


def test_sigterm_during_start_stops_the_process(tmp_path: Path, knowledge_dir: str):
    """A start that cannot finish (its database accepts the connection and never answers), with a request waiting."""
    with socket.socket() as silent:
        silent.bind(('127.0.0.1', 0))
        silent.listen()
        url = f'postgresql+psycopg://chairside:secret@127.0.0.1:{silent.getsockname()[1]}/chairside'
        app = App(tmp_path, CHAIRSIDE_KNOWLEDGE_DIR=knowledge_dir, CHAIRSIDE_DATABASE_URL=url)
        app.process = subprocess.Popen([sys.executable, 'main.py'], cwd=ROOT, env=app.env)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f'{app.url}/api/health', timeout=1)
                except httpx.ConnectError:
                    assert time.monotonic() < deadline, 'the server did not listen within 30 s'
                    time.sleep(0.1)
                    continue
                except httpx.ReadTimeout:
                    break  # listening, and the request waits for a start that does not come
                pytest.fail('the start finished although the database never answered')
            assert_stops_on_sigterm(app)
        finally:
            app.stop()
