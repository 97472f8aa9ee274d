"""One answer: the shop's passages and live figures in, the coach's stream into a bubble, a Record out.

Cancelling the task that runs `stream_answer` is how Stop works: the coach's generator is closed with it,
which closes the provider's request; the text shown so far comes back marked stopped.
"""
import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import aclosing

from coach import Coach, Done, Notice, PassageLike, Turn
from engine import ShopEngine, Snapshot
from knowledge import KnowledgeBase, KnowledgeNotReady

from .message import Answer
from .record import Record, answer_meta

log = logging.getLogger('chairside.chat')
WARMING = 'The knowledge base is still warming up; this answer uses your figures only.'
UNAVAILABLE = 'The knowledge base is not available, so this answer uses your figures only.'


async def stream_answer(coach: Coach, knowledge: KnowledgeBase | None, snapshot: Callable[[], Snapshot],
                        shop_id: str, question: str, history: Sequence[Turn], bubble: Answer,
                        replaces: int | None = None, shop: Callable[[], ShopEngine | None] | None = None) -> Record:
    """Feeds the bubble (the view flushes it) and returns the finished, stopped or failed answer; never raises.
    `shop` gives the shop's engine, whose history the coach's tools look up (None: today's figures only)."""
    done, stopped, note = None, False, ''
    try:
        passages, note = await passages_for(coach, knowledge, shop_id, question)
        if note:
            bubble.notice(note)
        search = _search(knowledge, shop_id) if knowledge is not None and not note else None
        async with aclosing(coach.answer(question, snapshot(), history, passages=passages,
                                         shop=shop() if shop else None, retrieve=search)) as items:
            async for item in items:
                if isinstance(item, str):
                    bubble.feed(item)
                elif isinstance(item, Notice):
                    bubble.notice(item.text)
                elif isinstance(item, Done):
                    done = item
    except asyncio.CancelledError:
        stopped = True
        asyncio.current_task().uncancel()  # stopping is handled here: storing the partial answer must still run
    except Exception as error:  # the chain ends with the offline coach, so this is a bug: said plainly, logged
        log.exception('the coach failed')
        note = f'The coach failed ({type(error).__name__}); what is shown is partial. Ask again.'
    text = done.text if done is not None else bubble.text
    return Record('assistant', text, meta=answer_meta(done, stopped=stopped, note=note, replaces=replaces))


def _search(knowledge: KnowledgeBase, shop_id: str):
    """The coach's knowledge tool for this shop: the corpus and the shop's own documents, searched in a thread."""
    async def search(query: str) -> list[PassageLike]:
        return list(await asyncio.to_thread(knowledge.search, query, k=4, shop_id=shop_id))
    return search


async def passages_for(coach: Coach, knowledge: KnowledgeBase | None, shop_id: str,
                       question: str) -> tuple[list[PassageLike], str]:
    """The shop's passages (the corpus and its own documents), searched in a thread; or none, and why."""
    if knowledge is None:
        return [], ''
    try:
        async with asyncio.timeout(coach.retrieve_timeout):
            # to_thread, not run.io_bound: that one answers None when cancelled (by the timeout), this one raises
            return list(await asyncio.to_thread(knowledge.search, question, k=coach.k, shop_id=shop_id)), ''
    except KnowledgeNotReady:
        return [], WARMING if knowledge.status == 'building' else UNAVAILABLE
    except Exception as error:
        log.warning('chat: knowledge search failed (%s: %s)', type(error).__name__, error)
        return [], UNAVAILABLE
