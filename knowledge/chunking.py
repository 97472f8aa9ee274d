"""Heading-aware chunking: split at markdown headings, then pack paragraphs (or sentences) to a target size.

Each chunk keeps its heading path, and consecutive chunks of one section share an overlap of whole
sentences, so an answer that straddles a boundary is still found in one piece.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TARGET_CHARS = 700
OVERLAP_CHARS = 160
_HEADING = re.compile(r'^(#{1,6})[ \t]+(.+?)[ \t#]*$')
_FENCE = re.compile(r'^(```|~~~)')
_SENTENCE_END = re.compile(r'(?<=[.!?])["\')\]]*\s+(?=[\"\'(\[A-Z0-9*])')


@dataclass(frozen=True)
class Chunk:
    index: int
    heading: str  # the heading path below the title, e.g. 'What moves it' or 'Pricing > Kids'
    text: str


def split_sections(body: str, title: str = '') -> list[tuple[str, str]]:
    """(heading path, text) per section; a top heading that only repeats the title is left out of the path."""
    sections: list[tuple[str, str]] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []
    in_fence = False

    def flush() -> None:
        text = '\n'.join(lines).strip()
        if text:
            sections.append((' > '.join(name for _, name in path), text))
        lines.clear()

    for line in body.replace('\r\n', '\n').split('\n'):
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        flush()
        level, name = len(match.group(1)), match.group(2).strip()
        path = [(lvl, n) for lvl, n in path if lvl < level]
        if not (level == 1 and name.casefold() == title.casefold()):
            path.append((level, name))
    flush()
    return sections


def split_units(text: str, target: int) -> list[str]:
    """Paragraphs; a paragraph over the target is cut into sentences, and an endless sentence into words."""
    units: list[str] = []
    for paragraph in re.split(r'\n[ \t]*\n', text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if len(paragraph) <= target:
            units.append(paragraph)
            continue
        for sentence in sentences(paragraph):
            units.extend(_cut_words(sentence, target) if len(sentence) > target else [sentence])
    return units


def sentences(text: str) -> list[str]:
    """List items count as sentences too, so a list is never cut in the middle of an item."""
    out: list[str] = []
    for line in re.split(r'\n(?=\s*(?:[-*+]|\d+[.)])\s)', text):
        out.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return out


def _cut_words(text: str, size: int) -> list[str]:
    pieces, current = [], ''
    for word in text.split():
        if current and len(current) + 1 + len(word) > size:
            pieces.append(current)
            current = word
        else:
            current = f'{current} {word}' if current else word
    return pieces + [current] if current else pieces


def _tail(text: str, limit: int) -> str:
    """The last whole sentences of a chunk that fit in `limit` characters (at least the last sentence's end)."""
    picked: list[str] = []
    for sentence in reversed(sentences(text)):
        if picked and sum(len(s) + 1 for s in picked) + len(sentence) > limit:
            break
        picked.insert(0, sentence)
    tail = ' '.join(picked)
    if len(tail) > limit:  # one long sentence: keep its last words
        tail = ' '.join(_cut_words(tail, limit)[-1:])
    return tail


def chunk_document(body: str, title: str = '', target: int = TARGET_CHARS, overlap: int = OVERLAP_CHARS) -> list[Chunk]:
    """Chunks of about `target` characters; the next chunk of a section starts with the previous one's tail."""
    chunks: list[Chunk] = []
    for heading, text in split_sections(body, title):
        current: list[str] = []
        carried = False  # the current chunk holds nothing but the overlap so far
        for unit in split_units(text, target):
            size = sum(len(u) + 2 for u in current)
            if current and not carried and size + len(unit) > target:
                finished = '\n\n'.join(current)
                chunks.append(Chunk(len(chunks), heading, finished))
                current = [_tail(finished, overlap)] if overlap > 0 else []
                carried = bool(current)
            current.append(unit)
            carried = carried and len(current) == 1
        if current and not carried:
            chunks.append(Chunk(len(chunks), heading, '\n\n'.join(current)))
    return chunks
