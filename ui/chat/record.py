"""One chat message as the panel shows it, built from a live answer or from the store, so both render alike.

An answer's meta is stored as JSON: provider, model, offline, cut_off, stopped, note, grounding, sources
(id, title, heading, snippet) and tool_calls (each in words: coach.tools.summary, with its arguments). A regenerated
answer names the one it replaces, so the store keeps both and a resumed conversation shows only the newer.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coach import Done, PassageLike
from coach.tools import summary

SNIPPET_CHARS = 300


@dataclass
class Record:
    role: str  # 'user' or 'assistant'
    text: str
    at: float = field(default_factory=time.time)  # wall-clock seconds
    meta: dict[str, Any] = field(default_factory=dict)
    message_id: int | None = None
    feedback: str | None = None


def answer_meta(done: Done | None, *, stopped: bool = False, note: str = '', replaces: int | None = None,
                at: float | None = None) -> dict[str, Any]:
    """JSON-safe meta of one answer; `done` is None when it was stopped or failed before the coach finished."""
    meta: dict[str, Any] = {'at': at or time.time(), 'stopped': stopped, 'provider': '', 'model': '',
                            'offline': False, 'cut_off': False, 'grounding': None, 'sources': []}
    if done is not None:
        m = done.meta
        meta.update(provider=m.provider, model=m.model, offline=m.offline, cut_off=m.cut_off,
                    sources=sources(m.passages), seconds=round(m.seconds, 2),
                    tool_calls=[summary(call) | {'arguments': call.arguments} for call in m.tool_calls])
        if m.grounding is not None:
            g = m.grounding
            meta['grounding'] = {'score': round(g.score, 3), 'level': g.level, 'explanation': g.explanation,
                                 'cited': list(g.cited)}
        note = f'{note} {m.note}'.strip()
    meta['note'] = note
    if replaces is not None:
        meta['replaces'] = replaces
    return meta


def sources(passages: Sequence[PassageLike]) -> list[dict[str, str]]:
    return [{'id': p.id, 'title': p.title, 'heading': p.heading, 'source': p.source,
             'snippet': _snippet(p.text)} for p in passages]


def from_messages(messages: Sequence[Any]) -> list[Record]:
    """Stored messages in order, without the answers that a regenerated one replaced."""
    replaced = {m.meta.get('replaces') for m in messages if m.role == 'assistant' and m.meta}
    return [Record(m.role, m.content, (m.meta or {}).get('at', 0.0), dict(m.meta or {}), m.id, m.feedback)
            for m in messages if m.role in ('user', 'assistant') and m.id not in replaced]


def title_of(question: str, limit: int = 60) -> str:
    """A conversation's title: its first question, on one line, cut at a word."""
    text = ' '.join(question.split())
    return text if len(text) <= limit else text[:limit].rsplit(' ', 1)[0].rstrip(',.;:') + '…'


def _snippet(text: str) -> str:
    text = ' '.join(text.split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS].rsplit(' ', 1)[0] + '…'
