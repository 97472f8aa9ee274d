"""Small builders shared by the store tests."""
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from store.accounts import Account, create_owner
from store.db import Database

PROFILE: dict[str, Any] = {'barbers': ['Ana', 'Ben'], 'services': [{'name': 'Cut', 'price': 30, 'minutes': 30}],
                           'hours': {'mon': ['09:00', '18:00']}, 'daily_revenue_goal': 900}
PASSWORD = 'correct horse battery'


async def owner(db: Database, email: str = 'owner@example.com') -> Account:
    return await create_owner(db, email, PASSWORD, 'Fade Street', 'Europe/London', PROFILE)


def load_pg_script() -> ModuleType:
    """scripts/ is not a package (the script runs before the venv exists), so load it by path."""
    path = Path(__file__).resolve().parents[2] / 'scripts' / 'pg_for_tests.py'
    spec = importlib.util.spec_from_file_location('pg_for_tests', path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
