"""A shop's own documents: validated, listed, searchable by that shop only, removable by that shop only."""
from __future__ import annotations

import pytest

POLICY = """# Late policy

Clients more than fifteen minutes late at Fade Factory lose the slot and pay the quokka fee of twelve dollars.

## Walk-ins

Fade Factory takes walk-ins only on Wednesdays before noon.
"""
QUOTE = 'more than fifteen minutes late at Fade Factory lose the slot and pay the quokka fee'


def _doc_ids(kb, query, shop_id, **kwargs):
    return {p.doc_id for p in kb.search(query, k=50, shop_id=shop_id, per_document=None, **kwargs)}


def test_a_shop_finds_its_own_document(kb_copy):
    doc_id = kb_copy.add_document('shop-a', 'Late policy', POLICY)
    passages = kb_copy.search('what happens if a client is very late?', k=5, shop_id='shop-a')
    ours = [p for p in passages if p.doc_id == doc_id]
    assert ours and ours[0].source == 'shop document: Late policy' and ours[0].title == 'Late policy'
    assert any(p.doc_id.startswith('kpi-') or p.source.endswith('.md') for p in passages), 'corpus passages too'


@pytest.mark.parametrize('mode', ['hybrid', 'vector', 'text'])
def test_another_shop_never_sees_it_even_when_quoting_it(kb_copy, mode):
    doc_id = kb_copy.add_document('shop-a', 'Late policy', POLICY)
    assert doc_id in _doc_ids(kb_copy, QUOTE, 'shop-a', mode=mode)
    assert doc_id not in _doc_ids(kb_copy, QUOTE, 'shop-b', mode=mode)
    assert doc_id not in _doc_ids(kb_copy, QUOTE, None, mode=mode)


def test_a_shop_id_cannot_inject_a_filter(kb_copy):
    kb_copy.add_document('shop-a', 'Late policy', POLICY)
    with pytest.raises(ValueError):
        kb_copy.search(QUOTE, shop_id="x' OR shop_id = 'shop-a")


def test_listing_and_removing(kb_copy):
    first = kb_copy.add_document('shop-a', 'Late policy', POLICY)
    second = kb_copy.add_document('shop-a', 'Prices', 'Skin fade 30. Beard trim 15. Kids cut 20.')
    listed = kb_copy.list_documents('shop-a')
    assert [d.doc_id for d in listed] == [first, second]
    assert listed[0].name == 'Late policy' and listed[0].chunks == 2 and listed[0].chars == len(POLICY)
    assert listed[1].title == 'Prices'
    assert kb_copy.list_documents('shop-b') == []

    with pytest.raises(KeyError):
        kb_copy.remove_document('shop-b', first)
    assert first in _doc_ids(kb_copy, QUOTE, 'shop-a')

    kb_copy.remove_document('shop-a', first)
    assert [d.doc_id for d in kb_copy.list_documents('shop-a')] == [second]
    assert first not in _doc_ids(kb_copy, QUOTE, 'shop-a')


def test_shop_documents_survive_a_rebuild_without_being_embedded_again(kb_copy):
    doc_id = kb_copy.add_document('shop-a', 'Late policy', POLICY)
    report = kb_copy.build()
    assert report.embedded == () and report.removed == ()
    assert doc_id in _doc_ids(kb_copy, QUOTE, 'shop-a')


@pytest.mark.parametrize(('text', 'words'), [('', 'empty'), ('  \n ', 'empty'), ('x' * 200_001, 'split it')])
def test_bad_documents_are_refused_with_a_sentence(kb_copy, text, words):
    with pytest.raises(ValueError, match=words):
        kb_copy.add_document('shop-a', 'Notes', text)
    assert kb_copy.list_documents('shop-a') == []


def test_a_name_is_required(kb_copy):
    with pytest.raises(ValueError, match='name'):
        kb_copy.add_document('shop-a', '  ', 'Some text.')
