"""Knowledge base timings: cold corpus build, no-op rebuild, query latency with the model warm.

Run: .venv/bin/python bench/knowledge.py [--rounds 5]. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('LANCEDB_LOG', 'error')
ROOT = Path(__file__).resolve().parents[1]
# run as a script, this file's folder comes first on sys.path and its name would shadow the `knowledge` package
HERE = ROOT / 'bench'
sys.path[:] = [str(ROOT), str(ROOT / 'tests' / 'knowledge')] + [p for p in sys.path if Path(p or '.').resolve() != HERE]

from eval_set import EVAL_SET  # noqa: E402

from knowledge import KnowledgeBase  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=5, help='times each question is asked per mode')
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(Path(tmp))
        started = time.perf_counter()
        kb.embedder.load()
        load = time.perf_counter() - started
        report = kb.build()
        print(f'model import + load          {load:7.2f} s')
        print(f'cold build (model warm)      {report.seconds:7.2f} s  ({len(report.added)} documents, '
              f'{report.chunks} chunks)')
        print(f'cold build incl. model load  {load + report.seconds:7.2f} s')
        noop = [kb.build().seconds for _ in range(3)]
        print(f'no-op rebuild                {statistics.median(noop) * 1000:7.0f} ms (median of 3)')

        questions = [q for q, _ in EVAL_SET]
        kb.search(questions[0])  # warm-up
        for mode in ('hybrid', 'vector', 'text'):
            times = []
            for _ in range(args.rounds):
                for question in questions:
                    started = time.perf_counter()
                    kb.search(question, k=5, mode=mode)
                    times.append((time.perf_counter() - started) * 1000)
            print(f'{mode:<6} query k=5  p50 {percentile(times, 0.5):6.1f} ms  p95 {percentile(times, 0.95):6.1f} ms'
                  f'  ({len(times)} queries{", query embedding included" if mode != "text" else ""})')
        started = time.perf_counter()
        vectors = 100
        for _ in range(vectors):
            kb.embedder.encode([questions[0]])
        print(f'query embedding alone        {(time.perf_counter() - started) * 1000 / vectors:7.1f} ms (mean)')


if __name__ == '__main__':
    main()
