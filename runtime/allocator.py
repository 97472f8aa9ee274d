"""The server runs on the C library's allocator, so that memory freed by closed pages goes back to the system.

CPython's own small-object allocator returns a 1 MB arena only when nothing in it is alive any more. While pages are
open, the server keeps making a few long-lived objects (events, caches) that land among the pages' objects, so once
pages had closed RSS stayed at its high-water mark (`bench/live.py --churn 200x10`: 280 MB before, 514 MB after).
glibc's allocator gives back every free 4 KB page on the memory sweep's `malloc_trim` (288-289 MB before, 309-312 MB
after, with memory.py's other measures). The allocator can only be chosen before the interpreter starts, so the
process starts itself again with PYTHONMALLOC set, once, before anything is imported. Set PYTHONMALLOC yourself (e.g.
`PYTHONMALLOC=pymalloc`) to keep another allocator.
"""
import os
import sys

ALLOCATOR = 'malloc'


def restart_on_system_allocator() -> None:
    """Linux only: glibc's `malloc_trim` is what gives the memory back. Tests run the app in their own process."""
    if sys.platform != 'linux' or 'PYTHONMALLOC' in os.environ or 'PYTEST_CURRENT_TEST' in os.environ:
        return
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], {**os.environ, 'PYTHONMALLOC': ALLOCATOR})


def current() -> str:
    return os.environ.get('PYTHONMALLOC') or 'pymalloc'
