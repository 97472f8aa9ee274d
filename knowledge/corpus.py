"""Reading knowledge documents: markdown with a small YAML-ish front matter (title, topic, tags)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).parent / 'corpus'
_FRONT_MATTER = re.compile(r'\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)', re.DOTALL)
_H1 = re.compile(r'^#[ \t]+(.+?)[ \t#]*$', re.MULTILINE)


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: str
    body: str
    source: str  # what a reader is shown: the corpus file name or 'shop document: <name>'
    shop_id: str = ''  # '' for the shared corpus
    topic: str = ''
    tags: tuple[str, ...] = ()

    def fingerprint(self, salt: str = '') -> str:
        """Changes whenever anything that ends up in the index changes (salt: chunker and model settings)."""
        parts = [salt, self.title, self.topic, ','.join(self.tags), self.body]
        return hashlib.sha256('\x1f'.join(parts).encode()).hexdigest()


def parse_front_matter(text: str) -> tuple[dict[str, str | tuple[str, ...]], str]:
    """Only the flat `key: value` and `key: [a, b]` forms are read: the corpus needs no more than that."""
    text = text.replace('\r\n', '\n').lstrip('\ufeff')
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str | tuple[str, ...]] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(':')
        if not sep or not key.strip() or line.startswith((' ', '\t', '#')):
            continue
        value = value.strip()
        if value.startswith('[') and value.endswith(']'):
            meta[key.strip()] = tuple(_unquote(v) for v in value[1:-1].split(',') if v.strip())
        else:
            meta[key.strip()] = _unquote(value)
    return meta, text[match.end():]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in '\'"':
        return value[1:-1]
    return value


def make_document(doc_id: str, text: str, *, source: str, shop_id: str = '', fallback_title: str = '') -> Document:
    """The title comes from the front matter, else the first `# ` heading, else the fallback (a file name)."""
    meta, body = parse_front_matter(text)
    title = meta.get('title')
    if not isinstance(title, str) or not title:
        h1 = _H1.search(body)
        title = h1.group(1).strip() if h1 else (fallback_title or doc_id)
    tags = meta.get('tags', ())
    topic = meta.get('topic', '')
    return Document(doc_id=doc_id, title=title, body=body.strip(), source=source, shop_id=shop_id,
                    topic=topic if isinstance(topic, str) else '',
                    tags=tags if isinstance(tags, tuple) else (tags,) if tags else ())


def read_corpus(folder: Path = CORPUS_DIR) -> list[Document]:
    """Every `*.md` file of the folder, sorted; the file's stem is its stable document id."""
    return [make_document(path.stem, path.read_text(encoding='utf-8'), source=path.name, fallback_title=path.stem)
            for path in sorted(Path(folder).glob('*.md'))]
