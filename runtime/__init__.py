"""Process tuning, behind one install(): the allocator, the garbage collector and NiceGUI's hot paths.

Each measure touches CPython or NiceGUI internals by name (NiceGUI is pinned); tests/unit/test_runtime.py fails,
naming the attribute, when one is missing or no longer used the way a measure assumes. Importing this package imports
nothing else, so that `install()` can come first in main.py: the allocator is chosen by restarting the process.
"""


def install() -> None:
    """Call first thing in main.py, before other imports (see allocator.py)."""
    from . import allocator
    allocator.restart_on_system_allocator()
    from . import memory, speedups
    speedups.install()
    memory.free_elements_on_delete()
    memory.free_clients_on_delete()
