"""The UI's one entry point: check a question, stream a grounded answer, report each provider's health."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .health import Health
from .policy import Policy, run_chain
from .prompt import build_request
from .providers import Provider, from_settings
from .relevance import relevant
from .rules import RateLimiter, validate_question
from .tools import TOOLS, Context, Registry, Shop, Toolbox
from .types import Done, Item, PassageLike, Retrieve, Turn

if TYPE_CHECKING:
    from engine.snapshot import Snapshot

log = logging.getLogger('chairside.coach')


class Coach:
    def __init__(self, settings: Any, retrieve: Retrieve | None = None, *, policy: Policy | None = None,
                 providers: Sequence[Provider] | None = None, passages: int = 4, retrieve_timeout: float = 10.0,
                 limiter: RateLimiter | None = None, tools: Registry = TOOLS) -> None:
        """`retrieve(question)` returns passages best first (knowledge search wrapped in run.io_bound); the
        first search after start-up loads the embedding model, hence a generous `retrieve_timeout`."""
        self.policy = policy or Policy()
        backstop = max(self.policy.first_token, self.policy.gap) + 10
        self.providers = list(providers) if providers is not None else from_settings(settings, backstop)
        self.retrieve = retrieve
        self.k = passages
        self.retrieve_timeout = retrieve_timeout
        self.limiter = limiter or RateLimiter()
        self.health = Health()
        self.tools = tools  # the tools every answer may call (coach/tools; others add theirs to a Registry)
        for provider in self.providers:
            self.health.register(provider.name, provider.label, provider.model)

    def check(self, question: str, user: str) -> str:
        """Before answering: the cleaned question, or ValueError / RateLimited with a sentence to show the user."""
        question = validate_question(question)
        self.limiter.check(user)
        return question

    async def answer(self, question: str, snapshot: Snapshot | None, history: Sequence[Turn] = (), *,
                     passages: Sequence[PassageLike] | None = None, shop: Shop | None = None,
                     retrieve: Retrieve | None = None, now: float | None = None) -> AsyncIterator[Item]:
        """Text deltas (str), status Notices while waiting, then one Done. Cancel the task or aclose() to stop.

        `shop` (a ShopEngine) opens the tools over its history; `retrieve` (this shop's knowledge search, else the
        coach's own) the knowledge tool; `now` is the shop's clock at the question (default: the snapshot's). The
        Done carries the tool calls behind the answer (AnswerMeta.tool_calls)."""
        question = validate_question(question)
        retrieve = retrieve or self.retrieve
        found, note = (list(passages), '') if passages is not None else await self._retrieve(question, retrieve)
        found = relevant(found)[:self.k]
        if now is None:
            now = snapshot.at if snapshot is not None else shop.clock.now() if shop is not None else time.time()
        context = Context(shop=shop, now=now, snapshot=snapshot, passages=list(found),
                          retrieve=self._bounded(retrieve) if retrieve else None)
        toolbox = Toolbox(self.tools, context)
        request = build_request(question, snapshot, found, history, toolbox=toolbox)
        async with aclosing(run_chain(self.providers, request, self.policy, self.health)) as items:
            async for item in items:
                if isinstance(item, Done) and note:
                    item = Done(replace(item.meta, note=f'{note} {item.meta.note}'.strip()), item.text)
                yield item

    def providers_status(self) -> list[dict]:
        """For /api/health: the chain in order, each with its last success and failure (wall-clock) and why."""
        return [state.as_dict() for state in self.health.states.values()]

    async def aclose(self) -> None:
        for provider in self.providers:
            await provider.aclose()

    def _bounded(self, retrieve: Retrieve) -> Retrieve:
        """The knowledge tool's search, under the coach's retrieval deadline (a timeout is the tool's error)."""
        async def search(query: str) -> Sequence[PassageLike]:
            async with asyncio.timeout(self.retrieve_timeout):
                return await retrieve(query)
        return search

    async def _retrieve(self, question: str, retrieve: Retrieve | None) -> tuple[list[PassageLike], str]:
        if retrieve is None:
            return [], ''
        try:
            async with asyncio.timeout(self.retrieve_timeout):
                return list(await retrieve(question)), ''
        except Exception as exc:  # the answer goes on from the figures alone; the owner is told why
            log.warning('coach: retrieval failed (%s: %s)', type(exc).__name__, exc)
            reason = 'did not answer in time' if isinstance(exc, TimeoutError) else 'is not available'
            return [], f'The knowledge base {reason}, so this answer uses your figures only.'
