"""What the knowledge base hands out: passages, document listings, build reports, and its one own error."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class KnowledgeNotReady(RuntimeError):
    """search() was called before the first build finished (or after it failed)."""


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    title: str
    heading: str
    text: str
    score: float  # hybrid: RRF relevance; vector: cosine similarity; text: BM25
    source: str  # corpus file name or 'shop document: <name>'
    similarity: float | None = None  # cosine of the question and the passage, whatever the mode: how well it matches


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    name: str
    title: str
    chars: int
    chunks: int
    added: datetime


@dataclass(frozen=True)
class BuildReport:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    chunks: int  # chunks embedded by this build
    total_chunks: int
    seconds: float

    @property
    def embedded(self) -> tuple[str, ...]:
        """The documents this build chunked and embedded again."""
        return self.added + self.changed
