"""The app under load: its data folder seeded through the store, `python main.py` started and stopped, /proc read."""
import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from bench.ports import free_port, listens  # noqa: E402
from engine import demo_profile  # noqa: E402
from store.accounts import change_password, create_owner  # noqa: E402
from store.db import Database  # noqa: E402
from store.staff import create_shop, invite_staff, list_members  # noqa: E402
from store.tokens import create_token  # noqa: E402

EMAIL, PASSWORD, ZONE = 'owner@example.com', 'a long bench password', 'Europe/London'
CLOCK_TICK = os.sysconf('SC_CLK_TCK')
PAGE_SIZE = os.sysconf('SC_PAGE_SIZE')


def staff_email(number: int) -> str:
    return f'staff{number}@example.com'


async def seed(data_dir: Path, shops: int, staff: int = 0, url: str = '') -> tuple[list[str], str]:
    """The owner, `shops` demo shops and one kiosk token per shop, written before the app starts; the kiosk tokens,
    and a monitoring token (for /api/health's details: see monitor_browser).

    And `staff` staff members (staff_email(i), PASSWORD), member i of shop i % shops, their password already set.
    """
    db = await Database.open(url or f'sqlite+aiosqlite:///{data_dir / "chairside.db"}')  # url: a cluster's database
    try:
        profile = demo_profile(ZONE).to_dict()
        account = await create_owner(db, EMAIL, PASSWORD, 'Bench shop 1', ZONE, profile)
        shop_ids = [account.shops[0].shop_id]
        for number in range(2, shops + 1):
            shop_ids.append((await create_shop(db, account.user_id, f'Bench shop {number}', ZONE, profile)).id)
        for number in range(staff):
            await _add_staff(db, shop_ids[number % shops], staff_email(number))
        kiosks = [(await create_token(db, shop_id, 'kiosk', 'Bench TV'))[1] for shop_id in shop_ids]
        return kiosks, (await create_token(db, shop_ids[0], 'monitor', 'Bench'))[1]
    finally:
        await db.close()


async def _add_staff(db: Database, shop_id: str, email: str) -> None:
    """Invited as the owner would, then their own password chosen, so that signing in leads to the dashboard."""
    one_time = await invite_staff(db, shop_id, email)
    user_id = next(user for user, address, _ in await list_members(db, shop_id) if address == email)
    await change_password(db, user_id, one_time, PASSWORD)


@dataclass
class Proc:
    """CPU seconds and resident memory of one process (threads included), from /proc."""
    pid: int

    def cpu_seconds(self) -> float:
        with open(f'/proc/{self.pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICK  # utime + stime

    def rss_mb(self) -> float:
        with open(f'/proc/{self.pid}/statm') as f:
            return int(f.read().split()[1]) * PAGE_SIZE / 2 ** 20


def load_average() -> str:
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


class Server:
    """`python main.py` on a free loopback port with its own data folder, as tests/e2e/conftest.py's App."""

    def __init__(self, data_dir: Path, speed: float, start: str, knowledge_dir: Path | None, log: Path,
                 script: str = 'main.py', env: dict[str, str] | None = None, monitor: str = '') -> None:
        self.env = {k: v for k, v in os.environ.items() if k != 'PYTEST_CURRENT_TEST'}
        self._move_to(free_port())
        self.env.update(CHAIRSIDE_DATA_DIR=str(data_dir), CHAIRSIDE_SIM_SPEED=str(speed),
                        CHAIRSIDE_SIM_START=start, CHAIRSIDE_SHOP_TIMEZONE=ZONE, CHAIRSIDE_LOG_LEVEL='WARNING')
        if knowledge_dir is not None:
            self.env['CHAIRSIDE_KNOWLEDGE_DIR'] = str(knowledge_dir)
        self.env.update(env or {})
        self.log = log
        self.script = script
        self.monitor = monitor  # a monitoring token: start() waits on /api/health's details
        self.process: subprocess.Popen | None = None
        self.launched: float | None = None  # monotonic times of the last launch and stop
        self.stopped: float | None = None

    def _move_to(self, port: int) -> None:
        self.port, self.url, self.env['CHAIRSIDE_PORT'] = port, f'http://127.0.0.1:{port}', str(port)

    def launch(self) -> Proc:
        self.launched, self.stopped = time.monotonic(), None
        with open(self.log, 'ab') as log:
            self.process = subprocess.Popen([sys.executable, self.script], cwd=ROOT, env=self.env, stdout=log,
                                            stderr=log, start_new_session=True)
        return Proc(self.process.pid)

    async def start(self, timeout: float = 600) -> Proc:  # a bound on a hang: 50 shops replay for minutes
        self.launch()
        deadline, tries = time.monotonic() + timeout, 3
        async with monitor_browser(self.monitor) as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    tries -= 1
                    if tries and 'address already in use' in self.log.read_text(errors='replace'):
                        self._move_to(free_port())  # another process took the port first
                        self.launch()
                        continue
                    raise RuntimeError(f'the app exited with {self.process.returncode}; see {self.log}')
                health = await get_health(http, self.url) if listens(self.process.pid, self.port) else None
                if health and health.get('knowledge') != 'building' and \
                        health.get('shops_ready', 0) == health.get('shops'):  # the index build and shops still
                    return Proc(self.process.pid)  # catching up on their history would skew the CPU figures
                await asyncio.sleep(0.5)
        raise RuntimeError(f'the app was not ready within {timeout:.0f} s; see {self.log}')

    def stop(self) -> None:
        """SIGINT as Ctrl-C would (uvicorn shuts down cleanly), then terminate, then kill."""
        if self.process is None or self.process.poll() is not None:
            return
        self.stopped = time.monotonic()
        for sig, wait in ((signal.SIGINT, 30), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            self.process.send_signal(sig)
            try:
                self.process.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue


def monitor_browser(token: str) -> aiohttp.ClientSession:
    """A client sending a monitoring token: /api/health answers it with its details (else `status` alone)."""
    return aiohttp.ClientSession(headers={'Authorization': f'Bearer {token}'})


async def get_health(http: aiohttp.ClientSession, url: str) -> dict | None:
    try:
        async with http.get(f'{url}/api/health', timeout=aiohttp.ClientTimeout(total=5)) as r:
            return await r.json() if r.status == 200 else None
    except (aiohttp.ClientError, TimeoutError, OSError):
        return None
