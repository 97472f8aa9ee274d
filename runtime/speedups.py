"""NiceGUI asks `inspect.signature` whether each change handler takes arguments, once per Props, Classes and Style of
every element built: two thirds of a dashboard's build time (py-spy, bench/live.py). For a bound method the answer
depends only on its class's function, so it is worked out once per function; anything else is asked as before.
"""
import inspect
from collections.abc import Callable

from nicegui import helpers

_ask = helpers.expects_arguments
_by_function: dict[Callable, bool] = {}


def expects_arguments(func: Callable) -> bool:
    if not inspect.ismethod(func):
        return _ask(func)
    function = func.__func__
    if function not in _by_function:
        _by_function[function] = _ask(func)
    return _by_function[function]


def install() -> None:
    helpers.expects_arguments = expects_arguments
