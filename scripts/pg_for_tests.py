"""A throwaway PostgreSQL 15 on 127.0.0.1 for tests: fresh data folder, free port, no fsync; removed afterwards.

As a module:  `with pg_for_tests.running() as server: server.url`  (postgresql+psycopg://...)
By hand:      `python scripts/pg_for_tests.py`  prints the URL and keeps the server up until Ctrl-C.
initdb and postgres refuse to run as root, so as root they run as the `postgres` OS user (runuser).
Standard library only, so it runs before the project's venv exists.
"""
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = (
    'Run scripts/install-test-deps.sh (as root it installs them: apt-get install -y --no-install-recommends '
    'postgresql-15), or set CHAIRSIDE_TEST_SKIP_POSTGRES=1 to skip the PostgreSQL tests.'
)


class PostgresMissing(RuntimeError):
    """The PostgreSQL server binaries are not on this machine."""


@dataclass
class PgServer:
    bin_dir: Path
    root: Path  # temp folder holding data/, the socket and the log
    port: int
    database: str = 'chairside_test'
    user: str = 'postgres'

    @property
    def url(self) -> str:
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f'postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}'

    def run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL client or server tool, as the postgres OS user when we are root."""
        return subprocess.run([*_as_postgres(), str(self.bin_dir / tool), *args], check=True, text=True,
                              capture_output=True, cwd=self.root)

    def create_database(self, name: str) -> str:
        self.run('createdb', '-h', '127.0.0.1', '-p', str(self.port), '-U', self.user, name)
        return self.url_for(name)

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            self.run('pg_ctl', '-D', str(self.root / 'data'), '-m', 'immediate', '-w', 'stop')
        shutil.rmtree(self.root, ignore_errors=True)


def find_bin_dir() -> Path:
    """PG_BIN if set, else Debian's newest /usr/lib/postgresql/<version>/bin (15 expected)."""
    candidates = [os.environ['PG_BIN']] if os.environ.get('PG_BIN') else sorted(
        glob.glob('/usr/lib/postgresql/*/bin'), key=lambda p: int(Path(p).parent.name), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / 'initdb').exists() and (Path(candidate) / 'pg_ctl').exists():
            return Path(candidate)
    where = os.environ.get('PG_BIN') or '/usr/lib/postgresql/*/bin'
    raise PostgresMissing(f'PostgreSQL server binaries (initdb, pg_ctl) were not found in {where}. {INSTALL_HINT}')


def start(database: str = 'chairside_test') -> PgServer:
    bin_dir = find_bin_dir()
    root = Path(tempfile.mkdtemp(prefix='chairside-pg-', dir='/tmp'))  # never under /root: postgres can't read it
    if os.geteuid() == 0:
        try:
            entry = pwd.getpwnam('postgres')
        except KeyError as error:
            shutil.rmtree(root)
            raise PostgresMissing(f'As root, PostgreSQL must run as the OS user "postgres", which does not exist. '
                                  f'{INSTALL_HINT}') from error
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = PgServer(bin_dir, root, _free_port(), database)
    try:
        server.run('initdb', '-D', str(root / 'data'), '-U', server.user, '-A', 'trust', '-E', 'UTF8',
                   '--locale=C', '--no-sync')
        clear_stale_locks(root / 'data', root)
        options = (f'-c listen_addresses=127.0.0.1 -p {server.port} -k {root} -c fsync=off '
                   f'-c synchronous_commit=off -c full_page_writes=off')
        server.run('pg_ctl', '-D', str(root / 'data'), '-o', options, '-l', str(root / 'log'), '-w', '-t', '30',
                   'start')
        server.create_database(database)
    except subprocess.CalledProcessError as error:
        log = (root / 'log').read_text() if (root / 'log').exists() else ''
        server.stop()
        raise RuntimeError(f'PostgreSQL did not start: {error.stderr or error.stdout}\n{log}') from error
    return server


@contextlib.contextmanager
def running(database: str = 'chairside_test') -> Iterator[PgServer]:
    server = start(database)
    try:
        yield server
    finally:
        server.stop()


def clear_stale_locks(data_dir: Path, socket_dir: Path) -> list[Path]:
    """A server killed with -9 leaves postmaster.pid and .s.PGSQL.*.lock naming a dead PID; remove those."""
    removed = []
    for lock in [data_dir / 'postmaster.pid', *socket_dir.glob('.s.PGSQL.*.lock')]:
        try:
            pid = int(lock.read_text().split('\n', 1)[0].strip())
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            lock.unlink(missing_ok=True)
            removed.append(lock)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:  # a zombie still answers kill(0) but holds nothing
        return Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return True


def _as_postgres() -> list[str]:
    return ['runuser', '-u', 'postgres', '--'] if os.geteuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


if __name__ == '__main__':
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    with running() as pg:
        signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)  # no KeyboardInterrupt halfway through the clean-up
        print(pg.url, flush=True)
        signal.sigwait(stop_signals)
