"""The leak check: sessions opened and closed in rounds, then what the server still holds once it has settled."""
import asyncio
import time

import aiohttp

from bench.live_app import Proc, get_health
from bench.live_client import Target, open_sessions

FIRST_UPDATE_WAIT = 10.0  # per round, for every session's first update
SWEEP_WAIT = 35.0  # with no page open, the app sweeps the closed pages' memory within a second, and once more 30 s
# later for what they freed meanwhile (runtime/memory.py)
SETTLE_LIMIT = 60.0  # for the server to drop the closed sessions (NiceGUI deletes a client after reconnect_timeout)


async def churn(http: aiohttp.ClientSession, url: str, targets: list[Target], proc: Proc | None, n: int, rounds: int,
                ramp: float, deflate: bool, settle: bool = False) -> dict:
    started = time.monotonic()
    baseline = await _sessions(http, url)
    rss_before = proc.rss_mb() if proc else 0.0
    opens = failed = no_update = 0
    rss_loaded = rss_before
    by_round: list[float] = []  # RSS once each round's sessions are closed (and swept, if settling): a plateau is the
    # allocator keeping memory for the next pages, a slope a leak
    for _ in range(rounds):
        sessions, failures = await open_sessions(targets, url, n, ramp, deflate)
        opens, failed = opens + n, failed + len(failures)
        deadline = time.monotonic() + FIRST_UPDATE_WAIT
        while time.monotonic() < deadline and any(s.first_update_s is None for s in sessions):
            await asyncio.sleep(0.1)
        no_update += sum(s.first_update_s is None for s in sessions)
        rss_loaded = max(rss_loaded, proc.rss_mb() if proc else 0.0)
        await asyncio.gather(*(s.close() for s in sessions + failures))
        if settle:
            await _settle(http, url, baseline)
            await asyncio.sleep(SWEEP_WAIT)
        by_round.append(round(proc.rss_mb() if proc else 0.0))
    after = await _settle(http, url, baseline)
    await asyncio.sleep(SWEEP_WAIT)
    health = {}
    for _ in range(10):  # a sweep holds the app for a few seconds
        health = await get_health(http, url) or {}
        if health:
            break
    return {'allocator': health.get('allocator'), 'sweeps': health.get('memory_sweeps'),
            'last_sweep_seconds': health.get('last_sweep_seconds'),
            'sessions': n, 'rounds': rounds, 'opens': opens, 'failed': failed, 'without_update': no_update,
            'rss_before_mb': rss_before, 'rss_loaded_mb': rss_loaded, 'rss_after_mb': proc.rss_mb() if proc else 0.0,
            'rss_by_round_mb': by_round, 'health_before': baseline, 'health_after': after,
            'seconds': time.monotonic() - started}


async def _sessions(http: aiohttp.ClientSession, url: str) -> int | None:
    health = await get_health(http, url)
    return health.get('sessions') if health else None


async def _settle(http: aiohttp.ClientSession, url: str, baseline: int | None) -> int | None:
    """/api/health's `sessions` once it is back at the baseline, or whatever it is after SETTLE_LIMIT."""
    deadline = time.monotonic() + SETTLE_LIMIT
    count = await _sessions(http, url)
    while time.monotonic() < deadline and count != baseline:
        await asyncio.sleep(1.0)
        count = await _sessions(http, url)
    return count
