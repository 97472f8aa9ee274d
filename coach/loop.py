"""The tool loop of one answer: a model asks for tools, the Toolbox answers, the model goes on; bounded in rounds and
time, and kept across retries and providers.

A round is one request to a provider. While the loop is within its bound (Policy.tool_rounds rounds, and
Policy.tool_deadline seconds from the question) the model may ask for tools; after that it is sent the tools' results
with the tools switched off (`Request.final`) and must answer. A model that still asks for tools then, without a word
of answer, has failed (ToolLoopExceeded): the next provider finishes from the results gathered so far.

Text a model says before asking for tools ("Let me look that up.") is shown as it comes, and once its round is done
it belongs to the loop, not to the attempt: a failure in a later round, before any new text, is retried or handed on
like a failure before the first token; a failure after new text was shown cuts the answer off (policy.py).
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import replace
from typing import TYPE_CHECKING

from .types import Finish, Notice, Request, Round, ToolRequest

if TYPE_CHECKING:
    from .policy import Policy
    from .providers.base import Provider


class DeadlineMissed(Exception):
    def __init__(self, first: bool) -> None:
        self.first = first


class ToolLoopExceeded(Exception):
    """The model asked for tools again when it had to answer."""


class Loop:
    def __init__(self, request: Request, policy: Policy, started: float) -> None:
        self.request, self.policy, self.started = request, policy, started
        self.rounds: list[Round] = list(request.rounds)
        self.said: list[str] = []  # every text shown for this answer, by every attempt

    def next_request(self) -> Request:
        final = (not self.request.tools or self.request.toolbox is None or len(self.rounds) >= self.policy.tool_rounds
                 or time.monotonic() - self.started >= self.policy.tool_deadline)
        return replace(self.request, rounds=tuple(self.rounds), final=final)

    async def attempt(self, provider: Provider, shown: list[str]) -> AsyncIterator[str | Notice | Finish]:
        """One provider's rounds until it answers: text (also added to `shown`, this attempt's text since its last
        finished round), Notices while tools run, and the last round's Finish."""
        while True:
            request = self.next_request()
            texts: list[str] = []
            asked: list[ToolRequest] = []
            finish = Finish()
            async with aclosing(deadlined(provider.stream(request), self.policy)) as items:
                async for item in items:
                    if isinstance(item, Finish):
                        finish = item
                    elif isinstance(item, ToolRequest):
                        asked.append(item)
                    elif item:
                        if not texts and self.said and not self.said[-1].endswith('\n'):
                            item = f'\n\n{item}'  # a new round's text starts a paragraph
                        texts.append(item)
                        shown.append(item)
                        self.said.append(item)
                        yield item
            if not asked or request.toolbox is None or (request.final and texts):
                yield finish
                return
            if request.final:
                raise ToolLoopExceeded
            yield Notice(f'Looking up {_looking_up(asked)}.')
            calls = tuple([await request.toolbox.call(a.name, a.arguments) for a in asked])
            self.rounds.append(Round(''.join(texts), tuple(asked), calls))
            shown.clear()


async def deadlined(stream: AsyncIterator, policy: Policy) -> AsyncIterator:
    """The provider's items, each awaited under the first-token or the gap deadline; closing it closes the stream.
    A tool request counts as the first token: the model has answered."""
    first = True
    try:
        while True:
            deadline = asyncio.timeout(policy.first_token if first else policy.gap)
            try:
                async with deadline:
                    item = await anext(stream)
            except StopAsyncIteration:
                return
            except TimeoutError:
                if deadline.expired():
                    raise DeadlineMissed(first) from None
                raise
            first = first and not ((isinstance(item, str) and item) or isinstance(item, ToolRequest))
            yield item
    finally:
        await stream.aclose()


def _looking_up(asked: list[ToolRequest]) -> str:
    names = list(dict.fromkeys(a.name.replace('_', ' ') for a in asked))
    return ', '.join(names[:3]) + (' ...' if len(names) > 3 else '')
