"""The knowledge base the coach reads: the shared corpus plus each shop's own documents, by meaning and words.

Every method blocks (embedding, LanceDB); the app calls them through `run.io_bound`.
"""
from __future__ import annotations

import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .chunking import OVERLAP_CHARS, TARGET_CHARS, Chunk, chunk_document
from .corpus import CORPUS_DIR, Document, make_document, read_corpus
from .embedding import MODEL_NAME, Embedder
from .models import BuildReport, DocumentInfo, KnowledgeNotReady, Passage

MAX_DOCUMENT_BYTES = 200_000
MODES = ('hybrid', 'vector', 'text')
CANDIDATES = 4  # times k: rows fetched, so RRF has enough to fuse and the per-document cap enough to choose from
PER_DOCUMENT = 2  # passages per document at most: the coach gets several sources, not one document five times
_SALT = f'{MODEL_NAME}|{TARGET_CHARS}|{OVERLAP_CHARS}|v2'  # any change here re-embeds everything
_SHOP_ID = re.compile(r'^[\w.@:-]{1,128}$')


class KnowledgeBase:
    def __init__(self, folder: Path, corpus_dir: Path = CORPUS_DIR, embedder: Embedder | None = None) -> None:
        self.folder = Path(folder)
        self.corpus_dir = Path(corpus_dir)
        self.embedder = embedder or Embedder()
        self.status = 'building'  # until the first build ends: 'ready' or 'failed'
        self.progress = 0.0
        self.error: str | None = None
        self._store = None
        self._searchable = False  # stays True during later incremental builds: the old index still answers
        self._write_lock = threading.RLock()

    def build(self, on_progress: Callable[[float], None] | None = None) -> BuildReport:
        """Incremental: only documents whose content hash changed are chunked and embedded again."""
        with self._write_lock:
            self.status, self.progress, self.error = 'building', 0.0, None
            try:
                report = self._build(on_progress)
            except Exception as e:
                self.status = 'failed'
                self.error = f'The knowledge base could not be built ({type(e).__name__}: {e}); ' \
                             'check that the data folder is writable and rebuild with `python -m knowledge build`.'
                raise
            self.status, self.progress, self._searchable = 'ready', 1.0, True
            return report

    def open(self) -> bool:
        """Search an index left by an earlier run at once, before (or without) a build; False when there is none."""
        if self._open().document_rows():
            self._searchable = True
        return self._searchable

    def _build(self, on_progress: Callable[[float], None] | None) -> BuildReport:
        started = time.perf_counter()
        store = self._open()
        known = {row['doc_id']: row for row in store.document_rows()}
        self._searchable = self._searchable or bool(known)  # the old index answers while this build runs
        wanted = {doc.doc_id: (doc, '') for doc in read_corpus(self.corpus_dir)}
        for row in known.values():  # shop documents: re-embedded only when chunking or the model changed
            if row['shop_id']:
                doc = self._shop_document(row['shop_id'], row['doc_id'], row['name'], row['text'])
                wanted[doc.doc_id] = (doc, row['text'])
        todo = [(doc, raw) for doc, raw in wanted.values()
                if known.get(doc.doc_id, {}).get('hash') != doc.fingerprint(_SALT)]
        removed = tuple(sorted(doc_id for doc_id in known if doc_id not in wanted))
        store.remove_documents(removed)
        doc_rows, chunk_rows = self._prepare(todo, known, on_progress)
        store.replace_documents(doc_rows, chunk_rows)
        if todo or removed or store.stale_text_index():
            store.refresh()
        self._report(1.0, on_progress)
        return BuildReport(added=tuple(d.doc_id for d, _ in todo if d.doc_id not in known),
                           changed=tuple(d.doc_id for d, _ in todo if d.doc_id in known), removed=removed,
                           chunks=len(chunk_rows), total_chunks=store.count(), seconds=time.perf_counter() - started)

    def search(self, query: str, k: int = 5, shop_id: str | None = None, mode: str = 'hybrid',
               per_document: int | None = PER_DOCUMENT) -> list[Passage]:
        """Corpus passages plus the given shop's own documents, best first; never another shop's."""
        if not self._searchable:
            raise KnowledgeNotReady(self.error or 'The knowledge base is still being built; try again in a moment.')
        if mode not in MODES:
            raise ValueError(f'Unknown search mode {mode!r}: use one of {", ".join(MODES)}.')
        query = ' '.join(query.split())
        if not query or k < 1:
            return []
        shop_id = None if shop_id is None else _check_shop(shop_id)
        vector = None if mode == 'text' else self.embedder.encode([query])[0]
        rows = self._open().search(mode, query, vector, shop_id, max(k * CANDIDATES, 20))
        taken: Counter[str] = Counter()
        passages = []
        for row in rows:
            if per_document is None or taken[row['doc_id']] < per_document:
                taken[row['doc_id']] += 1
                passages.append(_passage(row, mode, vector))
        return passages[:k]

    def add_document(self, shop_id: str, name: str, text: str) -> str:
        """The shop's own policy, price list or FAQ (markdown or plain text), searchable by that shop only."""
        shop_id, name = _check_shop(shop_id), ' '.join((name or '').split())
        if not name:
            raise ValueError('The document needs a name: give it a short title such as "Price list".')
        if len(name) > 200:
            raise ValueError('The document name is too long: keep it under 200 characters.')
        if not text or not text.strip():
            raise ValueError('The document is empty: paste or upload a text with some content.')
        if len(text.encode('utf-8')) > MAX_DOCUMENT_BYTES:
            raise ValueError(f'The document is larger than {MAX_DOCUMENT_BYTES // 1000} KB: split it into smaller '
                             'documents (for example one per topic) and add them one by one.')
        doc = self._shop_document(shop_id, f'shop-{uuid.uuid4().hex[:16]}', name, text)
        doc_rows, chunk_rows = self._prepare([(doc, text)], {})
        with self._write_lock:
            self._open().replace_documents(doc_rows, chunk_rows)
        return doc.doc_id

    def list_documents(self, shop_id: str) -> list[DocumentInfo]:
        rows = self._open().document_rows(shop_id=_check_shop(shop_id))
        return [DocumentInfo(doc_id=r['doc_id'], name=r['name'], title=r['title'], chars=r['chars'], chunks=r['chunks'],
                             added=datetime.fromtimestamp(r['added'], tz=UTC))
                for r in sorted(rows, key=lambda r: r['added'])]

    def remove_document(self, shop_id: str, doc_id: str) -> None:
        """Only the owning shop can remove a document; an unknown id raises KeyError."""
        store = self._open()
        rows = store.document_rows(doc_id=doc_id, shop_id=_check_shop(shop_id))
        if not rows:
            raise KeyError(f'No document {doc_id!r} for this shop: it may have been removed already.')
        with self._write_lock:
            store.remove_documents([doc_id])

    def _prepare(self, todo: list[tuple[Document, str]], known: dict[str, dict],
                 on_progress: Callable[[float], None] | None = None) -> tuple[list[dict], list[dict]]:
        """Chunk every document, then embed all chunks in large batches (far faster than one call per document).

        The raw text of a shop document is kept in its row, so a later build can chunk it again.
        """
        pieces = [(doc, chunk) for doc, _ in todo for chunk in chunk_document(doc.body, doc.title)]
        heads = [_index_text(d, c) for d, c in pieces]
        vectors = self.embedder.encode(heads, on_batch=lambda done: self._report(0.95 * done, on_progress))
        chunk_rows = [{'id': f'{d.doc_id}#{c.index}', 'doc_id': d.doc_id, 'shop_id': d.shop_id, 'title': d.title,
                       'heading': c.heading, 'text': c.text, 'search_text': head, 'source': d.source, 'vector': v}
                      for (d, c), head, v in zip(pieces, heads, vectors, strict=True)]
        counts = Counter(d.doc_id for d, _ in pieces)
        doc_rows = [{'doc_id': d.doc_id, 'shop_id': d.shop_id, 'title': d.title, 'hash': d.fingerprint(_SALT),
                     'name': d.source.removeprefix('shop document: ') if d.shop_id else d.source,
                     'chunks': counts[d.doc_id], 'chars': len(raw or d.body), 'text': raw,
                     'added': known.get(d.doc_id, {}).get('added') or time.time()} for d, raw in todo]
        return doc_rows, chunk_rows

    @staticmethod
    def _shop_document(shop_id: str, doc_id: str, name: str, text: str) -> Document:
        return make_document(doc_id, text, source=f'shop document: {name}', shop_id=shop_id, fallback_title=name)

    def _open(self):
        if self._store is None:
            with self._write_lock:
                if self._store is None:
                    from .store import Store  # lancedb costs a second to import: not at app start
                    self._store = Store(self.folder)
        return self._store

    def _report(self, value: float, on_progress: Callable[[float], None] | None) -> None:
        self.progress = value
        if on_progress:
            on_progress(value)


def _index_text(doc: Document, chunk: Chunk) -> str:
    """What is embedded and full-text indexed: the chunk in its context (title, heading path, the document's tags).

    Measured on the owner questions (no per-document cap), the tags lifted text-only recall@5 from 0.87 to 0.96
    and hybrid from 0.93 to 0.96.
    """
    return '\n'.join(part for part in (doc.title, chunk.heading, chunk.text, ', '.join(doc.tags)) if part)


def _check_shop(shop_id: str) -> str:
    if not isinstance(shop_id, str) or not _SHOP_ID.match(shop_id):
        raise ValueError('The shop id must be 1-128 letters, digits or ._@:- characters.')
    return shop_id


def _passage(row: dict, mode: str, vector=None) -> Passage:
    """A row as a Passage; `similarity` is the cosine of the query's vector and the row's (both unit length), the
    one score that means the same for every question, so a threshold can tell a match from the best of bad ones."""
    similarity = None
    if vector is not None and row.get('vector') is not None:
        import numpy as np
        similarity = float(np.dot(vector, np.asarray(row['vector'], dtype=np.float32)))
    if mode == 'hybrid':
        score = row.get('_relevance_score', 0.0)
    elif mode == 'vector':
        score = 1.0 - row.get('_distance', 1.0)
    else:
        score = row.get('_score', 0.0)
    return Passage(id=row['id'], doc_id=row['doc_id'], title=row['title'], heading=row['heading'], text=row['text'],
                   score=float(score), source=row['source'],
                   similarity=None if similarity is None else round(similarity, 4))
