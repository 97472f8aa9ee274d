"""How well an answer rests on the shop's figures and the retrieved passages: a score the owner can check.

Not the model's own claim of confidence: it is computed from the retrieval scores and the answer's citations.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .figures import numbers_in
from .types import Grounding, PassageLike

HIGH, MEDIUM = 0.70, 0.40
MIN_WORDS = 4  # shorter pieces ('Here is what I see:') are not statements
_CITATION = re.compile(r'\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\]')
_SENTENCE_END = re.compile(r'(?<=[.!?])\s+')
_LABEL = re.compile(r'^\*\*[^*]+\*\*[^.!?]*$')
_NOTE = re.compile(r'^([*_])[^*_].*\1$')


def grounding(answer: str, passages: Sequence[PassageLike], figure_numbers: frozenset[str] = frozenset()) -> Grounding:
    """score = 0.5 × R + 0.5 × C, shown as high (≥ 0.70), medium (≥ 0.40) or low.

    R, relevance of what is cited: the mean, over the distinct passages the answer cites, of the passage's
    retrieval score divided by the best retrieved score (the retrievers' scales differ: RRF, cosine, BM25, so
    scores are made relative). R is 0 when the answer cites nothing.
    C, coverage: the share of the answer's statements (sentences and list items of at least four words) that
    carry a valid citation [n] or quote a number from the live figures given to the model.
    Citations of passage numbers that were not given count for nothing.
    """
    statements = split_statements(answer)
    valid, invalid = set(), set()
    supported = 0
    for statement in statements:
        numbers = cited_numbers(statement)
        valid |= {n for n in numbers if 1 <= n <= len(passages)}
        invalid |= {n for n in numbers if not 1 <= n <= len(passages)}
        if any(1 <= n <= len(passages) for n in numbers) or numbers_in(statement) & figure_numbers:
            supported += 1
    top = max((p.score for p in passages), default=0.0)
    relevance = sum(max(passages[n - 1].score, 0.0) / top for n in valid) / len(valid) if valid and top > 0 else 0.0
    coverage = supported / len(statements) if statements else 0.0
    score = round(0.5 * min(relevance, 1.0) + 0.5 * coverage, 2)
    level = 'high' if score >= HIGH else 'medium' if score >= MEDIUM else 'low'
    explanation = (f'{level.capitalize()} grounding ({score:.2f} = 0.5 × relevance {relevance:.2f} + 0.5 × coverage '
                   f'{coverage:.2f}): cites {len(valid)} of {len(passages)} passages; {supported} of '
                   f'{len(statements)} statements carry a citation or a live figure.')
    if invalid:
        explanation += f' Cites {", ".join(f"[{n}]" for n in sorted(invalid))}, which were not given.'
    return Grounding(score=score, level=level, explanation=explanation, cited=tuple(sorted(valid)))


def cited_numbers(text: str) -> list[int]:
    return [int(n) for group in _CITATION.findall(text) for n in group.split(',')]


def split_statements(answer: str) -> list[str]:
    """Sentences and list items; a citation standing after a full stop belongs to the sentence before it.

    Headings, bold labels ('**What the figures show**') and whole-line italic notes are not statements.
    """
    pieces: list[str] = []
    for line in answer.splitlines():
        line = line.strip()
        if not line or line.startswith('#') or _LABEL.match(line) or _NOTE.match(line):
            continue
        line = line.lstrip('-*•>').strip()
        line = re.sub(r'^\d+[.)]\s+', '', line)
        for piece in _SENTENCE_END.split(line):
            if pieces and _CITATION.sub('', piece).strip(' .,;') == '':
                pieces[-1] += ' ' + piece
            else:
                pieces.append(piece)
    return [p for p in pieces if len(_CITATION.sub('', p).split()) >= MIN_WORDS]
