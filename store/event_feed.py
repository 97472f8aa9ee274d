"""What other workers stored: the `chairside_events` announcements (store/events.py)."""
from collections.abc import AsyncIterator, Awaitable, Callable

from .announcements import announced
from .events import CHANNEL


async def appended(url: str, listening: Callable[[], Awaitable[None]]) -> AsyncIterator[tuple[str, int]]:
    """(shop id, the last seq stored) as each append commits; `listening`: see announcements.announced."""
    async for body in announced(url, CHANNEL, listening):
        yield body['shop'], body['seq']
