"""Finding 10: on start, the data folder, the knowledge index and NiceGUI's storage folder are closed to others."""
import os
import stat
from pathlib import Path

import pytest
from nicegui import app
from nicegui.testing import User


@pytest.fixture
def loose_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Folders as an earlier install (or a umask of 022) left them: readable by everyone."""
    data = tmp_path / 'data'
    monkeypatch.setenv('CHAIRSIDE_DATA_DIR', str(data))
    folders = [data, Path(os.environ['CHAIRSIDE_KNOWLEDGE_DIR']), app.storage.path]
    for folder in folders:
        folder.mkdir(exist_ok=True)
        folder.chmod(0o755)
    return folders


async def test_the_folders_holding_data_are_0700(loose_folders: list[Path], user: User):
    await user.open('/setup')
    await user.should_see('Welcome to Chairside')
    assert {str(f): stat.S_IMODE(f.stat().st_mode) for f in loose_folders} == {str(f): 0o700 for f in loose_folders}
