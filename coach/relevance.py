"""Which knowledge passages are worth showing: those whose cosine similarity to the question reaches THRESHOLD.

Search returns its best passages for any question, "hello" too, and a hybrid search's score (reciprocal-rank fusion)
only ranks them, so it cannot tell a match from the best of bad ones. The cosine of the question's and the passage's
vectors can. THRESHOLD is calibrated on tests/knowledge/eval_set.py (53 owner questions, each with the documents that
answer it) against 25 questions that no passage answers (greetings, weather, recipes): at 0.34 no passage of an
off-topic question is kept (their best reach 0.32) and 45 of the 53 owner questions (85%) keep a passage from a
document that answers them (tests/knowledge/test_relevance.py checks both). A passage without a similarity (a search
that did not compute one) is kept: nothing says it does not match.
"""
from __future__ import annotations

from collections.abc import Iterable

from .types import PassageLike

THRESHOLD = 0.34


def similarity(passage: PassageLike) -> float | None:
    return getattr(passage, 'similarity', None)


def relevant(passages: Iterable[PassageLike], threshold: float = THRESHOLD) -> list[PassageLike]:
    """The passages that match the question well enough, in their order."""
    return [p for p in passages if (s := similarity(p)) is None or s >= threshold]
