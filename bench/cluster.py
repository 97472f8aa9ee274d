"""Several workers behind HAProxy: do two workers hold twice the pages of one at the same delivery?

    .venv/bin/python bench/cluster.py [--workers 1,2] [--sessions 1000,2000] [--shops 50,100] [--seconds 30]

Each configuration (the lists are read in pairs, same sitting) starts a throwaway PostgreSQL database, HAProxy and
that many workers (deploy/local.py), seeds an owner and the demo shops, waits for every shop to run on a worker, and
opens dashboards through the proxy as bench/live.py does: a browser per shop signs in (on whichever worker the proxy
picks: sign-ins live in PostgreSQL) and picks its shop in the user menu, and each of its tabs goes to the shop's worker
as a browser would (the page sends it through /to-worker, which sets the proxy's cookie: bench/live_client.py). Then
it measures a steady window. It prints, per configuration, the delivery p50/p95 (snapshot made to update arrived),
each worker's CPU (% of one core) over the window, and failed opens; its last line is one JSON object per
configuration.
"""
import argparse
import asyncio
import contextlib
import json
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench import live  # noqa: E402
from bench.live_app import Proc, get_health, load_average, monitor_browser, seed  # noqa: E402
from bench.live_client import Session  # noqa: E402
from bench.ports import free_port  # noqa: E402
from deploy.local import LocalCluster, _pg_script  # noqa: E402

STARTED_WITHIN = 120.0  # seconds for every shop to run on a worker: a bound on a hang


async def settled(cluster: LocalCluster, monitor: str, shops: int) -> bool:
    """Every shop runs on a worker, its history in, and no worker holds more than its share (one would give the rest
    back): a shop leased but still starting, or moving, has pages that say so, and the bench would open those."""
    async with monitor_browser(monitor) as http:
        healths = await asyncio.gather(*(get_health(http, cluster.worker_url(name)) for name in cluster.names))
    ready = [(health or {}).get('shops_ready', 0) for health in healths]
    return sum(ready) == shops and max(ready) <= math.ceil(shops / len(ready))


async def one(args: argparse.Namespace, workers: int, sessions: int, shops: int, pg) -> dict:
    root = Path(tempfile.mkdtemp(prefix='chairside-cluster-bench-'))
    url = pg.create_database(f'bench_{workers}_{sessions}_{int(time.time())}')
    tokens, monitor = await seed(root, shops, url=url)
    env = {'CHAIRSIDE_SIM_SPEED': str(args.speed), 'CHAIRSIDE_SIM_START': args.start,
           'CHAIRSIDE_SIM_HISTORY_DAYS': str(args.history_days), 'CHAIRSIDE_KNOWLEDGE_DIR': str(args.knowledge_dir)}
    cluster = LocalCluster(workers, free_port(), root, env, database_url=url)
    print(f'{workers} worker(s): logs (workers, proxy) in {root}', flush=True)
    try:
        await asyncio.to_thread(cluster.start)
        deadline = time.monotonic() + STARTED_WITHIN
        while time.monotonic() < deadline and not await settled(cluster, monitor, shops):
            await asyncio.sleep(0.5)
        procs = {name: Proc(cluster.processes[name].pid) for name in cluster.names}
        async with contextlib.AsyncExitStack() as browsers:
            args.shops = shops
            targets = await live.make_targets(args, browsers, cluster.url, tokens)
            for http, path in targets:  # each browser first finds its shop's worker, as a person opens one tab first:
                first = Session(http, cluster.url, path)  # tabs opened at once in a fresh browser would race for the
                await first.open()  # proxy's cookie, each tab's first answer setting it to another worker
                await first.close()
            cpu0, wall0 = {n: p.cpu_seconds() for n, p in procs.items()}, time.monotonic()
            result = await live.steady(args, targets[0][0], cluster.url, targets, None, sessions, [])
            window = time.monotonic() - wall0  # opening included: each worker's CPU over the whole of it
            cpu = {n: round((p.cpu_seconds() - cpu0[n]) / window * 100, 1) for n, p in procs.items()}
        delivery = result['delivery']
        return {'workers': workers, 'shops': shops, 'sessions': sessions, 'opened': result['opened'],
                'delivery_p50_ms': _ms(delivery['delay_p50']), 'delivery_p95_ms': _ms(delivery['delay_p95']),
                'cpu_percent_per_worker': cpu, 'failed_opens': result['errors'] + result['probes']['failed'],
                'error_samples': result['error_samples'], 'load_average': load_average()}
    finally:
        cluster.stop()


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


async def main(args: argparse.Namespace) -> list[dict]:
    configurations = list(zip(*(map(int, value.split(',')) for value in (args.workers, args.sessions, args.shops)),
                              strict=True))
    from knowledge import KnowledgeBase
    await asyncio.to_thread(KnowledgeBase(args.knowledge_dir).build)  # once, before the workers (who then find it)
    pg = _pg_script().start()
    try:
        results = []
        for workers, sessions, shops in configurations:
            result = await one(args, workers, sessions, shops, pg)
            print(json.dumps(result), flush=True)
            results.append(result)
    finally:
        pg.stop()
    print(f'\n{"workers":>7} {"shops":>5} {"pages":>6} {"p50 ms":>7} {"p95 ms":>7} {"failed":>6}  CPU % per worker')
    for r in results:
        print(f'{r["workers"]:>7} {r["shops"]:>5} {r["opened"]:>6} {r["delivery_p50_ms"]!s:>7} '
              f'{r["delivery_p95_ms"]!s:>7} {r["failed_opens"]:>6}  {r["cpu_percent_per_worker"]}')
    print(json.dumps(results))
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--workers', default='1,2')
    parser.add_argument('--sessions', default='1000,2000')
    parser.add_argument('--shops', default='50,100')
    parser.add_argument('--seconds', type=float, default=30.0, help='steady-state window')
    parser.add_argument('--ramp', type=float, default=50.0, help='pages opened per second')
    parser.add_argument('--speed', type=float, default=1.0, help='simulated seconds per second')
    parser.add_argument('--start', default='2026-11-24T11:30:00', help='where the simulated clock starts')
    parser.add_argument('--history-days', type=int, default=8, help="the demo shops' history (start-up time)")
    parser.add_argument('--knowledge-dir', type=Path, default=Path(tempfile.gettempdir()) / 'chairside-bench-knowledge')
    args = live.parse_args(['--kind', 'dashboard'])  # bench/live.py's own settings for what this does not set
    vars(args).update(vars(parser.parse_args(argv)))
    return args


if __name__ == '__main__':
    asyncio.run(main(parse_args()))
