"""Retrieval quality on the owner questions: recall@k and MRR for vector-only, text-only and hybrid search.

Run: .venv/bin/python tests/knowledge/knowledge_eval.py  (builds a fresh index in a temporary folder)
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from eval_set import EVAL_SET

from knowledge import KnowledgeBase

MODES = ('vector', 'text', 'hybrid')


@dataclass(frozen=True)
class Score:
    recall: float  # share of questions with a passage from a right document in the top k
    mrr: float  # mean of 1/rank of the first such passage (0 when none is in the top k)
    misses: tuple[str, ...]


def evaluate(kb: KnowledgeBase, k: int = 5, modes: tuple[str, ...] = MODES) -> dict[str, Score]:
    scores = {}
    for mode in modes:
        hits, reciprocal, misses = 0, 0.0, []
        for question, relevant in EVAL_SET:
            ranks = [i for i, p in enumerate(kb.search(question, k=k, mode=mode), 1) if p.doc_id in relevant]
            if ranks:
                hits += 1
                reciprocal += 1 / ranks[0]
            else:
                misses.append(question)
        scores[mode] = Score(hits / len(EVAL_SET), reciprocal / len(EVAL_SET), tuple(misses))
    return scores


def report(scores: dict[str, Score], k: int = 5) -> str:
    lines = [f'{len(EVAL_SET)} questions   recall@{k}   MRR']
    lines += [f'{mode:<15} {s.recall:>9.3f} {s.mrr:>6.3f}' for mode, s in scores.items()]
    return '\n'.join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--data-dir', type=Path, default=None, help='reuse an index folder instead of a fresh one')
    parser.add_argument('-k', type=int, default=5)
    parser.add_argument('--misses', action='store_true', help='list the questions each mode missed')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(args.data_dir or Path(tmp))
        kb.build()
        scores = evaluate(kb, args.k)
    print(report(scores, args.k))
    if args.misses:
        for mode, score in scores.items():
            for question in score.misses:
                print(f'  {mode} missed: {question}')


if __name__ == '__main__':
    sys.exit(main())
