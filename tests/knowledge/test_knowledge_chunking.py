"""Chunk boundaries, heading paths and overlap, without the model."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.chunking import chunk_document, sentences, split_sections
from knowledge.corpus import parse_front_matter, read_corpus

BODY = """# Deposits

Intro sentence about deposits.

## When to ask

First paragraph about when.

### New clients

Ask new online clients for a card.

## How much

Keep it modest.
"""


def test_sections_follow_headings_and_leave_the_title_out_of_the_path():
    sections = split_sections(BODY, title='Deposits')
    assert [heading for heading, _ in sections] == ['', 'When to ask', 'When to ask > New clients', 'How much']
    assert sections[2][1] == 'Ask new online clients for a card.'


def test_a_hash_inside_a_code_fence_is_not_a_heading():
    sections = split_sections('## Real\n\n```\n# not a heading\n```\n\nafter', title='')
    assert [heading for heading, _ in sections] == ['Real']


def test_chunks_never_cross_a_heading():
    chunks = chunk_document(BODY, title='Deposits', target=60, overlap=20)
    for chunk in chunks:
        assert '##' not in chunk.text
    assert {c.heading for c in chunks} == {'', 'When to ask', 'When to ask > New clients', 'How much'}
    assert [c.index for c in chunks] == list(range(len(chunks)))


def _long_section(n: int = 12) -> str:
    return '## Long\n\n' + '\n\n'.join(f'Paragraph {i} says one thing. It then says a second thing about item {i}.'
                                     for i in range(n))


def test_long_sections_are_cut_near_the_target_size():
    chunks = chunk_document(_long_section(), target=200, overlap=60)
    assert len(chunks) > 3
    assert all(len(c.text) <= 200 + 60 + 2 for c in chunks)


def test_consecutive_chunks_of_a_section_overlap_by_whole_sentences():
    chunks = chunk_document(_long_section(), target=200, overlap=60)
    for before, after in zip(chunks, chunks[1:], strict=False):
        first = sentences(after.text)[0]
        assert first in sentences(before.text), 'the next chunk starts with a sentence of the previous one'
        assert len(first) <= 60


def test_no_overlap_when_asked_for_none():
    chunks = chunk_document(_long_section(), target=200, overlap=0)
    texts = [c.text for c in chunks]
    assert ''.join(texts).count('Paragraph 3 says') == 1


def test_an_endless_sentence_is_cut_by_words():
    chunks = chunk_document('word ' * 400, target=300, overlap=50)
    assert len(chunks) > 5
    assert all(len(c.text) <= 360 for c in chunks)


def test_list_items_stay_whole():
    body = '## Steps\n\n' + '\n'.join(f'- Step {i} is a short step without a full stop' for i in range(30))
    for chunk in chunk_document(body, target=200, overlap=60):
        assert all(line.startswith('- Step') for line in chunk.text.split('\n') if line)


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(st.lists(st.text('abcdefgh ', min_size=1, max_size=40).map(str.strip).filter(bool),
                         min_size=1, max_size=6), min_size=1, max_size=12))
def test_no_sentence_is_lost(paragraphs):
    body = '\n\n'.join(' '.join(f'{s.capitalize()}.' for s in para) for para in paragraphs)
    joined = '\n'.join(c.text for c in chunk_document(body, target=120, overlap=40))
    for para in paragraphs:
        for s in para:
            assert f'{s.capitalize()}.' in joined


def test_front_matter_is_read():
    meta, body = parse_front_matter('---\ntitle: "Tips: who gets them"\ntopic: money\ntags: [tips, tax]\n---\n# X\n')
    assert meta == {'title': 'Tips: who gets them', 'topic': 'money', 'tags': ('tips', 'tax')}
    assert body == '# X\n'


def test_the_corpus_is_complete():
    docs = read_corpus()
    assert len(docs) >= 30
    topics = {doc.topic for doc in docs}
    assert topics == {'reading the business', 'customer service and retention', 'scheduling and capacity',
                      'financial planning', 'marketing', 'operations and staff'}
    for doc in docs:
        words = len(doc.body.split())
        assert doc.title and doc.tags, doc.doc_id
        assert 300 <= words <= 700, f'{doc.doc_id}: {words} words'
        assert doc.body.count('\n## ') >= 3, doc.doc_id
