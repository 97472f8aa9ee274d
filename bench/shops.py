"""Many shops in one process: what each costs in memory, how long the app takes to start, how long a tick takes.

    .venv/bin/python bench/shops.py --shops 10,100,1000 [--watched 10] [--seconds 20] [--start-timeout 300]

Each size starts a fresh app (bench/live_app.py: `python main.py` on a free loopback port, a temporary data folder
seeded through the store with an owner and --shops demo shops) and prints:
- start-up: seconds from launching the process to the sign-in page answered (`login_page_s`), to the first page a
  person can use (`first_page_s`: signed in there, the owner's dashboard answered, with its figures or saying that the
  shop is catching up on its history), and to /api/health counting every shop ready and its engine loop running;
- RSS of the process once ready, in all and per shop (no page open yet), and per shop added since the size before
  (without the app's own few hundred MB);
- tick p50 / p95: the engine loop's time per tick (/api/health's `tick_seconds`, read twice a second and kept once
  per `ticks`), first with no page open (idle), then with --watched dashboards open, one on each of the first shops;
- the watched dashboards' delivery p95 (an update's arrival minus when its snapshot was taken, bench/live_client.py);
- a restart on the same data (`restart_first_page_s`, `restart_ready_s`): the shops' states were saved as they
  started and at the stop, so each loads its state instead of replaying its history (skip with --no-restart). The
  simulated clock goes on from where the first run left it, as a real clock would.
With --keep FOLDER each size's data folder is kept (FOLDER/shops-<size>), and a later run of that size starts from it:
every figure above is then a restart's (`kept`: true), and a thousand shops' first start (each replaying its history,
about 2 s a shop) is paid once, on a machine that need not be quiet meanwhile.
A size that would not fit in memory (at the RSS per shop of the size before, or 6 MB a shop at first) or does not
start within --start-timeout is reported as such, with what was measured until then. Its last line is a JSON list:
one object per size with `shops`, `rss_per_shop_mb`, `first_page_s`, `tick_p95_ms` (and the rest). Figures on a
shared machine are noisy: compare runs of one sitting.
"""
import argparse
import asyncio
import contextlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench import live_stats as stats  # noqa: E402
from bench.live import make_targets  # noqa: E402
from bench.live_app import EMAIL, PASSWORD, Proc, Server, get_health, load_average, monitor_browser, seed  # noqa: E402
from bench.live_client import new_browser, open_sessions, sign_in  # noqa: E402

FIRST_GUESS_MB = 6.0  # per shop, before a size has been measured (3.6 MB at 1,000; a start that grows past the
# machine's memory is stopped all the same)
SETTLE_SECONDS = 3.0
GRACE_SECONDS = 3.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--shops', default='10,100', help='comma-separated sizes, one fresh app each')
    parser.add_argument('--watched', type=int, default=10, help='dashboards open, one on each of the first shops')
    parser.add_argument('--seconds', type=float, default=20.0, help='steady window with the dashboards open')
    parser.add_argument('--idle-seconds', type=float, default=10.0, help='window before any page opens')
    parser.add_argument('--start-timeout', type=float, default=300.0, help='seconds a size may take to start')
    parser.add_argument('--no-restart', dest='restart', action='store_false', help='measure no restart')
    parser.add_argument('--speed', type=float, default=1.0, help='simulated seconds per second')
    parser.add_argument('--start', default='2026-11-24T11:30:00', help='where the simulated clock starts')
    parser.add_argument('--keep', type=Path, help='keep the data folders here, and start from them next time')
    parser.add_argument('--app', default='main.py', help='the script started as the app (e.g. a patched copy)')
    parser.add_argument('--knowledge-dir', type=Path, default=Path(tempfile.gettempdir()) / 'chairside-bench-knowledge')
    return parser.parse_args(argv)


async def main(args: argparse.Namespace) -> list[dict]:
    results: list[dict] = []
    per_shop_mb, before = FIRST_GUESS_MB, None
    for size in [int(n) for n in args.shops.split(',') if n.strip()]:
        result = await one_size(args, size, per_shop_mb)
        per_shop_mb = result.get('rss_per_shop_mb') or per_shop_mb
        if before is not None and result.get('rss_mb') and size > before['shops']:  # the app's own share left out
            result['rss_per_added_shop_mb'] = round((result['rss_mb'] - before['rss_mb']) / (size - before['shops']), 2)
        before = result if result.get('rss_mb') else before
        results.append(result)
        print(_line(result), flush=True)
    print(f'load average at the end: {load_average()} (a shared 2-core machine: figures are noisy)')
    print(json.dumps(results, separators=(',', ':')))
    return results


async def one_size(args: argparse.Namespace, size: int, per_shop_mb: float) -> dict:
    result: dict = {'shops': size, 'rss_per_shop_mb': None, 'first_page_s': None, 'tick_p95_ms': None}
    needed, available = size * per_shop_mb + 300, _available_mb()
    if needed > available * 0.8:
        result['skipped'] = f'would need ~{needed:,.0f} MB ({per_shop_mb:.1f} MB a shop); {available:,.0f} available'
        return result
    with _data_folder(args.keep, size) as data:
        log = Path(tempfile.gettempdir()) / f'chairside-shops-{time.strftime("%H%M%S")}-{size}.log'
        kept = _kept(data)
        if kept:
            tokens, monitor, sim_start = kept['tokens'], kept['monitor'], kept['sim_reached']
            result['kept'] = True
            print(f'{size} shops from {data}, their clock at {sim_start}; app log: {log}', flush=True)
        else:
            seeded = time.monotonic()
            tokens, monitor, sim_start = *await seed(data, size), args.start
            result['seed_s'] = round(time.monotonic() - seeded, 1)
            print(f'{size} shops seeded in {result["seed_s"]} s; app log: {log}', flush=True)
        server = Server(data, args.speed, sim_start, args.knowledge_dir, log, args.app, monitor=monitor)
        try:
            async with monitor_browser(monitor) as http:
                proc = await _start(server, http, size, args.start_timeout, available * 0.8, result)
                if proc is None:
                    return result
                await _knowledge_built(http, server.url, args.start_timeout)  # its build would skew the ticks
                await asyncio.sleep(SETTLE_SECONDS)
                rss = proc.rss_mb()
                result.update(rss_mb=round(rss), rss_per_shop_mb=round(rss / size, 2))
                idle = await _tick_times(http, server.url, args.idle_seconds)
                result.update(tick_idle_p50_ms=_ms(idle, 0.5), tick_idle_p95_ms=_ms(idle, 0.95))
                await _watched(args, http, server.url, tokens, min(size, args.watched), result)
                if args.restart:
                    await _restart(args, server, http, size, available * 0.8, result)
        finally:
            server.stop()
            if args.keep is not None and server.launched is not None:
                (data / 'bench.json').write_text(json.dumps({'tokens': tokens, 'monitor': monitor,
                                                             'sim_reached': _went_on(args, server)}))
    return result


@contextlib.contextmanager
def _data_folder(keep: Path | None, size: int) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix='chairside-shops-') as folder:
            yield Path(folder)
    else:
        folder = keep / f'shops-{size}'
        if not _kept(folder):  # a seed the app never ran on: seeded again
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        yield folder


def _kept(data: Path) -> dict | None:
    """What a run before left in a kept folder: None if no app ran on it yet."""
    path = data / 'bench.json'
    return json.loads(path.read_text()) if path.exists() else None


def _went_on(args: argparse.Namespace, server: Server) -> str:
    """Where the app's simulated clock stood when it stopped: it ran from its start since it was launched."""
    ran_s = (server.stopped or time.monotonic()) - server.launched
    went_on = datetime.fromisoformat(server.env['CHAIRSIDE_SIM_START']) + timedelta(seconds=ran_s * args.speed)
    return went_on.isoformat(timespec='seconds')


async def _restart(args: argparse.Namespace, server: Server, http: aiohttp.ClientSession, size: int, budget_mb: float,
                   result: dict) -> None:
    server.stop()
    server.env['CHAIRSIDE_SIM_START'] = _went_on(args, server)
    again: dict = {'first_page_s': None}
    await _start(server, http, size, args.start_timeout, budget_mb, again)
    result.update(restart_first_page_s=again['first_page_s'], restart_ready_s=again.get('ready_s'))
    if 'failed' in again:
        result['restart_failed'] = again['failed']


async def _start(server: Server, http: aiohttp.ClientSession, size: int, timeout: float, budget_mb: float,
                 result: dict) -> Proc | None:
    """Launched and polled: the first page, then every shop ready. None (and why, in `result`) if it takes longer
    than `timeout`, grows past `budget_mb`, or exits."""
    started = time.monotonic()
    proc = server.launch()
    while (elapsed := time.monotonic() - started) < timeout:
        if server.process.poll() is not None:
            result['failed'] = f'the app exited with {server.process.returncode}; see {server.log}'
            return None
        if proc.rss_mb() > budget_mb:
            result['failed'] = f'stopped at {proc.rss_mb():,.0f} MB after {elapsed:.0f} s: more than this machine has'
            return None
        if 'login_page_s' not in result and await _answered(http, server.url + '/login'):
            result['login_page_s'] = round(time.monotonic() - started, 2)
        if 'login_page_s' in result and result['first_page_s'] is None and await _dashboard_answered(server.url):
            result['first_page_s'] = round(time.monotonic() - started, 2)
        if result['first_page_s'] is not None:
            health = await get_health(http, server.url)
            ready = health and health.get('shops_ready', health.get('shops'))  # before shops started in the background
            if ready == size and health.get('engine_running'):
                result['ready_s'] = round(time.monotonic() - started, 2)
                return proc
        await asyncio.sleep(0.1)
    result['failed'] = f'not ready within {timeout:.0f} s (RSS then {proc.rss_mb():,.0f} MB)'
    return None


async def _watched(args: argparse.Namespace, http: aiohttp.ClientSession, url: str, tokens: list[str], watched: int,
                   result: dict) -> None:
    """One dashboard on each of the first `watched` shops through --seconds: ticks and delivery meanwhile."""
    async with contextlib.AsyncExitStack() as browsers:
        who = argparse.Namespace(kind='dashboard', shops=watched, password=PASSWORD)
        targets = await make_targets(who, browsers, url, tokens)
        sessions, failed = await open_sessions(targets, url, watched, 50.0, True)
        await asyncio.sleep(SETTLE_SECONDS)
        clock0 = time.time()
        ticks = await _tick_times(http, url, args.seconds)
        clock1 = time.time()
        await asyncio.sleep(GRACE_SECONDS)
        delivery = stats.delivery([s for s in sessions if not s.disconnected], clock0, clock1)
        result.update(watched=watched, tick_p50_ms=_ms(ticks, 0.5), tick_p95_ms=_ms(ticks, 0.95),
                      delivery_p95_ms=_ms(delivery['delay_p95']), missed_share=delivery['missed_share'],
                      errors=len(failed) + sum(bool(s.error) for s in sessions))
        await asyncio.gather(*(s.close() for s in sessions))


async def _knowledge_built(http: aiohttp.ClientSession, url: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and (await get_health(http, url) or {}).get('knowledge') == 'building':
        await asyncio.sleep(0.5)


async def _tick_times(http: aiohttp.ClientSession, url: str, seconds: float) -> list[float]:
    """The loop's time per tick through `seconds`, one sample per tick seen (health read twice a tick)."""
    times: dict[int, float] = {}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        health = await get_health(http, url)
        if health and health.get('ticks') is not None:
            times[health['ticks']] = health['tick_seconds']
        await asyncio.sleep(0.5)
    return list(times.values())


async def _answered(http: aiohttp.ClientSession, url: str, timeout: float = 2) -> bool:
    try:
        async with http.get(url, allow_redirects=False, timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            return response.status == 200
    except (aiohttp.ClientError, TimeoutError, OSError):
        return False


async def _dashboard_answered(url: str) -> bool:
    """A person signs in as the owner and their dashboard answers (not a redirect back to sign in)."""
    async with new_browser() as browser:
        try:
            await sign_in(browser, url, EMAIL, PASSWORD)
        except (RuntimeError, aiohttp.ClientError, TimeoutError, OSError):
            return False
        return await _answered(browser, url + '/', timeout=10)


def _available_mb() -> float:
    with open('/proc/meminfo') as f:
        fields = dict(line.split(':', 1) for line in f)
    return int(fields['MemAvailable'].split()[0]) / 1024


def _ms(value: list[float] | float | None, q: float | None = None) -> float | None:
    value = stats.pct(value, q) if q is not None else value
    return None if value is None else round(value * 1000, 1)


def _line(r: dict) -> str:
    if 'skipped' in r or 'failed' in r:
        return f'{r["shops"]:>5} shops: {r.get("skipped") or r.get("failed")} (first page {r["first_page_s"]} s)'
    added = f' ({r["rss_per_added_shop_mb"]} MB a shop added)' if 'rss_per_added_shop_mb' in r else ''
    return (f'{r["shops"]:>5} shops: RSS {r["rss_mb"]} MB = {r["rss_per_shop_mb"]} MB a shop{added}; sign-in page '
            f'{r["login_page_s"]} s, first dashboard {r["first_page_s"]} s, all ready {r["ready_s"]} s; '
            f'tick p50/p95 idle {r["tick_idle_p50_ms"]}/'
            f'{r["tick_idle_p95_ms"]} ms, with {r["watched"]} dashboards {r["tick_p50_ms"]}/{r["tick_p95_ms"]} ms; '
            f'delivery p95 {r["delivery_p95_ms"]} ms (missed {r["missed_share"]}, errors {r["errors"]})'
            + (f'; restart: first dashboard {r["restart_first_page_s"]} s, all ready {r["restart_ready_s"]} s'
               if 'restart_ready_s' in r else '')
            + (' (started from kept data: a restart)' if r.get('kept') else ''))


if __name__ == '__main__':
    asyncio.run(main(parse_args()))
