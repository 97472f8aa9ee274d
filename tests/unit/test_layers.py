"""The layers' rules (README, "Where things are"): each package imports only the layers below it.

    ui -> shops, coach, knowledge, engine, store        api -> shops, engine, store
    shops -> engine, store, coach, knowledge            coach -> engine, knowledge
    store -> engine                                     engine -> nothing of ours, no I/O, no UI
    planning -> engine (the what-if planner's worker processes; it joins shops/)
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
OURS = {'engine', 'store', 'shops', 'coach', 'knowledge', 'api', 'ui', 'runtime', 'settings', 'main', 'planning'}
FRAMEWORKS = {'nicegui', 'fastapi', 'starlette', 'sqlalchemy', 'alembic', 'httpx', 'lancedb'}
FORBIDDEN = {
    'engine': OURS | FRAMEWORKS,
    'store': OURS - {'engine', 'store', 'settings'} | {'nicegui', 'fastapi', 'starlette'},
    'coach': OURS - {'engine', 'knowledge', 'coach', 'settings'} | {'nicegui', 'fastapi', 'starlette'},
    'knowledge': OURS - {'knowledge', 'settings'} | {'nicegui', 'fastapi', 'starlette'},
    'planning': OURS - {'engine', 'planning'} | FRAMEWORKS,
    'shops': {'ui', 'api', 'main', 'runtime'},
    'api': {'ui', 'main', 'runtime'},
    'ui': {'api', 'main', 'runtime'},
}


def imports_of(path: Path, package: str) -> set[str]:
    """The top-level packages a module imports, relative imports resolved."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name.split('.')[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(package if node.level else (node.module or '').split('.')[0])
    return found


@pytest.mark.parametrize('package', FORBIDDEN)
def test_a_layer_imports_only_the_layers_below_it(package: str):
    folder = ROOT / package
    if not folder.is_dir():
        pytest.skip(f'{package}/ does not exist yet')
    wrong = {f'{path.relative_to(ROOT)} imports {name}'
             for path in folder.rglob('*.py') for name in imports_of(path, package) & FORBIDDEN[package]
             if name != package}
    assert not wrong, sorted(wrong)
