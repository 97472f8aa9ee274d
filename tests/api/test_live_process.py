"""Against the app as a real process: an acknowledged event survives SIGKILL; the stream delivers snapshots."""
import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .helpers import Shop
from .live_app import App, live_app


def recent_visit(n: int) -> list[dict]:
    """A haircut that ended a minute ago, by the real clock (the app runs with it)."""
    start = time.time() - 1900 + n
    return [{'kind': 'ServiceStarted', 'id': f'k{n}-start', 'at': start, 'customer': f'k{n}', 'barber': 'Sam',
             'service': 'Haircut'},
            {'kind': 'ServiceCompleted', 'id': f'k{n}-done', 'at': start + 1800, 'customer': f'k{n}', 'barber': 'Sam',
             'service': 'Haircut', 'price': 35.0, 'tip': 0.0, 'retail': 0.0}]


@pytest.fixture
def running(tmp_path: Path, knowledge_dir: str) -> Iterator[tuple[App, Shop]]:
    app, shop = live_app(tmp_path, knowledge_dir)
    app.start()
    app.wait_ready(shop.monitor)
    yield app, shop
    app.stop()


def test_events_acknowledged_before_a_sigkill_are_there_after_the_restart(running):
    app, shop = running
    headers = {'Authorization': f'Bearer {shop.token}'}
    events = [event for n in range(200) for event in recent_visit(n)]
    response = httpx.post(f'{app.url}/api/shops/{shop.id}/events', json={'events': events}, headers=headers)
    assert response.status_code == 200  # the very next thing is the kill: no clean shutdown, no flush
    app.process.send_signal(signal.SIGKILL)
    app.process.wait(10)
    app.start()
    app.wait_ready(shop.monitor)
    metrics = httpx.get(f'{app.url}/api/shops/{shop.id}/metrics', headers=headers).json()
    assert metrics['events_applied'] == 400 and metrics['simulated'] is False
    again = httpx.post(f'{app.url}/api/shops/{shop.id}/events', json={'events': events}, headers=headers)
    assert again.json() == {'accepted': 0, 'duplicates': 400}


def test_the_stream_delivers_snapshots_and_an_accepted_event_at_once(running):
    app, shop = running
    headers = {'Authorization': f'Bearer {shop.token}'}
    snapshots = []
    with httpx.stream('GET', f'{app.url}/api/shops/{shop.id}/metrics/stream', headers=headers, timeout=10) as stream:
        assert stream.headers['content-type'].startswith('text/event-stream')
        for line in stream.iter_lines():
            if not line.startswith('data: '):
                continue
            snapshots.append(json.loads(line.removeprefix('data: ')))
            if len(snapshots) == 2:
                posted = httpx.post(f'{app.url}/api/shops/{shop.id}/events', json={'events': recent_visit(1)},
                                    headers=headers)
                assert posted.json()['accepted'] == 2
            if snapshots[-1]['events_applied'] == 2:
                break
    assert len(snapshots) >= 3 and snapshots[0]['shop_id'] == shop.id
    assert snapshots[1]['at'] > snapshots[0]['at']  # the clock moves even when nothing happens
