"""runtime/ reaches into NiceGUI by name (NiceGUI is pinned): each internal it relies on must still be there, and
still be used the way the measure assumes. A failure names the attribute, so an upgrade says what to look at."""
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from nicegui import Client, app, binding, helpers, ui
from nicegui.element import Element
from nicegui.elements.mixins.value_element import ValueElement

from runtime import memory, speedups

ROOT = Path(__file__).parents[2]


def need(owner: object, name: str) -> object:
    assert hasattr(owner, name), f'NiceGUI no longer has {getattr(owner, "__name__", owner)}.{name}: see runtime/'
    return getattr(owner, name)


def test_the_internals_the_runtime_names_are_there():
    need(helpers, 'expects_arguments')
    need(Element, '_handle_delete')
    need(ValueElement, '__init__')
    for name in ('connect_handlers', 'disconnect_handlers', 'delete_handlers'):
        assert name in inspect.getsource(Client.__init__), f'Client.{name} is gone: see runtime/memory.py'
    for table in ('bindings', 'bindable_properties', '_binding_keys_by_object'):
        need(binding, table)
    need(binding.bindable_properties, 'data')
    need(app, 'on_delete')
    need(app.storage, 'max_tab_storage_age')


def test_nicegui_asks_expects_arguments_through_the_helpers_module(monkeypatch: pytest.MonkeyPatch):
    """speedups replaces `helpers.expects_arguments`: building an element must ask it there (not through a reference
    of its own), or the measure silently does nothing."""
    monkeypatch.setattr(helpers, 'expects_arguments', speedups.expects_arguments)
    monkeypatch.setattr(speedups, '_by_function', {})
    with Client(ui.page('/runtime-speedups'), request=None) as client:
        ui.label('built')
    client.delete()
    assert speedups._by_function, 'NiceGUI no longer calls helpers.expects_arguments: see runtime/speedups.py'


def test_a_deleted_element_releases_its_handlers(monkeypatch: pytest.MonkeyPatch):
    """NiceGUI must still call Element._handle_delete on delete, with props, classes and style holding handlers."""
    monkeypatch.setattr(Element, '_handle_delete', memory._handle_delete_and_release)
    with Client(ui.page('/runtime-check'), request=None) as client:
        field = ui.input(on_change=lambda: None)
    collections = (field._props, field._classes, field._style)
    for collection in collections:
        assert need(collection, '_change_handlers'), 'props/classes/style no longer keep change handlers by name'
    assert need(field, '_change_handlers')
    client.delete()
    assert [collection._change_handlers for collection in collections] == [[], [], []]
    assert field._change_handlers == []


def test_speedups_answer_as_nicegui_does():
    class Handler:
        def one(self, value):
            pass

        def none(self):
            pass
    for method in (Handler().one, Handler().none):
        assert speedups.expects_arguments(method) == speedups._ask(method)


def test_importing_runtime_imports_nothing_else():
    """install() may restart the process: nothing heavy may be imported before it runs."""
    code = 'import sys, runtime\nsys.exit(any(m.split(".")[0] in ("nicegui", "fastapi") for m in sys.modules))'
    assert subprocess.run([sys.executable, '-c', code], cwd=ROOT).returncode == 0
