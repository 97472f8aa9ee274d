import pytest

TUESDAY_MORNING = '2026-11-24T10:30:00'


@pytest.fixture(autouse=True)
def shop_env(monkeypatch: pytest.MonkeyPatch, tmp_path, knowledge_dir) -> None:
    """A demo shop at a known instant whose clock stands still: only the test moves it (helpers.advance), so what a
    page shows never depends on how fast the machine ran the test. Its own data folder."""
    monkeypatch.setenv('CHAIRSIDE_DATA_DIR', str(tmp_path))
    monkeypatch.setenv('CHAIRSIDE_KNOWLEDGE_DIR', knowledge_dir)
    monkeypatch.setenv('CHAIRSIDE_SHOP_TIMEZONE', 'Europe/London')
    monkeypatch.setenv('CHAIRSIDE_SIM_START', TUESDAY_MORNING)
    monkeypatch.setenv('CHAIRSIDE_SIM_SEED', '7')
    monkeypatch.setenv('CHAIRSIDE_SIM_SPEED', '0')
