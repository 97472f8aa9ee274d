"""Building, incremental rebuilds and deletion, on copies of the session's index."""
from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, KnowledgeNotReady
from knowledge.chunking import chunk_document
from knowledge.corpus import read_corpus

NEW_SECTION = '\n## A note on zebrawood mirrors\n\nZebrawood mirror frames need a dry cloth, never a wet one.\n'


def _chunk_ids(kb: KnowledgeBase) -> dict[str, set[str]]:
    rows = kb._open().chunks.search().select(['id', 'doc_id']).limit(None).to_list()
    ids: dict[str, set[str]] = {}
    for row in rows:
        ids.setdefault(row['doc_id'], set()).add(row['id'])
    return ids


def _vectors(kb: KnowledgeBase, doc_id: str) -> list[list[float]]:
    rows = kb._open().chunks.search().where(f"doc_id = '{doc_id}'").select(['id', 'vector']).limit(None).to_list()
    return [list(r['vector']) for r in sorted(rows, key=lambda r: r['id'])]


def test_the_build_reports_every_document_and_chunk(built):
    kb, _ = built
    docs = read_corpus()
    expected_chunks = sum(len(chunk_document(d.body, d.title)) for d in docs)
    assert kb.status == 'ready' and kb.progress == 1.0 and kb.error is None
    assert set(_chunk_ids(kb)) == {d.doc_id for d in docs}
    assert sum(len(ids) for ids in _chunk_ids(kb).values()) == expected_chunks


def test_a_rebuild_with_nothing_changed_embeds_nothing(kb_copy):
    report = kb_copy.build()
    assert (report.added, report.changed, report.removed, report.chunks) == ((), (), (), 0)


def test_editing_one_document_re_embeds_only_its_chunks(kb_copy):
    before = _chunk_ids(kb_copy)
    untouched = _vectors(kb_copy, 'tips')
    path = kb_copy.corpus_dir / 'kpi-revenue.md'
    path.write_text(path.read_text() + NEW_SECTION)

    report = kb_copy.build()

    assert report.changed == ('kpi-revenue',) and report.added == () and report.removed == ()
    assert report.embedded == ('kpi-revenue',)
    assert report.chunks == len(before['kpi-revenue']) + 1
    after = _chunk_ids(kb_copy)
    assert {doc: ids for doc, ids in after.items() if doc != 'kpi-revenue'} == \
        {doc: ids for doc, ids in before.items() if doc != 'kpi-revenue'}
    assert _vectors(kb_copy, 'tips') == untouched
    top = kb_copy.search('how do I clean zebrawood mirror frames?', k=1)[0]
    assert top.doc_id == 'kpi-revenue' and top.heading == 'A note on zebrawood mirrors'


def test_a_new_document_is_added_and_a_deleted_one_removed(kb_copy):
    (kb_copy.corpus_dir / 'zebrawood.md').write_text('---\ntitle: Zebrawood care\ntopic: operations and staff\n'
                                                     'tags: [wood]\n---\n' + NEW_SECTION)
    (kb_copy.corpus_dir / 'tips.md').unlink()

    report = kb_copy.build()

    assert report.added == ('zebrawood',) and report.removed == ('tips',) and report.changed == ()
    ids = _chunk_ids(kb_copy)
    assert 'tips' not in ids and 'zebrawood' in ids
    for mode in ('hybrid', 'vector', 'text'):
        passages = kb_copy.search('who gets the card tips and how are tips taxed?', k=20, mode=mode)
        assert all(p.doc_id != 'tips' for p in passages)
    assert kb_copy.list_documents('any-shop') == []


def test_progress_is_reported_up_to_one(kb_copy):
    path = kb_copy.corpus_dir / 'tips.md'
    path.write_text(path.read_text() + NEW_SECTION)
    seen: list[float] = []
    kb_copy.build(on_progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] == 1.0


def test_search_before_the_first_build_says_it_is_not_ready(tmp_path, embedder):
    kb = KnowledgeBase(tmp_path / 'empty', embedder=embedder)
    assert kb.status == 'building'
    with pytest.raises(KnowledgeNotReady):
        kb.search('should I charge a deposit?')


def test_a_failed_build_says_what_to_do(tmp_path, embedder):
    blocker = tmp_path / 'not-a-folder'
    blocker.write_text('')
    kb = KnowledgeBase(blocker, embedder=embedder)
    with pytest.raises(OSError):
        kb.build()
    assert kb.status == 'failed'
    assert 'writable' in kb.error
    with pytest.raises(KnowledgeNotReady, match='writable'):
        kb.search('anything')


def test_the_index_survives_a_restart(built, embedder):
    _, folder = built
    reopened = KnowledgeBase(Path(folder), embedder=embedder)
    assert reopened.open()
    assert reopened.search('should I charge a deposit?', k=1)[0].doc_id == 'deposits-and-no-show-policy'


def test_searching_while_a_rebuild_runs_keeps_answering(kb_copy):
    """The app searches from one thread while a build runs in another; the old index answers meanwhile."""
    import threading

    for name in ('tips.md', 'cash-flow.md'):
        path = kb_copy.corpus_dir / name
        path.write_text(path.read_text() + NEW_SECTION)
    errors: list[Exception] = []
    worker = threading.Thread(target=lambda: kb_copy.build())
    worker.start()
    while worker.is_alive():
        try:
            assert kb_copy.search('should I charge a deposit?', k=3)
        except Exception as e:  # noqa: BLE001
            errors.append(e)
    worker.join()
    assert errors == [] and kb_copy.status == 'ready'
