"""Advice cut from knowledge passages: the sentences of each passage that best fit the question, cited; and the
coaching answer (the area's live figures, then that advice) for questions that ask what to do."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..domains import domain_of
from ..figures import describe
from ..types import PassageLike, Request

DISCLAIMER = 'Offline coach: composed from your live figures and the knowledge base, not a language model.'
MAX_ADVICE = 4
_WORD = re.compile(r'[a-z][a-z\'-]{3,}')
_STOP = frozenset('that this with from your have what which when where there their they them then than into about '
                  'should would could does doing more most much many some very just also only over make made '
                  'shop barbershop'.split())
_SENTENCE_END = re.compile(r'(?<=[.!?])\s+(?=[A-Z"(])')
_ITEM = re.compile(r'^([-*+]|\d+[.)])\s+')
_DOING = frozenset('add agree answer ask avoid book build call charge check collect cut fill follow give greet '
                   'hire keep let list look make measure move offer pay plan post price put raise reply review '
                   'reward run save schedule send set share start stop take tell test text thank track train try '
                   'use write'.split())


def compose(request: Request) -> str:
    domain = domain_of(request.question)
    parts = [f'*{DISCLAIMER}*', '', f'**What your figures show** ({domain.name})']
    if request.snapshot is None:
        parts.append('- No live figures are available right now.')
    else:
        lines = describe(request.snapshot)
        parts += [f'- {lines[key]}' for key in domain.figures if key in lines]
    parts += ['', '**What the knowledge base suggests**']
    advice = recommendations(request.question, domain.keywords, request.passages)
    if advice:
        parts += [f'{i}. {sentence} [{n}]' for i, (n, sentence) in enumerate(advice, 1)]
    else:
        parts.append('The knowledge base has no passage on this question, so I have no advice to cite. '
                     'Try other words, or add your own documents to the knowledge base.')
    return '\n'.join(parts)


def recommendations(question: str, keywords: Sequence[str], passages: Sequence[PassageLike]) -> list[tuple[int, str]]:
    """Two to four (passage number, sentence): the best sentence of each passage in rank order, then second bests."""
    wanted = set(_words(question)) | {k for k in keywords if ' ' not in k}
    ranked = [sorted(_candidates(p.text), key=lambda c: -_relevance(c, wanted))[:2] for p in passages]
    picks = [(n, c[0][0]) for n, c in enumerate(ranked, 1) if c][:MAX_ADVICE]
    for n, c in enumerate(ranked, 1):  # too few passages: a second sentence from the best ones
        if len(picks) >= min(2, sum(map(len, ranked))):
            break
        if len(c) > 1:
            picks.append((n, c[1][0]))
    return picks


def _candidates(text: str) -> list[tuple[str, bool]]:
    """(sentence, is a list item) of a passage, long enough to be advice and short enough to quote."""
    out = []
    for block in re.split(r'\n\s*\n', text):
        prose, items = [], []
        for line in (line.strip() for line in block.splitlines()):
            if not line or line.startswith('#'):
                continue
            if _ITEM.match(line):
                items.append(_ITEM.sub('', line))
            elif items:  # a list item wrapped onto the next line
                items[-1] += ' ' + line
            else:
                prose.append(line)
        sentences = _SENTENCE_END.split(' '.join(prose)) if prose else []
        out += [(_tidy(s), listed) for group, listed in ((sentences, False), (items, True)) for s in group
                if 30 <= len(s) <= 260 and not s.rstrip().endswith(':')]  # 'When a client is unhappy:' leads in
    return out


def _relevance(candidate: tuple[str, bool], wanted: set[str]) -> float:
    """Words shared with the question and its area, plus a bonus for advice: list items and imperatives."""
    sentence, listed = candidate
    words = set(_words(sentence))
    shared = sum(any(w.startswith(k) or k.startswith(w) for k in wanted) for w in words)
    first = sentence.split(maxsplit=1)[0].casefold().strip('*,:') if sentence.split() else ''
    return shared + 1.5 * listed + 1.5 * (first in _DOING) + 0.01 * min(len(words), 20)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if w not in _STOP]


def _tidy(sentence: str) -> str:
    sentence = sentence.strip().replace('**', '')
    return sentence if sentence.rstrip('"\'”’)').endswith(('.', '!', '?')) else sentence + '.'
