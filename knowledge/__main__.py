"""`python -m knowledge build` and `python -m knowledge search "question"` for owners and developers."""
from __future__ import annotations

import argparse
import sys
import textwrap
import time
from pathlib import Path

from .base import KnowledgeBase
from .corpus import CORPUS_DIR
from .models import KnowledgeNotReady


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m knowledge', description='Build and search the knowledge base.')
    parser.add_argument('--data-dir', type=Path, default=Path('data/knowledge'),
                        help='folder of the LanceDB index (default: ./data/knowledge)')
    parser.add_argument('--corpus', type=Path, default=CORPUS_DIR, help='folder of the markdown corpus')
    commands = parser.add_subparsers(dest='command', required=True)
    commands.add_parser('build', help='index new and changed documents, drop deleted ones')
    search = commands.add_parser('search', help='print the best passages for a question')
    search.add_argument('query')
    search.add_argument('-k', type=int, default=5, help='number of passages (default 5)')
    search.add_argument('--shop', default=None, help="also search this shop's own documents")
    search.add_argument('--mode', choices=['hybrid', 'vector', 'text'], default='hybrid')
    args = parser.parse_args(argv)

    kb = KnowledgeBase(args.data_dir, corpus_dir=args.corpus)
    if args.command == 'build':
        return _build(kb)
    if not (args.data_dir / 'chunks.lance').exists() or not kb.open():
        print(f'No index in {args.data_dir}: run `python -m knowledge build` first.', file=sys.stderr)
        return 1
    return _search(kb, args.query, args.k, args.shop, args.mode)


def _build(kb: KnowledgeBase) -> int:
    from tqdm import tqdm

    with tqdm(total=100, desc='Building', unit='%', bar_format='{l_bar}{bar}| {elapsed}') as bar:
        def advance(progress: float) -> None:
            bar.update(round(progress * 100) - bar.n)
        report = kb.build(on_progress=advance)
    print(f'{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed; '
          f'{report.chunks} chunks embedded, {report.total_chunks} in the index; {report.seconds:.1f} s')
    return 0


def _search(kb: KnowledgeBase, query: str, k: int, shop: str | None, mode: str) -> int:
    started = time.perf_counter()
    try:
        passages = kb.search(query, k=k, shop_id=shop, mode=mode)
    except (KnowledgeNotReady, ValueError) as e:
        print(e, file=sys.stderr)
        return 1
    print(f'{len(passages)} passages ({mode}, {(time.perf_counter() - started) * 1000:.0f} ms incl. model load)\n')
    for rank, p in enumerate(passages, 1):
        where = f'{p.title} > {p.heading}' if p.heading else p.title
        print(f'{rank}. [{p.score:.3f}] {where}  ({p.source})')
        print(textwrap.indent(textwrap.fill(' '.join(p.text.split()), 100), '   '), end='\n\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
