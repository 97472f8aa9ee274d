"""The coach's failure policy: deadlines, bounded retries while nothing is shown, then the next provider.

The SDKs' own retries are off, so this is the only place that decides: a first-token deadline and a
gap deadline per attempt; at most `attempts` tries per provider with exponential backoff and jitter,
honouring Retry-After up to a cap; a rejected key is not retried; once text is shown a failure keeps
the partial answer, marked cut off. The offline coach ends the chain, so a question always gets an answer.
Each attempt runs the tool loop (loop.py) from where the last one left it: the tools' results gathered by a provider
that failed are the next one's.
"""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass

from .errors import Failure, classify
from .grounding import grounding
from .health import Health
from .loop import DeadlineMissed, Loop, ToolLoopExceeded
from .providers.base import Provider
from .types import AnswerMeta, Attempt, Done, Finish, Item, Notice, Request

log = logging.getLogger('chairside.coach')


@dataclass(frozen=True)
class Policy:
    first_token: float = 20.0  # seconds from the request to the first text (headers included)
    gap: float = 15.0  # seconds allowed between two deltas
    attempts: int = 3  # per provider, only while nothing has been shown
    backoff: float = 0.5  # first wait; doubles on each retry
    backoff_max: float = 8.0
    jitter: float = 0.5  # up to +50 % at random, so many shops do not retry in step
    retry_after_cap: float = 20.0  # a provider asking for a longer wait is left for the next one
    budget: float = 60.0  # seconds after which remaining providers are skipped for the offline coach
    tool_rounds: int = 4  # rounds in which a model may ask for tools; then it must answer from what it has
    tool_deadline: float = 30.0  # seconds from the question after which a model must answer without more tools

    def wait(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds before retry number `attempt + 1`, or None when the provider asks for too long a wait."""
        if retry_after is not None:
            return retry_after if retry_after <= self.retry_after_cap else None
        return min(self.backoff * 2 ** (attempt - 1), self.backoff_max) * (1 + random.random() * self.jitter)


async def run_chain(providers: Sequence[Provider], request: Request, policy: Policy,
                    health: Health | None = None) -> AsyncIterator[Item]:
    """Text deltas and Notices, then one Done with who answered, what failed on the way and why."""
    started, attempts = time.monotonic(), []
    loop = Loop(request, policy, started)
    for index, provider in enumerate(providers):
        for number in range(1, (1 if provider.offline else policy.attempts) + 1):
            if not provider.offline and time.monotonic() - started >= policy.budget:
                attempts.append(Attempt(provider.label, number, False,
                                        f'{provider.label} was skipped: the coach had run out of time.', 'skipped'))
                break
            shown: list[str] = []  # this attempt's text since its last finished tool round
            t0 = time.monotonic()
            try:
                finish = Finish()
                async with aclosing(loop.attempt(provider, shown)) as items:
                    async for item in items:
                        if isinstance(item, Finish):
                            finish = item
                        else:
                            yield item
            except (asyncio.CancelledError, GeneratorExit):
                log.info('coach: %s stopped by the user after %d chunks', provider.label, len(loop.said))
                raise
            except Exception as exc:  # every failure is read into a Failure; nothing leaves unexplained
                failure = _failure(exc, provider, policy)
                seconds = time.monotonic() - t0
                attempts.append(Attempt(provider.label, number, False, failure.reason, failure.kind, seconds))
                log.warning('coach: %s attempt %d failed (%s): %s', provider.label, number, failure.kind,
                            failure.reason, exc_info=failure.kind == 'unexpected')
                if health:
                    health.failure(provider.name, failure.reason)
                if shown:
                    note = f'The answer was cut off: {failure.reason} What is shown is partial; ask again to retry.'
                    yield _done(provider, loop, attempts, started, Finish('error'), note, cut_off=True)
                    return
                wait = policy.wait(number, failure.retry_after) if failure.retryable else None
                if not failure.retryable or number == policy.attempts:
                    break
                if wait is None:
                    attempts[-1] = Attempt(provider.label, number, False, f'{failure.reason} It asked to wait '
                                           f'{failure.retry_after:.0f} s, too long for a chat.', failure.kind, seconds)
                    break
                if time.monotonic() - started + wait >= policy.budget:
                    break
                yield Notice(f'{failure.reason} Trying again in {wait:.1f} s.' if wait < 10 else
                             f'{failure.reason} Trying again in {wait:.0f} s.')
                await asyncio.sleep(wait)
            else:
                attempts.append(Attempt(provider.label, number, True, '', '', time.monotonic() - t0))
                if health:
                    health.success(provider.name)
                yield _done(provider, loop, attempts, started, finish, _note(attempts, provider, finish))
                return
        if index + 1 < len(providers):
            yield Notice(f'{provider.label} is unavailable; asking {providers[index + 1].label}.')
    raise RuntimeError('the provider chain ended without an answer; it must end with the offline coach')


def _failure(exc: Exception, provider: Provider, policy: Policy) -> Failure:
    if isinstance(exc, ToolLoopExceeded):
        return Failure('tool_loop', f'{provider.label} kept asking for figures instead of answering '
                                    f'(after {policy.tool_rounds} rounds of tools).', False)
    if isinstance(exc, DeadlineMissed):
        if exc.first:
            return Failure('timeout', f'{provider.label} sent nothing within {policy.first_token:g} s.', True)
        return Failure('stall', f'{provider.label} stopped sending for {policy.gap:g} s mid-answer.', False)
    return classify(exc, provider.label, provider.key_env)


def _note(attempts: list[Attempt], provider: Provider, finish: Finish) -> str:
    """Why another provider answered, in the failed ones' own sentences; and a length limit, when hit."""
    reasons = dict.fromkeys(a.reason for a in attempts if not a.ok and a.provider != provider.label)
    note = f'{" ".join(reasons)} Answered by {provider.label} instead.' if reasons else ''
    if finish.finish_reason in ('length', 'max_tokens', 'MAX_TOKENS'):
        note = f'{note} The answer reached its length limit.'.strip()
    return note


def _done(provider: Provider, loop: Loop, attempts: list[Attempt], started: float, finish: Finish, note: str,
          cut_off: bool = False) -> Done:
    request, text = loop.request, ''.join(loop.said)
    toolbox = request.toolbox
    passages = tuple(toolbox.context.passages) if toolbox is not None else request.passages
    calls = tuple(toolbox.calls) if toolbox is not None else ()
    meta = AnswerMeta(provider=provider.label, model=provider.model, offline=provider.offline, usage=finish.usage,
                      finish_reason=finish.finish_reason, cut_off=cut_off, note=note, attempts=tuple(attempts),
                      passages=passages, grounding=grounding(text, passages, request.figure_numbers, calls),
                      seconds=time.monotonic() - started, tool_calls=calls)
    return Done(meta, text)
