"""How far an answer rests on what was checked: the shop's data behind its numbers, and passages behind its advice.

Not the model's own claim of confidence: it is computed from the answer's text, the tools' results, the live figures
and the passages it was given. The rule (README, "How the coach grounds its answers"):

- A number in the answer is traced when a tool's result or the live figures hold it, as written (rounded to the
  places the answer shows; a share or a change may be written as a percentage). Dates, times, years and citation
  marks are not figures; a bare single digit is not either (any sentence may hold one), unless it is money or a
  percentage.
- A citation [n] counts when passage n was given. Passages are given only above the relevance threshold
  (relevance.py), so a citation stands for a passage that matches the question.
- A statement (a sentence or list item of four words or more) is supported when it holds a traced number or a
  citation that counts.

Level: low when a number cannot be traced, when a citation names a passage that was not given, or when no statement
is supported; else high when at least 70% of the statements are supported; else medium.
The score is the share of supported statements times the share of traced numbers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .types import Grounding, PassageLike

if TYPE_CHECKING:
    from .tools import ToolCall

HIGH = 0.70
MIN_WORDS = 4  # shorter pieces ('Here is what I see:') are not statements
_CITATION = re.compile(r'\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\]')
_SENTENCE_END = re.compile(r'(?<=[.!?])\s+')
_LABEL = re.compile(r'^\*\*[^*]+\*\*[^.!?]*$')
_NOTE = re.compile(r'^([*_])[^*_].*\1$')
_MONTH = r'(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?'
_NOT_FIGURES = re.compile(
    r'\[\d{1,2}(?:\s*,\s*\d{1,2})*\]'  # citations
    r'|\b\d{4}-\d{2}(?:-\d{2})?(?:\.\.\d{4}-\d{2}-\d{2})?\b'  # ISO dates and months
    r'|\b\d{1,2}:\d{2}\b'  # times
    r'|\b\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:to|-|–|and)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?' + _MONTH +  # 3 Nov
    r'|\b' + _MONTH + r'\s+\d{1,2}(?:st|nd|rd|th)?\b'  # Nov 3
    r'|\b(?:19|20)\d{2}\b',  # years
    re.IGNORECASE)
_NUMBER = re.compile(r'(\$\s?)?(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\s?%)?')
_COUNTED = re.compile(r"\s+(?:[A-Za-z&'-]+\s+){0,3}?(?:visits?|no-shows?|walk-ins?|walk-outs?|clients?|customers?|"
                      r'bookings?|appointments?|cancellations?|reviews?|check-ins?|stars?|minutes?|services?|cuts?)\b',
                      re.IGNORECASE)


def grounding(answer: str, passages: Sequence[PassageLike], figure_numbers: Iterable[str] = frozenset(),
              calls: Sequence[ToolCall] = ()) -> Grounding:
    """The answer's grounding label, score and a one-line explanation for the badge's tooltip."""
    known = evidence(figure_numbers, calls)
    statements = split_statements(answer)
    valid, invalid = set(), set()
    supported, traced, untraced = 0, [], []
    for statement in statements:
        cited = cited_numbers(statement)
        valid |= {n for n in cited if 1 <= n <= len(passages)}
        invalid |= {n for n in cited if not 1 <= n <= len(passages)}
        figures = figures_in(statement)
        good = [f for f in figures if traces(f, known)]
        traced += good
        untraced += [f for f in figures if f not in good]
        if good or any(1 <= n <= len(passages) for n in cited):
            supported += 1
    coverage = supported / len(statements) if statements else 0.0
    numbers = len(traced) + len(untraced)
    score = round(coverage * (len(traced) / numbers if numbers else 1.0), 2)
    level = 'low' if untraced or invalid or not supported else 'high' if coverage >= HIGH else 'medium'
    why = [f"{len(traced)} of {numbers} figures traced to the shop's data (tool results or live figures)"
           if numbers else 'no figures stated',
           f'{supported} of {len(statements)} statements carry a traced figure or a cited passage',
           f'cites {len(valid)} of {len(passages)} passages']
    explanation = f'{level.capitalize()} grounding ({score:.2f}): {"; ".join(why)}.'
    if untraced:
        explanation += f' Not found in the data: {", ".join(text for _, _, text in untraced[:4])}.'
    if invalid:
        explanation += f' Cites {", ".join(f"[{n}]" for n in sorted(invalid))}, which were not given.'
    return Grounding(score=score, level=level, explanation=explanation, cited=tuple(sorted(valid)))


Figure = tuple[float, int, str]  # value, decimals as written, text


def figures_in(text: str) -> list[Figure]:
    """The numbers a statement states as figures (see the module's rule)."""
    text = _NOT_FIGURES.sub(' ', text)
    found = []
    for match in _NUMBER.finditer(text):
        dollar, digits, percent = match.groups()
        plain = digits.replace(',', '')
        if len(plain.lstrip('-').replace('.', '')) < 2 and not (dollar or percent or '.' in plain
                                                                or _COUNTED.match(text, match.end())):
            continue
        decimals = len(plain.split('.')[1]) if '.' in plain else 0
        found.append((abs(float(plain)), decimals, match.group(0).strip()))
    return found


def evidence(figure_numbers: Iterable[str] = (), calls: Sequence[ToolCall] = ()) -> list[float]:
    """Every number the answer may quote: the live figures' and those in the tools' results (as values and in their
    texts), with a share's or a change's percentage."""
    values: set[float] = {abs(float(n)) for n in figure_numbers}
    for call in calls:
        if call.ok:
            _collect(call.result, values)
    values |= {v * 100 for v in values if v <= 10}
    return sorted(values)


def traces(figure: Figure, known: Sequence[float]) -> bool:
    value, decimals, _ = figure
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    return any(abs(value - v) <= tolerance for v in known)


def _collect(node: Any, values: set[float]) -> None:
    if isinstance(node, bool) or node is None:
        return
    if isinstance(node, int | float):
        values.add(abs(float(node)))
    elif isinstance(node, str):
        values.update(abs(float(n.replace(',', ''))) for n in re.findall(r'\d[\d,]*(?:\.\d+)?', node))
    elif isinstance(node, dict):
        for value in node.values():
            _collect(value, values)
    elif isinstance(node, list | tuple):
        for value in node:
            _collect(value, values)


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
