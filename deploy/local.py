"""All of a cluster on this machine, one command: PostgreSQL, HAProxy in front, N workers (`python main.py` each).

    python -m deploy.local --workers 3 [--port 8080]      (make cluster WORKERS=3)

PostgreSQL is the throwaway one of scripts/pg_for_tests.py (gone when this stops), or CHAIRSIDE_DATABASE_URL when set.
The workers share one storage secret; each has its own data folder (its knowledge index) and NiceGUI storage folder,
as on machines of their own: who is signed in lives in PostgreSQL (cluster/browser_storage.py). Ctrl-C stops them all.
"""
import argparse
import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import httpx

from bench.ports import free_port, listens

from .haproxy import HERE, render

ROOT = HERE.parent
STARTS_WITHIN = 90.0  # seconds: a bound on a hang, not a measure of speed
HAPROXY_HINT = ('HAProxy was not found. Run scripts/install-test-deps.sh (as root it installs it: apt-get install -y '
                '--no-install-recommends haproxy).')


class LocalCluster:
    def __init__(self, workers: int, port: int, root: Path, env: dict[str, str] | None = None,
                 database_url: str = '', output: bool = False) -> None:
        self.names = [f'w{n}' for n in range(1, workers + 1)]
        self.port, self.root, self.output = port, root, output
        self.env = {k: v for k, v in os.environ.items() if k != 'PYTEST_CURRENT_TEST'} | (env or {})
        self.database_url = database_url
        self.pg = None
        self.ports: dict[str, int] = {}
        self.processes: dict[str, subprocess.Popen] = {}

    @property
    def url(self) -> str:
        return f'http://127.0.0.1:{self.port}'

    def worker_url(self, name: str) -> str:
        return f'http://127.0.0.1:{self.ports[name]}'

    def start_database(self) -> str:
        """The database's URL: the one given, or a throwaway PostgreSQL started now."""
        if not self.database_url:
            self.pg = _pg_script().start()
            self.database_url = self.pg.url
        return self.database_url

    def start(self) -> None:
        """The proxy and the workers, once the database is there (start_database); returns when every worker and the
        proxy answer /api/health."""
        haproxy = shutil.which('haproxy') or '/usr/sbin/haproxy'
        if not Path(haproxy).exists():
            raise RuntimeError(HAPROXY_HINT)
        self.start_database()
        self.ports = {name: free_port() for name in self.names}
        config = self.root / 'haproxy.cfg'
        config.write_text(render([(name, f'127.0.0.1:{port}') for name, port in self.ports.items()],
                                 bind=f'127.0.0.1:{self.port}', errors=HERE / 'errors'))
        common = {'CHAIRSIDE_CLUSTER': '1', 'CHAIRSIDE_DATABASE_URL': self.database_url,
                  'CHAIRSIDE_STORAGE_SECRET': secrets.token_urlsafe(32)}
        for name, port in self.ports.items():
            env = self.env | common | {'CHAIRSIDE_WORKER_ID': name, 'CHAIRSIDE_PORT': str(port),
                                       'CHAIRSIDE_DATA_DIR': str(self.root / name),
                                       'NICEGUI_STORAGE_PATH': str(self.root / name / 'nicegui')}
            self.processes[name] = self._spawn(name, [sys.executable, 'main.py'], env)
        self.processes['haproxy'] = self._spawn('haproxy', [haproxy, '-db', '-f', str(config)], self.env)
        deadline = time.monotonic() + STARTS_WITHIN
        for name in self.names:
            self._wait(lambda name=name: listens(self.processes[name].pid, self.ports[name]) and
                       self.healthy(self.worker_url(name)), deadline, f'worker {name}')
        self._wait(lambda: self.healthy(self.url), deadline, 'the proxy')

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = None if self.output else open(self.root / f'{name}.log', 'ab')  # noqa: SIM115 (the process keeps it)
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT if log else None)

    def healthy(self, url: str) -> bool:
        try:
            return httpx.get(f'{url}/api/health', timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def _wait(self, ready, deadline: float, what: str) -> None:
        while not ready():
            ended = [name for name, process in self.processes.items() if process.poll() is not None]
            if ended:
                raise RuntimeError(f'{", ".join(ended)} ended while starting (logs in {self.root})')
            if time.monotonic() > deadline:
                raise RuntimeError(f'{what} did not start within {STARTS_WITHIN:.0f} s (logs in {self.root})')
            time.sleep(0.2)

    def kill(self, name: str) -> None:
        """As a machine failing would: kill -9, nothing said to anyone."""
        process = self.processes[name]
        process.kill()
        process.wait()

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.pg is not None:
            self.pg.stop()


def _pg_script() -> ModuleType:
    """scripts/ is not a package (it runs before the venv exists): loaded by path."""
    spec = importlib.util.spec_from_file_location('pg_for_tests', ROOT / 'scripts' / 'pg_for_tests.py')
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--workers', type=int, default=3)
    parser.add_argument('--port', type=int, default=int(os.environ.get('CHAIRSIDE_PORT', 8080)))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix='chairside-cluster-'))
    cluster = LocalCluster(args.workers, args.port, root, database_url=os.environ.get('CHAIRSIDE_DATABASE_URL', ''),
                           output=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        cluster.start()
        print(f'Chairside on {cluster.url}: {args.workers} workers behind HAProxy, on {cluster.database_url}. '
              'Ctrl-C stops them all.', flush=True)
        workers = [cluster.processes[name] for name in cluster.names]  # one may be killed to watch the others take over
        while cluster.processes['haproxy'].poll() is None and any(w.poll() is None for w in workers):
            time.sleep(0.5)
        print('the proxy or every worker ended: stopping the rest', flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        with contextlib.suppress(KeyboardInterrupt):
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__':
    main()
