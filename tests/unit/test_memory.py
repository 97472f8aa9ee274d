"""The memory keeper: frozen cycles of closed pages are freed by a sweep, and sweeps wait for enough closed pages."""
import asyncio
import gc
import sys
import time
import weakref

from nicegui import binding

from runtime import memory
from runtime.memory import FOLLOW_UP_AFTER, SWEEP_AFTER_CLOSED, MemoryKeeper


class Page:
    """Stands in for a closed page's elements: a cycle that only the collector can free."""

    def __init__(self) -> None:
        self.me = self


def test_a_sweep_frees_the_cycles_of_closed_pages_that_were_frozen() -> None:
    page = Page()
    gone = weakref.ref(page)
    gc.freeze()  # as the keeper does while the page is open
    del page  # the page closes
    gc.collect()
    assert gone() is not None  # frozen: an ordinary collection does not see it
    try:
        MemoryKeeper(lambda: 0, lambda: 1).sweep()
        assert gone() is None
    finally:
        gc.unfreeze()


def test_a_sweep_waits_for_enough_closed_pages() -> None:
    open_pages, closed = 1000, 0
    keeper = MemoryKeeper(lambda: open_pages, lambda: closed, swept_at=time.monotonic())
    assert not keeper._sweep_due()
    closed = SWEEP_AFTER_CLOSED  # fewer than half the open pages
    assert not keeper._sweep_due()
    closed = open_pages // 2
    assert keeper._sweep_due()
    keeper.last_sweep_seconds = 3.0  # a long pause: the next one waits, whatever closes
    keeper.swept_at = time.monotonic()
    closed = 10 * open_pages
    assert not keeper._sweep_due()


def test_with_no_page_open_a_sweep_follows_the_last_close() -> None:
    closed = 0
    keeper = MemoryKeeper(lambda: 0, lambda: closed, swept_at=time.monotonic(), last_sweep_seconds=3.0)
    assert not keeper._sweep_due()
    closed = 1
    assert keeper._sweep_due()


def test_with_no_page_open_one_more_sweep_follows_later_and_then_none() -> None:
    """What closed pages free after their sweep (tab storage, sockets) goes back to the system too."""
    closed = 0
    keeper = MemoryKeeper(lambda: 0, lambda: closed, swept_at=time.monotonic())
    closed = 3
    keeper.sweep()
    assert not keeper._sweep_due()
    keeper.swept_at -= FOLLOW_UP_AFTER
    assert keeper._sweep_due()
    keeper.sweep()  # nothing closed since the sweep before: no more follow-ups
    keeper.swept_at -= FOLLOW_UP_AFTER
    assert not keeper._sweep_due()


async def test_what_a_page_leaves_as_it_opens_is_collected_not_frozen(monkeypatch) -> None:
    monkeypatch.setattr(memory, 'FREEZE_EVERY', 0.01)
    thresholds, open_pages = gc.get_threshold(), 0
    keeper = asyncio.create_task(MemoryKeeper(lambda: open_pages, lambda: 0).run())
    try:
        await asyncio.sleep(0.05)
        page = Page()  # a cycle the opening page leaves behind
        gone = weakref.ref(page)
        open_pages, page = 1, None
        await asyncio.sleep(0.05)
        assert gone() is None
    finally:
        keeper.cancel()
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_a_sweep_with_no_page_open_gives_back_what_closed_pages_grew_the_binding_tables_to() -> None:
    before = sys.getsizeof(binding.bindings)
    keys = [(-number, ('text',)) for number in range(1, 50_001)]  # as many open pages' bindings would have added
    for key in keys:
        binding.bindings[key] = []
    for key in keys:  # the pages close
        del binding.bindings[key]
    assert sys.getsizeof(binding.bindings) > before + 1_000_000
    try:
        MemoryKeeper(lambda: 0, lambda: 1).sweep()
        assert sys.getsizeof(binding.bindings) <= before
    finally:
        gc.unfreeze()
