"""The layers' rules (README, "Where things are"): each package imports only the layers below it.

    ui -> shops, coach, knowledge, engine, store        api -> shops, engine, store
    shops -> engine, store, coach, knowledge            coach -> engine, knowledge
    store -> engine                                     engine -> nothing of ours, no I/O, no UI
    planning -> engine (the what-if planner's worker processes; shops/plans.py holds them)
    cluster -> shops, engine, store (a worker's leases and relays; only main.py starts it)
    ui/pages/ -> the feature folders of ui/, never the other way

One file is allowed more than its layer (EXCEPTIONS): coach/__main__.py, the coach's command line, is a composition
root like main.py: it opens the store (lazily, inside a function) to load a shop for `python -m coach ask --shop`.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
OURS = {'engine', 'store', 'shops', 'coach', 'knowledge', 'api', 'ui', 'runtime', 'settings', 'main', 'planning',
        'cluster'}
FRAMEWORKS = {'nicegui', 'fastapi', 'starlette', 'sqlalchemy', 'alembic', 'httpx', 'lancedb'}
FORBIDDEN = {
    'engine': OURS | FRAMEWORKS,
    'store': OURS - {'engine', 'store', 'settings'} | {'nicegui', 'fastapi', 'starlette'},
    'coach': OURS - {'engine', 'knowledge', 'coach', 'settings'} | {'nicegui', 'fastapi', 'starlette'},
    'knowledge': OURS - {'knowledge', 'settings'} | {'nicegui', 'fastapi', 'starlette'},
    'planning': OURS - {'engine', 'planning'} | FRAMEWORKS,
    'shops': {'ui', 'api', 'main', 'runtime', 'cluster'},
    'cluster': {'ui', 'api', 'main', 'runtime', 'coach', 'knowledge', 'planning'},
    'api': {'ui', 'main', 'runtime', 'cluster'},
    'ui': {'api', 'main', 'runtime', 'cluster'},
}

EXCEPTIONS = {'coach/__main__.py': {'store'}}


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
             if name != package and name not in EXCEPTIONS.get(str(path.relative_to(ROOT)), ())}
    assert not wrong, sorted(wrong)


def engine_imports() -> dict[str, set[str]]:
    """engine's modules and the engine modules each imports (type-checking imports too), as dotted names."""
    graph = {}
    for path in (ROOT / 'engine').rglob('*.py'):
        module = '.'.join(path.relative_to(ROOT).with_suffix('').parts).removesuffix('.__init__')
        package = module if path.name == '__init__.py' else module.rpartition('.')[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or '').startswith('engine')):
                base = package.split('.')[:len(package.split('.')) - node.level + 1] if node.level else []
                target = '.'.join([*base, *(node.module or '').split('.')]).strip('.')
                names = [f'{target}.{alias.name}' for alias in node.names]
                found |= {name for name in names if (ROOT / (name.replace('.', '/') + '.py')).exists()} or {target}
        graph[module] = found - {module}
    return graph


def test_the_engine_has_no_import_cycle():
    """The snapshot's types are a leaf its producers import: no module of engine imports one that imports it back."""
    graph, done, path = engine_imports(), set(), []

    def visit(module: str) -> None:
        if module in path:
            raise AssertionError('import cycle: ' + ' -> '.join(path[path.index(module):] + [module]))
        if module in done:
            return
        path.append(module)
        for imported in graph.get(module, ()):
            visit(imported)
        path.pop()
        done.add(module)
    for module in graph:
        visit(module)


def test_no_part_of_the_ui_reaches_back_up_into_a_page():
    """Pages (ui/pages/) compose the feature folders; a component that imported a page would tie the two rooms."""
    wrong = []
    for path in (ROOT / 'ui').rglob('*.py'):
        if 'pages' in path.relative_to(ROOT / 'ui').parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ''] + [f'{node.module or ""}.{alias.name}'.lstrip('.') for alias in node.names]
                if any(name == 'pages' or name.startswith('pages.') or name.startswith('ui.pages') for name in names):
                    wrong.append(str(path.relative_to(ROOT)))
    assert not wrong, sorted(wrong)
