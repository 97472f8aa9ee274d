"""Many browser tabs on the live pages at once: what each costs the server and how late the updates reach them.

    .venv/bin/python bench/live.py --sessions 10,100,400 [--shops 2] [--seconds 30] [--kind dashboard|kiosk]
        [--speed 1] [--ramp 50] [--churn 200x10] [--profile out.txt]
        [--url http://… --token T | --password P [--monitor-token M]]
        [--chats 20 [--chat-rate 50] [--chat-tokens 500]]

Each size starts a fresh app (`python main.py` on a free loopback port, a temporary data folder seeded through the
store with an owner, --shops demo shops and a kiosk token each), opens the sessions at --ramp per second as a
browser does (bench/live_client.py), lets them settle, then measures a steady window of --seconds:
- server CPU: the app process's CPU time over the window (/proc/<pid>/stat), as % of one core;
- RSS before the sessions opened and at the end of the window, and the difference per session;
- delivery: for each tick, each session's arrival of the update minus the wall time the engine took the snapshot
  (the shop clock's element carries it in its `data-made` prop);
- missed ticks: a session that never saw a tick's stamp got that tick merged into a later update;
- the longest gap between consecutive snapshots (1 s plus the tick's own work when all is well);
- websocket payload bytes received per session per second (inflated text; permessage-deflate as Chromium);
- opening a new session under load: a probe tab every 2 s through the window, GET / Socket.IO connect / first
  update (which waits for the next tick, so ~500 ms of it is the tick's phase);
- disconnects (closed by the server) and errors; the bench's own CPU and event-loop lag, to tell its limits apart.
--churn NxR opens N sessions, waits for their first update, closes them, R times (with --churn-settle, each round
waits for the server to drop and sweep the one before); then RSS and /api/health's
`sessions` before and after (a leak check; a seeded monitoring token reads /api/health's details). Figures on a
shared machine are noisy: compare runs of one sitting.
--chats N: N of the dashboards (each a staff member of its own, signed in: the coach allows a user 10 questions a
minute) ask the coach, Send after Send, through the window (bench/live_chat.py); the app's OpenAI provider is a
stand-in on 127.0.0.1 (bench/live_stand_in.py) streaming --chat-tokens words at --chat-rate a second per answer.
Delivery stays over all dashboards (chatting ones included); a second table gives the chats' figures.
"""
import argparse
import asyncio
import contextlib
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parents[1]))

from bench import live_chat  # noqa: E402
from bench import live_stats as stats  # noqa: E402
from bench.live_app import (  # noqa: E402
    EMAIL,
    PASSWORD,
    Proc,
    Server,
    get_health,
    load_average,
    monitor_browser,
    seed,
)
from bench.live_churn import churn  # noqa: E402
from bench.live_client import Session, Target, new_browser, open_sessions, sign_in, switch_shop  # noqa: E402
from bench.live_stand_in import StandInProcess  # noqa: E402

SETTLE_SECONDS = 3.0  # after the last session opened, before the window
GRACE_SECONDS = 3.0  # after the window, so that the window's last ticks reach every session
TICKS_CAP = 120.0  # seconds a window waits at most for --ticks
PROBE_EVERY = 2.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sessions', default='10', help='comma-separated sizes, one fresh app each (default 10)')
    parser.add_argument('--shops', type=int, default=1, help='demo shops the sessions are spread over')
    parser.add_argument('--seconds', type=float, default=30.0, help='steady-state window')
    parser.add_argument('--ticks', type=int, default=0,
                        help="the window also lasts until every session got this many ticks (a slow machine's "
                             f'window is longer, not emptier; at most {TICKS_CAP:.0f} s more)')
    parser.add_argument('--kind', choices=('kiosk', 'dashboard'), default='dashboard')
    parser.add_argument('--speed', type=float, default=1.0,
                        help="simulated seconds per second: 1 is a real shop's pace; 60 changes most figures each tick")
    parser.add_argument('--start', default='2026-11-24T11:30:00', help='where the simulated clock starts')
    parser.add_argument('--ramp', type=float, default=50.0, help='sessions opened per second')
    parser.add_argument('--no-deflate', action='store_true', help='do not negotiate permessage-deflate')
    parser.add_argument('--churn', default='', help='NxR: N sessions opened and closed R times (a leak check)')
    parser.add_argument('--churn-settle', action='store_true',
                        help='before each round, wait for the server to drop and sweep the round before')
    parser.add_argument('--profile', type=Path, help='py-spy the server through the window into this file')
    parser.add_argument('--json', type=Path, help='append each result as a JSON line to this file')
    parser.add_argument('--knowledge-dir', type=Path, default=Path(tempfile.gettempdir()) / 'chairside-bench-knowledge')
    parser.add_argument('--app', default='main.py', help='the script started as the app (e.g. a patched copy)')
    parser.add_argument('--url', help='an app already running (then --token or --password, and --pid for CPU/RSS)')
    parser.add_argument('--token', action='append', default=[], help='a kiosk token of the app at --url')
    parser.add_argument('--password', default=PASSWORD, help=f'the password of {EMAIL} at --url')
    parser.add_argument('--pid', type=int, help="the app's pid at --url")
    parser.add_argument('--monitor-token', default='',
                        help="a monitoring token of the app at --url, for /api/health's figures (else the owner's "
                             'signed-in browser, with --kind dashboard)')
    parser.add_argument('--chats', type=int, default=0, help='dashboards (of --sessions) asking the coach meanwhile')
    parser.add_argument('--chat-rate', type=float, default=50.0, help="tokens a second in each of the coach's answers")
    parser.add_argument('--chat-tokens', type=int, default=500, help="tokens in each of the coach's answers")
    args = parser.parse_args(argv)
    if args.chats and (args.url or args.kind != 'dashboard'):
        parser.error('--chats needs dashboards of an app the bench starts (not --url, not --kind kiosk)')
    return args


async def main(args: argparse.Namespace) -> list[dict]:
    results: list[dict] = []
    sizes = [int(n) for n in args.sessions.split(',') if n.strip()] if not args.churn else []
    jobs = [('steady', n) for n in sizes] + ([('churn', args.churn)] if args.churn else [])
    for job, size in jobs:
        result = await with_app(args, job, size)
        results.append(result)
        print(json.dumps(result), flush=True)
        if args.json:
            with open(args.json, 'a') as f:
                f.write(json.dumps(result) + '\n')
    steady = [r for r in results if r['job'] == 'steady']
    print(f'\nload average at the end: {load_average()} (a shared 2-core machine: figures are noisy)')
    if steady:
        print(stats.table(steady))
    if any(r.get('chats') for r in steady):
        print(stats.chat_table([r for r in steady if r.get('chats')]))
    if len(steady) < len(results):
        print(stats.churn_table([r for r in results if r['job'] == 'churn']))
    return results


async def with_app(args: argparse.Namespace, job: str, size: int | str) -> dict:
    """The app started for this job (or the one at --url), the job run against it, the app stopped."""
    chats = args.chats if job == 'steady' else 0
    stand_in = StandInProcess(args.chat_rate, args.chat_tokens) if chats else None
    with tempfile.TemporaryDirectory(prefix='chairside-bench-') as folder:
        server, tokens, monitor = None, args.token, args.monitor_token
        if args.url:
            url, proc = args.url.rstrip('/'), Proc(args.pid) if args.pid else None
        else:
            data = Path(folder)
            tokens, monitor = await seed(data, args.shops, staff=chats)
            log = Path(tempfile.gettempdir()) / f'chairside-bench-{time.strftime("%H%M%S")}-{size}.log'
            env = {}
            if stand_in is not None:
                await stand_in.start()
                env = {'CHAIRSIDE_OPENAI_BASE_URL': stand_in.base_url, 'CHAIRSIDE_OPENAI_API_KEY': 'bench-dummy-key',
                       'CHAIRSIDE_COACH_PROVIDERS': 'openai'}  # the stand-in only, then the offline coach
            server = Server(data, args.speed, args.start, args.knowledge_dir, log, args.app, env, monitor)
            print(f'app log: {log}', flush=True)
            proc, url = await server.start(), server.url
        try:
            async with contextlib.AsyncExitStack() as browsers:
                targets = await make_targets(args, browsers, url, tokens)
                staff = await live_chat.staff_targets(browsers, url, chats) if chats else []
                http = await browsers.enter_async_context(monitor_browser(monitor)) if monitor else targets[0][0]
                if job == 'churn':
                    n, rounds = (int(x) for x in str(size).split('x'))
                    deflate = not args.no_deflate
                    return {'job': job, **await churn(http, url, targets, proc, n, rounds, args.ramp, deflate,
                                                            args.churn_settle)}
                return {'job': job, 'kind': args.kind, 'shops': len(targets),
                        **await steady(args, http, url, targets, proc, size, staff)}
        finally:
            if server is not None:
                server.stop()
            if stand_in is not None:
                await stand_in.stop()


async def make_targets(args: argparse.Namespace, browsers: contextlib.AsyncExitStack, url: str,
                     tokens: list[str]) -> list[Target]:
    """Kiosks: one browser, a page per shop's token. Dashboards: a browser per shop, signed in, that shop chosen."""
    if args.kind == 'kiosk':
        http = await browsers.enter_async_context(new_browser())
        return [(http, f'/kiosk/{token}') for token in tokens]
    targets = []
    for number in range(1, args.shops + 1):
        http = await browsers.enter_async_context(new_browser())
        await sign_in(http, url, EMAIL, args.password)
        if args.shops > 1:
            await switch_shop(http, url, f'Bench shop {number}')
        targets.append((http, '/'))
    return targets


async def steady(args: argparse.Namespace, http: aiohttp.ClientSession, url: str, targets: list[Target],
                 proc: Proc | None, n: int, staff: list[Target]) -> dict:
    """n dashboards (or kiosks), len(staff) of them chatting, through a window of --seconds."""
    deflate = not args.no_deflate
    if staff:
        await live_chat.warm_up(staff[0], url, args.chat_tokens)
    rss_before = proc.rss_mb() if proc else 0.0
    sessions, failed = await open_sessions(targets, url, n - len(staff), args.ramp, deflate)
    chats, failed_chats = await live_chat.open_chats(staff, url, len(targets), deflate, args.chat_tokens)
    sessions, failed = sessions + [c.session for c in chats], failed + failed_chats
    stop_asking = asyncio.Event()
    askers = [asyncio.create_task(chat.run(stop_asking)) for chat in chats]
    await asyncio.sleep(SETTLE_SECONDS)
    await live_chat.first_words(chats, 30)
    gc.collect()
    gc.freeze()  # else the bench's own full collections pause it for up to ~0.8 s at 1,000 sessions, as late updates
    live = [s for s in sessions if not s.disconnected]
    bytes_at = {id(s): s.bytes for s in live}
    cpu0, wall0, bench0, clock0 = proc.cpu_seconds() if proc else 0.0, time.monotonic(), _own_cpu(), time.time()
    lag: list[float] = []
    background = [asyncio.create_task(_lag(lag, args.seconds)), asyncio.create_task(
        _probes(targets, url, args.seconds, deflate))]
    if args.profile and proc:
        background.append(asyncio.create_task(_py_spy(proc.pid, args.seconds, args.profile)))
    await asyncio.sleep(args.seconds)
    await _until_ticks(live, clock0, args.ticks)
    stop_asking.set()
    wall1, cpu1, bench1, clock1 = time.monotonic(), proc.cpu_seconds() if proc else 0.0, _own_cpu(), time.time()
    rss_after = proc.rss_mb() if proc else 0.0
    health = await get_health(http, url)
    window = wall1 - wall0
    received = sum(s.bytes - bytes_at[id(s)] for s in live)
    probes = (await asyncio.gather(*background))[1]
    await asyncio.sleep(GRACE_SECONDS)
    whole = [s for s in live if not s.disconnected]
    result = {
        'sessions': n, 'opened': len(sessions), 'seconds': round(window, 1),
        'cpu_percent': (cpu1 - cpu0) / window * 100, 'rss_before_mb': rss_before, 'rss_after_mb': rss_after,
        'rss_per_session_kb': (rss_after - rss_before) * 1024 / max(1, len(sessions)),
        'delivery': stats.delivery(whole, clock0, clock1), 'bytes_per_second': received / window / max(1, len(live)),
        'probes': probes, 'disconnects': sum(s.disconnected for s in sessions),
        'errors': len(failed) + sum(bool(s.error) for s in sessions),
        'error_samples': sorted({s.error for s in failed + sessions if s.error})[:5],
        'health_sessions': health and health.get('sessions'),
        'sessions_with_updates': sum(s.updates > 0 for s in sessions),
        'events': _events(sessions), 'elements_per_session': stats.element_counts(whole),
        'bench_cpu_percent': (bench1 - bench0) / window * 100, 'bench_lag_max': max(lag, default=None),
        'load_average': load_average(),
    }
    if chats:
        chatting = [c.session for c in chats if not c.session.disconnected]
        result.update(chats=live_chat.figures(chats, clock0, clock1), chat_delivery=stats.delivery(
            chatting, clock0, clock1), chat_errors=sorted({c.session.error for c in chats if c.session.error})[:3])
    for asker in askers:
        asker.cancel()
    await asyncio.gather(*askers, return_exceptions=True)
    await asyncio.gather(*(s.close() for s in sessions))
    gc.unfreeze()
    return result


async def _probes(targets: list[Target], url: str, seconds: float, deflate: bool) -> dict:
    """A new tab every PROBE_EVERY seconds through the window: how long it takes to open under load."""
    done: list[Session] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() + PROBE_EVERY < deadline:
        http, path = targets[len(done) % len(targets)]
        probe = Session(http, url, path, deflate)
        try:
            await probe.open()
            for _ in range(300):  # its first update, at most 30 s (a failed open, not a slow machine)
                if probe.first_update_s is not None:
                    break
                await asyncio.sleep(0.1)
        except Exception as error:  # noqa: BLE001
            probe.error = f'probe: {type(error).__name__}: {error}'
        await probe.close()
        done.append(probe)
        await asyncio.sleep(max(0.0, PROBE_EVERY - (time.monotonic() - probe.started)))
    ok = [p for p in done if not p.error and p.first_update_s is not None]
    return {'count': len(done), 'failed': len(done) - len(ok),
            'get_p50': stats.pct((p.get_s for p in ok), 0.5), 'connect_p50': stats.pct((p.connect_s for p in ok), 0.5),
            'first_update_p50': stats.pct((p.first_update_s for p in ok), 0.5),
            'first_update_max': max((p.first_update_s for p in ok), default=None)}


async def _until_ticks(sessions: list[Session], since: float, ticks: int) -> None:
    """Until every open session has received `ticks` ticks made since `since` (wall time), TICKS_CAP at most."""
    deadline = time.monotonic() + TICKS_CAP
    while time.monotonic() < deadline and any(
            sum(made >= since for made in s.ticks) < ticks for s in sessions if not s.disconnected):
        await asyncio.sleep(0.1)


async def _lag(lag: list[float], seconds: float) -> None:
    """The bench's own event-loop lag: when it is large, the arrival times say more about the bench than the app."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        before = time.monotonic()
        await asyncio.sleep(0.05)
        lag.append(time.monotonic() - before - 0.05)


async def _py_spy(pid: int, seconds: float, output: Path) -> None:
    """Collapsed stacks of the server through the window (`.venv/bin/pip install py-spy` first)."""
    py_spy = Path(sys.executable).parent / 'py-spy'
    if not py_spy.exists():
        print(f'--profile: {py_spy} is missing; install it with `.venv/bin/pip install py-spy`', flush=True)
        return
    process = await asyncio.create_subprocess_exec(
        str(py_spy), 'record', '--pid', str(pid), '--duration', str(int(seconds)),
        '--rate', '100', '--nonblocking', '--format', 'raw', '--output', str(output),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    await asyncio.wait_for(process.wait(), seconds + 60)


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _events(sessions: list[Session]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for session in sessions:
        for name, count in session.events.items():
            totals[name] = totals.get(name, 0) + count
    return totals


if __name__ == '__main__':
    asyncio.run(main(parse_args()))
