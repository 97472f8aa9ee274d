"""One answer: the shop's passages and live figures in, the coach's stream into a bubble, a Record out.

Cancelling the task that runs `stream_answer` is how Stop works: the coach's generator is closed with it,
which closes the provider's request; the text shown so far comes back marked stopped.
"""
import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import aclosing

from nicegui import run

from coach import Coach, Done, Notice, PassageLike, Turn
from engine import Snapshot
from knowledge import KnowledgeBase, KnowledgeNotReady

from .message import Answer
from .record import Record, answer_meta

log = logging.getLogger('chairside.chat')
WARMING = 'The knowledge base is still warming up; this answer uses your figures only.'
UNAVAILABLE = 'The knowledge base is not available, so this answer uses your figures only.'


async def stream_answer(coach: Coach, knowledge: KnowledgeBase | None, snapshot: Callable[[], Snapshot],
                        shop_id: str, question: str, history: Sequence[Turn], bubble: Answer,
                        replaces: int | None = None) -> Record:
    """Feeds the bubble (the view flushes it) and returns the finished, stopped or failed answer; never raises."""
    done, stopped, note = None, False, ''
    try:
        passages, note = await passages_for(coach, knowledge, shop_id, question)
        if note:
            bubble.notice(note)
        async with aclosing(coach.answer(question, snapshot(), history, passages=passages)) as items:
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


async def passages_for(coach: Coach, knowledge: KnowledgeBase | None, shop_id: str,
                       question: str) -> tuple[list[PassageLike], str]:
    """The shop's passages (the corpus and its own documents), searched in a thread; or none, and why."""
    if knowledge is None:
        return [], ''
    try:
        async with asyncio.timeout(coach.retrieve_timeout):
            return list(await run.io_bound(knowledge.search, question, k=coach.k, shop_id=shop_id)), ''
    except KnowledgeNotReady:
        return [], WARMING if knowledge.status == 'building' else UNAVAILABLE
    except Exception as error:
        log.warning('chat: knowledge search failed (%s: %s)', type(error).__name__, error)
        return [], UNAVAILABLE
