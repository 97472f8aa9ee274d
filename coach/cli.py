"""Ask the coach from a program or a terminal: the demo shop replayed up to a moment, or a shop from the database.

    from coach.cli import ask
    ask('How much did we make yesterday?', at='2026-11-24T15:00').text
    ask('and the week before?', history=[('user', 'How much did we make yesterday?'), ('assistant', '...')])

With no shop the demo shop answers: the seed CHAIRSIDE_SIM_SEED (as it is), CHAIRSIDE_SHOP_TIMEZONE, and
CHAIRSIDE_SIM_HISTORY_DAYS of history replayed up to `at` (default now). A replayed shop is kept for the process, so
asking again at the same moment costs no replay. `python -m coach ask` is the command line (coach/__main__.py).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from engine import ShopEngine, SimClock, demo_profile

from .coach import Coach
from .providers import OfflineProvider, from_settings
from .types import Done, Notice, Turn


@dataclass
class Answer:
    text: str
    provider: str = ''
    grounding: dict | None = None
    tool_calls: list[dict] = field(default_factory=list)  # each: name, arguments, ok, result, seconds
    sources: list[dict] = field(default_factory=list)  # the passages it could cite, numbered from 1
    note: str = ''
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {'answer': self.text, 'provider': self.provider, 'grounding': self.grounding,
                'tool_calls': self.tool_calls, 'sources': self.sources, 'note': self.note}


def ask(question: str, *, history: Sequence[tuple[str, str]] = (), at: str | None = None, shop: str | None = None,
        provider: str = 'offline', knowledge: bool | None = False, engine: ShopEngine | None = None) -> Answer:
    """One answer, whole. `history`: (role, text) pairs of earlier turns. `provider`: 'offline', 'auto' (every
    configured provider, then the offline coach) or one provider's name. `knowledge`: True uses the knowledge index
    built in the data folder (None: if there is one). `shop` is a shop of the configured database; `engine` a shop
    already made (the command line passes the one it loaded)."""
    work = _ask(question, history, at, shop, provider, knowledge, engine)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # called from a running loop: answer in a thread's own
        return pool.submit(asyncio.run, work).result()


async def _ask(question: str, history: Sequence[tuple[str, str]], at: str | None, shop: str | None, provider: str,
               knowledge: bool | None, engine: ShopEngine | None) -> Answer:
    from settings import Settings
    settings = Settings()
    if engine is None:
        if shop is not None:
            from .__main__ import load_shop  # the store is the command line's to open (the layers' rule)
            engine = await load_shop(settings, shop, at)
        else:
            engine = demo_shop(settings.sim_seed, settings.timezone, settings.sim_history_days,
                               instant(at, settings.timezone))
    coach = Coach(settings, _retrieval(settings, knowledge), providers=_providers(settings, provider))
    turns = [Turn(role, text) for role, text in history if role in ('user', 'assistant')]  # type: ignore[arg-type]
    text, notices, done = '', [], None
    try:
        async with aclosing(coach.answer(question, engine.snapshot(), turns, shop=engine)) as items:
            async for item in items:
                if isinstance(item, str):
                    text += item
                elif isinstance(item, Notice):
                    notices.append(item.text)
                elif isinstance(item, Done):
                    done = item
    finally:
        await coach.aclose()
    return _answer(done, text, notices)


def instant(at: str | None, timezone: str) -> float:
    """An ISO time as the shop's clock reads it; without an offset, in the shop's time zone; None: now."""
    if not at:
        return time.time()
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(timezone))
    return moment.timestamp()


@lru_cache(maxsize=4)
def demo_shop(seed: int, timezone: str, history_days: int, at: float) -> ShopEngine:
    """The demo shop with its history replayed up to `at`, its clock standing there."""
    clock = SimClock(start=at, speed=0)
    engine = ShopEngine.simulated(demo_profile(timezone), clock, seed, history_days)
    engine.advance()
    engine.go_live()
    return engine


def _providers(settings: Any, provider: str) -> list:
    name = (provider or 'offline').strip().lower()
    if name == 'offline':
        return [OfflineProvider()]
    chain = from_settings(settings)
    if name == 'auto':
        return chain
    chosen = [p for p in chain if p.name == name]
    if not chosen:
        raise ValueError(f"The provider {provider!r} is not configured: set its API key (see the README's "
                         'settings), or use offline or auto.')
    return [*chosen, OfflineProvider()]


def _retrieval(settings: Any, knowledge: bool | None):
    if knowledge is False:
        return None
    base = _knowledge_base(str(settings.knowledge_path))
    if base is None:
        if knowledge:
            raise ValueError(f'No knowledge index in {settings.knowledge_path}: build it with '
                             '`python -m knowledge build`.')
        return None

    async def search(question: str):
        return await asyncio.to_thread(base.search, question, 4)
    return search


@lru_cache(maxsize=2)
def _knowledge_base(folder: str):
    from pathlib import Path

    from knowledge import KnowledgeBase
    if not (Path(folder) / 'chunks.lance').exists():
        return None
    base = KnowledgeBase(Path(folder))
    return base if base.open() else None


def _answer(done: Done | None, text: str, notices: list[str]) -> Answer:
    if done is None:
        return Answer(text, notices=notices)
    meta = done.meta
    grounding = None if meta.grounding is None else {'level': meta.grounding.level, 'score': meta.grounding.score,
                                                     'explanation': meta.grounding.explanation}
    sources = [{'n': n, 'title': p.title, 'heading': p.heading, 'source': p.source,
                'similarity': getattr(p, 'similarity', None)} for n, p in enumerate(meta.passages, 1)]
    return Answer(done.text, meta.provider, grounding, [c.as_dict() for c in meta.tool_calls], sources, meta.note,
                  notices)
