"""The LanceDB side: a `chunks` table (vectors + native full-text index) and a `documents` table (hashes)."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault('LANCEDB_LOG', 'error')

import lancedb  # noqa: E402  (after LANCEDB_LOG, which the Rust side reads on load)
import pyarrow as pa  # noqa: E402
from lancedb.index import FTS  # noqa: E402
from lancedb.query import MatchQuery  # noqa: E402
from lancedb.rerankers import RRFReranker  # noqa: E402

from .embedding import DIMENSION  # noqa: E402

CHUNKS = pa.schema([
    pa.field('id', pa.string()),
    pa.field('doc_id', pa.string()),
    pa.field('shop_id', pa.string()),
    pa.field('title', pa.string()),
    pa.field('heading', pa.string()),
    pa.field('text', pa.string()),
    pa.field('search_text', pa.string()),  # title + heading + text: what the full-text index sees
    pa.field('source', pa.string()),
    pa.field('vector', pa.list_(pa.float32(), DIMENSION)),
])
DOCUMENTS = pa.schema([
    pa.field('doc_id', pa.string()),
    pa.field('shop_id', pa.string()),
    pa.field('name', pa.string()),
    pa.field('title', pa.string()),
    pa.field('hash', pa.string()),
    pa.field('chunks', pa.int32()),
    pa.field('chars', pa.int64()),
    pa.field('added', pa.float64()),
    pa.field('text', pa.string()),  # shop documents keep their text here; corpus files live on disk
])
RESULT_COLUMNS = ['id', 'doc_id', 'shop_id', 'title', 'heading', 'text', 'source']


def quote(value: str) -> str:
    """A SQL string literal for LanceDB filters."""
    return "'" + value.replace("'", "''") + "'"


def _in(column: str, values) -> str:
    return f'{column} IN ({", ".join(quote(v) for v in values)})'


class Store:
    def __init__(self, folder: Path) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)  # only the owner of the process reads it
        self.db = lancedb.connect(str(folder))
        self.chunks = self._table('chunks', CHUNKS)
        self.documents = self._table('documents', DOCUMENTS)

    def _table(self, name: str, schema: pa.Schema):
        try:
            return self.db.open_table(name)
        except (FileNotFoundError, ValueError):
            return self.db.create_table(name, schema=schema, exist_ok=True)

    def document_rows(self, doc_id: str | None = None, shop_id: str | None = None) -> list[dict]:
        filters = [f'{column} = {quote(value)}' for column, value in (('doc_id', doc_id), ('shop_id', shop_id))
                   if value is not None]
        query = self.documents.search()
        if filters:
            query = query.where(' AND '.join(filters))
        return query.limit(None).to_list()

    def replace_documents(self, doc_rows: list[dict], chunk_rows: list[dict]) -> None:
        """Chunks first, document rows last: a crash in between leaves old hashes, so the next build redoes them."""
        if not doc_rows:
            return
        where = _in('doc_id', [row['doc_id'] for row in doc_rows])
        self.chunks.delete(where)
        if chunk_rows:
            self.chunks.add(chunk_rows)
        self.documents.delete(where)
        self.documents.add(doc_rows)

    def remove_documents(self, doc_ids: list[str] | tuple[str, ...]) -> None:
        if doc_ids:
            self.chunks.delete(_in('doc_id', doc_ids))
            self.documents.delete(_in('doc_id', doc_ids))

    def refresh(self) -> None:
        """After a build: rebuild the full-text index (so BM25 statistics are right) and compact the fragments.

        Rows added later (shop documents) are searched unindexed until the next build; that stays correct.
        """
        self.chunks.create_index('search_text', config=FTS(stem=True, remove_stop_words=True), replace=True)
        self.chunks.optimize()
        self.documents.optimize()

    def stale_text_index(self) -> bool:
        """True when rows were added since the full-text index was built (shop documents added between builds)."""
        indices = [index for index in self.chunks.list_indices() if index.index_type == 'FTS']
        return not indices or any(getattr(index, 'num_unindexed_rows', 0) for index in indices)

    def count(self) -> int:
        return self.chunks.count_rows()

    def search(self, mode: str, text: str, vector, shop_id: str | None, k: int) -> list[dict]:
        """The filter runs before ranking (prefilter), so another shop's rows can never fill the top k."""
        where = "shop_id = ''" if shop_id is None else f"shop_id = '' OR shop_id = {quote(shop_id)}"
        if mode == 'vector':
            query = self.chunks.search(vector, query_type='vector').distance_type('cosine')
        elif mode == 'text':
            query = self.chunks.search(MatchQuery(text, 'search_text'), query_type='fts')
        else:
            query = (self.chunks.search(query_type='hybrid', vector_column_name='vector')
                     .vector(vector).text(MatchQuery(text, 'search_text')).rerank(RRFReranker()))
        columns = RESULT_COLUMNS + (['vector'] if vector is not None else [])
        return query.where(where, prefilter=True).select(columns).limit(k).to_list()
