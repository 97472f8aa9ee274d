"""The analyst evaluation: owners' data questions through `coach.cli.ask`, graded on the answer's first sentence.

Run: .venv/bin/python tests/coach/analyst_eval.py [--list] [--only ID ...]
Prints accuracy per shape and overall, then each failure: the question, what was expected and the first sentence.
"""
import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: this worktree's packages, not an installed copy
    sys.path.insert(0, str(ROOT))

from tests.coach.analyst_grading import Expected, first_sentence, grade  # noqa: E402
from tests.coach.analyst_set import SHAPES, Item, expected_items  # noqa: E402
from tests.coach.raw_log import AT, HISTORY_DAYS, SEED, TIMEZONE  # noqa: E402

# The demo shop the expected values were worked out for
DEMO_ENV = {'CHAIRSIDE_SIM_SEED': str(SEED), 'CHAIRSIDE_SHOP_TIMEZONE': TIMEZONE,
            'CHAIRSIDE_SIM_HISTORY_DAYS': str(HISTORY_DAYS)}
MISSING = ('The analyst is not built yet: `from coach.cli import ask` failed ({error}). The evaluation needs '
           'coach/cli.py with ask(question, *, history=(), at=None, shop=None, provider="offline") -> an object '
           'with .text, answering for the demo shop replayed up to `at` (issue 20).')


class AnalystMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Outcome:
    item: Item
    passed: bool
    question: str = ''  # the turn that failed
    expected: Expected | None = None
    sentence: str = ''  # the first sentence of its answer


def load_ask() -> Callable:
    """The one answering function the evaluation uses; a clear error while it does not exist."""
    try:
        from coach.cli import ask
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError) and error.name not in ('coach', 'coach.cli'):
            raise  # coach.cli is there but something it imports is not: that is a bug, not "not built yet"
        raise AnalystMissing(MISSING.format(error=error)) from error
    return ask


def evaluate(ask: Callable, items: Iterable[tuple[Item, tuple[tuple[str, Expected], ...]]] | None = None,
             ) -> list[Outcome]:
    """Asks every turn of every item, each later turn with the conversation so far; an item passes when all do."""
    outcomes = []
    for item, turns in items if items is not None else expected_items():
        history: list[tuple[str, str]] = []
        outcome = Outcome(item, True)
        for question, expected in turns:
            text = ask(question, history=list(history), at=AT.isoformat(), shop=None, provider='offline').text
            if not grade(expected, text):
                outcome = Outcome(item, False, question, expected, first_sentence(text))
                break
            history += [('user', question), ('assistant', text)]
        outcomes.append(outcome)
    return outcomes


def accuracy(outcomes: list[Outcome], shape: str | None = None) -> float:
    chosen = [o for o in outcomes if shape is None or o.item.shape == shape]
    return sum(o.passed for o in chosen) / len(chosen) if chosen else 1.0


def report(outcomes: list[Outcome]) -> str:
    lines = [f'{"shape":<16}{"items":>6}{"passed":>8}{"accuracy":>10}']
    for shape in (*SHAPES, None):
        chosen = [o for o in outcomes if shape is None or o.item.shape == shape]
        if chosen:
            lines.append(f'{shape or "overall":<16}{len(chosen):>6}{sum(o.passed for o in chosen):>8}'
                         f'{accuracy(chosen):>10.1%}')
    failures = [o for o in outcomes if not o.passed]
    if failures:
        lines += ['', f'{len(failures)} failed:']
    for o in failures:
        note = f'\n    (read as: {o.item.note})' if o.item.note else ''
        lines.append(f'- [{o.item.id}] "{o.question}"\n    expected: {o.expected}\n    first sentence: '
                     f'"{o.sentence}"{note}')
    return '\n'.join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--list', action='store_true', help='print the items and their expected values, ask nothing')
    parser.add_argument('--only', nargs='+', metavar='ID', help='run these items only')
    args = parser.parse_args()
    items = [(item, turns) for item, turns in expected_items() if not args.only or item.id in args.only]
    if args.list:
        for item, turns in items:
            for question, expected in turns:
                print(f'{item.id:<34} {item.shape:<15} {question:<60} {expected}')
        return
    os.environ.update(DEMO_ENV)
    try:
        ask = load_ask()
    except AnalystMissing as error:
        sys.exit(str(error))
    start = time.perf_counter()
    outcomes = evaluate(ask, items)
    print(report(outcomes))
    print(f'\n{len(outcomes)} items in {time.perf_counter() - start:.1f} s; the shop at {AT:%a %d %b %Y %H:%M} '
          f'{TIMEZONE}, seed {SEED}')


if __name__ == '__main__':
    main()
