"""Short garbage-collector pauses with a thousand pages open, and memory handed back when pages close.

A full collection walks every tracked object: a dashboard holds thousands, so at a thousand dashboards each full
collection paused the event loop for 2-3 s, and no page got its update meanwhile. Pages live for hours, so what has
survived a second is frozen (`gc.freeze`): collections skip it. Young collections are rare too: a tick's updates to a
thousand pages allocate tens of thousands of objects that live for milliseconds, and at CPython's threshold of 700
allocations a young collection ran forty times a second, each walking what the tick had in flight (an eighth of the
server's CPU, in the tick's burst). At YOUNG_THRESHOLD, which the freeze each second starts again, one runs only in a
second that allocates more; in a second when pages opened or closed, the young generation is collected before the
freeze, so what they left is not kept; the few cycles running pages leave (about 45 objects a second) are frozen with
the rest until the next sweep. A closed page is freed by reference counting (`free_elements_on_delete`,
`free_clients_on_delete`), but for the cycles its requests and socket leave in Starlette and Engine.IO (about 120
objects), and frozen cycles are never collected; so once enough pages have closed (at least half as many as are
open), or every SWEEP_AT_LEAST seconds, everything is unfrozen and collected in one pass, and the freed memory is
returned to the system (allocator.py). That pass is the one long pause: it grows with the objects held, so while
pages are open sweeps are spaced to take at most SWEEP_SHARE of the time; with none open, one runs as soon as a page
has closed, and one more FOLLOW_UP_AFTER later.
"""
import asyncio
import ctypes
import ctypes.util
import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from nicegui import Client, app, binding
from nicegui.element import Element
from nicegui.elements.mixins.value_element import ValueElement

log = logging.getLogger(__name__)

FREEZE_EVERY = 1.0  # seconds
YOUNG_THRESHOLD = 50_000  # allocations (CPython's default: 700); the freeze each second starts the count again
SWEEP_AFTER_CLOSED = 100  # pages closed since the last sweep, and at least half as many as are open
SWEEP_AT_LEAST = 30 * 60.0  # seconds: cycles made by running pages are freed at least this often
SWEEP_SHARE = 0.1  # of the time, at most, spent sweeping (reached only while many pages open and close)
FOLLOW_UP_AFTER = 30.0  # seconds: with no page open, one more sweep for what closed pages free later (NiceGUI prunes
# tab storage every 10 s, sockets finish closing), so that the system gets that memory back too
_libc = ctypes.CDLL(ctypes.util.find_library('c') or None)
_handle_delete = Element._handle_delete  # NiceGUI's own


def free_elements_on_delete() -> None:
    """A deleted element's props, classes and style are freed at once by reference counting, not at the next sweep.

    Each of the three keeps its own `_update` method as its change handler: a cycle per collection, and 80% of the
    objects a closed dashboard leaves to the collector (50 closed dashboards: 184,000 objects, 36,000 with this).
    NiceGUI already clears an element's listeners and slots when it deletes it; this clears these handlers too, and a
    value element's `on_value_change` handlers, which often name the element (`panel` in kpi_panel.py): a cycle.
    """
    Element._handle_delete = _handle_delete_and_release


def _handle_delete_and_release(element: Element) -> None:
    _handle_delete(element)
    for collection in (element._props, element._classes, element._style):
        collection._change_handlers.clear()
    if isinstance(element, ValueElement):
        element._change_handlers.clear()


def free_clients_on_delete() -> None:
    """A deleted client is freed at once by reference counting, with what it still holds, not at the next sweep.

    A handler that names its client (`client.on_delete(lambda: close(client.id))`, and NiceGUI's own
    `Event.subscribe`) makes a cycle: client -> handler -> client. Once the client is deleted they have run.
    """
    app.on_delete(_release_handlers)


def _release_handlers(client: Client) -> None:
    for handlers in (client.connect_handlers, client.disconnect_handlers, client.delete_handlers):
        handlers.clear()


def compact_binding_tables() -> None:
    """NiceGUI's binding registries are dicts, and a dict keeps the table of the most entries it ever held: after
    200 pages had been open, 14 MB of empty slots (bench/live.py --churn 200x10: 323-324 MB after, 309-312 with this).
    Rebuilt in place, with the same entries, when no page is open, so they are few."""
    for table in (binding.bindings, binding.bindable_properties.data, binding._binding_keys_by_object):
        entries = list(table.items())
        table.clear()
        table.update(entries)


@dataclass
class MemoryKeeper:
    open_pages: Callable[[], int]
    closed_pages: Callable[[], int]  # since the process started
    swept_at: float = 0.0
    closed_at_sweep: int = 0
    sweeps: int = 0
    last_sweep_seconds: float = 0.0
    follow_up: bool = False  # the last sweep was for closed pages

    async def run(self) -> None:
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])  # see the module's docstring
        self.swept_at, pages_before = time.monotonic(), None
        while True:
            await asyncio.sleep(FREEZE_EVERY)
            pages = self.open_pages(), self.closed_pages()
            if self._sweep_due():
                self.sweep()
            else:
                if pages != pages_before:  # pages opened or closed: the cycles they left are collected, not frozen
                    gc.collect(1)
                gc.freeze()
            pages_before = pages

    def _sweep_due(self) -> bool:
        since, open_pages = time.monotonic() - self.swept_at, self.open_pages()
        closed = self.closed_pages() - self.closed_at_sweep
        if not open_pages:  # nobody to keep waiting
            return closed > 0 or (self.follow_up and since >= FOLLOW_UP_AFTER)
        enough_closed = closed >= max(SWEEP_AFTER_CLOSED, open_pages / 2)
        return since >= self.last_sweep_seconds / SWEEP_SHARE and (enough_closed or since >= SWEEP_AT_LEAST)

    def sweep(self) -> None:
        started = time.perf_counter()
        gc.unfreeze()
        freed = gc.collect()
        if not self.open_pages():
            compact_binding_tables()
        gc.freeze()
        if hasattr(_libc, 'malloc_trim'):  # glibc keeps freed memory for the process unless asked
            _libc.malloc_trim(0)
        self.last_sweep_seconds = time.perf_counter() - started
        closed = self.closed_pages()
        self.follow_up = closed > self.closed_at_sweep
        self.swept_at, self.closed_at_sweep, self.sweeps = time.monotonic(), closed, self.sweeps + 1
        log.info('memory sweep: %d objects freed in %.2f s', freed, self.last_sweep_seconds)
