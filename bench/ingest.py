"""Events/s accepted by POST /api/shops/{id}/events in batches, and how soon a posted event shows in the snapshot.

Runs the app as a real process on loopback (a fresh data folder, a live shop, an API token), then prints figures;
asserts nothing. Goals: at least 5,000 events/s in batches of 1,000; p95 under 500 ms from POST to snapshot.

    .venv/bin/python bench/ingest.py [--batches 50] [--batch-size 1000] [--seconds 60] [--probes 100]
"""
import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.api.live_app import live_app  # noqa: E402

SERVICES = ('Haircut', 'Skin fade', 'Beard trim')
BARBERS = ('Marco', 'Dee', 'Sam', 'Luis')


def completed(n: int, at: float) -> dict:
    """A completed service, its id unique per n."""
    return {'kind': 'ServiceCompleted', 'id': f'b{n}', 'at': at, 'customer': f'c{n}', 'barber': BARBERS[n % 4],
            'service': SERVICES[n % 3], 'price': 35.0, 'tip': float(n % 7), 'retail': 0.0}


def throughput(client: httpx.Client, url: str, args: argparse.Namespace) -> None:
    sent = accepted = 0
    started = time.perf_counter()
    latencies = []
    base = time.time() - 60 * 86400  # a minute apart, in time order, all in the past
    for batch in range(args.batches):
        if time.perf_counter() - started > args.seconds:
            break
        first = batch * args.batch_size
        body = {'events': [completed(n, base + n * 60.0) for n in range(first, first + args.batch_size)]}
        t0 = time.perf_counter()
        response = client.post(f'{url}/events', json=body)
        latencies.append(time.perf_counter() - t0)
        response.raise_for_status()
        sent += args.batch_size
        accepted += response.json()['accepted']
    seconds = time.perf_counter() - started
    print(f'ingest: {accepted:,} of {sent:,} events accepted in {seconds:.2f} s = {accepted / seconds:,.0f} events/s '
          f'(batches of {args.batch_size:,}; per batch p50 {_ms(latencies, 50)}, p95 {_ms(latencies, 95)})')


class Follower(threading.Thread):
    """Reads the SSE stream and notes when each events_applied count was first seen."""

    def __init__(self, url: str, headers: dict) -> None:
        super().__init__(daemon=True)
        self.url, self.headers = url, headers
        self.seen: dict[int, float] = {}
        self.changed = threading.Condition()

    def run(self) -> None:
        with httpx.stream('GET', f'{self.url}/metrics/stream', headers=self.headers, timeout=None) as stream:
            for line in stream.iter_lines():
                if line.startswith('data: '):
                    applied = json.loads(line[6:])['events_applied']
                    with self.changed:
                        self.seen.setdefault(applied, time.perf_counter())
                        self.changed.notify_all()

    def wait_for(self, applied: int, timeout: float = 5.0) -> float:
        with self.changed:
            self.changed.wait_for(lambda: max(self.seen, default=-1) >= applied, timeout)
            return min((t for n, t in self.seen.items() if n >= applied), default=float('inf'))


def latency(client: httpx.Client, url: str, headers: dict, probes: int) -> None:
    follower = Follower(url, headers)
    follower.start()
    polled, streamed = [], []
    applied = client.get(f'{url}/metrics').json()['events_applied']
    for n in range(probes):
        event = completed(10_000_000 + n, time.time() - 60)
        t0 = time.perf_counter()
        client.post(f'{url}/events', json=event).raise_for_status()
        applied += 1
        while client.get(f'{url}/metrics').json()['events_applied'] < applied:
            pass
        polled.append(time.perf_counter() - t0)
        streamed.append(follower.wait_for(applied) - t0)
        time.sleep(0.05)
    print(f'POST -> GET /metrics reflects it: p50 {_ms(polled, 50)}, p95 {_ms(polled, 95)} ({probes} events)')
    print(f'POST -> /metrics/stream delivers it: p50 {_ms(streamed, 50)}, p95 {_ms(streamed, 95)}')


def _ms(values: list[float], percentile: int) -> str:
    if len(values) < 2:
        return f'{values[0] * 1000:.1f} ms' if values else '-'
    return f'{statistics.quantiles(values, n=100)[percentile - 1] * 1000:.1f} ms'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--batches', type=int, default=50)
    parser.add_argument('--batch-size', type=int, default=1000)
    parser.add_argument('--seconds', type=float, default=60, help='stop sending batches after this long')
    parser.add_argument('--probes', type=int, default=100, help='single events timed from POST to snapshot')
    parser.add_argument('--knowledge-dir', default=str(Path(tempfile.gettempdir()) / 'chairside-bench-knowledge'),
                        help='kept between runs, so the app does not embed its knowledge base during the bench')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        app, shop = live_app(Path(data_dir), args.knowledge_dir)
        app.env['CHAIRSIDE_LOG_LEVEL'] = 'WARNING'
        app.start()
        try:
            _wait_for_knowledge(app.url, shop.monitor)
            headers = {'Authorization': f'Bearer {shop.token}'}
            url = f'{app.url}/api/shops/{shop.id}'
            with httpx.Client(headers=headers, timeout=60) as client:
                throughput(client, url, args)
                latency(client, url, headers, args.probes)
        finally:
            app.stop()


def _wait_for_knowledge(url: str, monitor: str) -> None:
    """The first run builds the knowledge index (CPU-heavy); measure only once it is done."""
    deadline = time.monotonic() + 300
    headers = {'Authorization': f'Bearer {monitor}'}  # /api/health's details need a monitoring token
    while httpx.get(f'{url}/api/health', headers=headers).json().get('knowledge') not in ('ready', 'failed'):
        if time.monotonic() > deadline:
            break
        time.sleep(1)


if __name__ == '__main__':
    main()
