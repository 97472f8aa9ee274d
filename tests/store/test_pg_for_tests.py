"""The throwaway-PostgreSQL helper: clear message when binaries are missing, stale locks removed."""
import subprocess

import pytest

from .helpers import load_pg_script

pg = load_pg_script()


def test_missing_binaries_say_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv('PG_BIN', str(tmp_path))
    with pytest.raises(pg.PostgresMissing, match='scripts/install-test-deps.sh'):
        pg.find_bin_dir()


def test_stale_locks_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.Popen(['true'])
    dead.wait()
    (tmp_path / 'postmaster.pid').write_text(f'{dead.pid}\n/tmp/data\n')
    (tmp_path / '.s.PGSQL.5432.lock').write_text(f'{dead.pid}\n')
    live = tmp_path / '.s.PGSQL.5433.lock'
    live.write_text('1\n')
    assert sorted(p.name for p in pg.clear_stale_locks(tmp_path, tmp_path)) == ['.s.PGSQL.5432.lock', 'postmaster.pid']
    assert live.exists()
