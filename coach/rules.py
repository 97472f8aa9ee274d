"""What a question must be before it costs a provider call: not empty, not a pasted book, not a flood."""
from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

MAX_QUESTION_CHARS = 2000


class RateLimited(ValueError):
    """Too many questions from one user; `retry_after` is in seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def validate_question(question: str, max_chars: int = MAX_QUESTION_CHARS) -> str:
    """The question, stripped; a ValueError whose message tells the user what to do otherwise."""
    text = (question or '').strip()
    if not text:
        raise ValueError('Type a question for the coach first, e.g. "How can I fill the quiet afternoons?"')
    if len(text) > max_chars:
        raise ValueError(f'That question is {len(text):,} characters long; please keep it under {max_chars:,} '
                         'characters (ask one thing at a time, or add long documents to the knowledge base).')
    return text


class RateLimiter:
    """A sliding window per user: at most `limit` questions in any `per` seconds."""

    def __init__(self, limit: int = 10, per: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.per, self.clock = limit, per, clock
        self._asked: dict[str, deque[float]] = {}

    def check(self, user: str) -> None:
        """Count one question for `user`, or raise RateLimited (nothing is counted then)."""
        now = self.clock()
        asked = self._asked.setdefault(user, deque())
        while asked and asked[0] <= now - self.per:
            asked.popleft()
        if len(asked) >= self.limit:
            wait = math.ceil(asked[0] + self.per - now)
            raise RateLimited(f'You have asked {self.limit} questions in the last {self.per:.0f} seconds; '
                              f'please wait {wait} s before asking the coach again.', wait)
        asked.append(now)
        if len(self._asked) > 1000:  # forget users who have gone quiet, so memory stays bounded
            self._asked = {u: q for u, q in self._asked.items() if q and q[-1] > now - self.per}
