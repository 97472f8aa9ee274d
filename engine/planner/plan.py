"""A what-if: the shop as it is and as changed, run over the same simulated futures, and the difference as a range.

Both arms run the same seeds (common random numbers): the same customers meaning to come at the same moments, so what
differs between the arms is the change's doing, not chance. The range of each figure is the lowest to the highest of
the seeds' results; the change's range is taken seed by seed (after minus before, on the same future).
"""
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from ..analytics import Analytics
from .apply import apply
from .changes import Change
from .learn import WEEKS, ShopModel, learn
from .run import Outcome, simulate

ARMS = ('before', 'after')
FIGURES = {  # name -> (label, unit)
    'revenue': ('Revenue', 'money a week'), 'visits': ('Visits', 'a week'), 'walk_outs': ('Walk-outs', 'a week'),
    'average_wait': ('Average wait', 'minutes'), 'utilization': ('Utilization', 'share'),
}
MODEL = ('The same {seeds} simulated futures of {weeks} weeks run with and without the change, so the difference is '
         "the change's alone; each range is the lowest to the highest of them.",
         'Walk-ins leave after waiting 15 to 50 minutes; how often clients come back (their intervals, who returns) '
         "is the simulation's, the volume and timing of customers the shop's own.")


@dataclass(frozen=True, slots=True)
class Spread:
    low: float
    median: float
    high: float

    @staticmethod
    def of(values: list[float]) -> 'Spread':
        return Spread(min(values), statistics.median(values), max(values))


@dataclass(frozen=True)
class PlanFigure:
    label: str
    unit: str  # 'money a week', 'a week', 'minutes' or 'share' (0..1)
    before: Spread
    after: Spread
    change: Spread  # after - before, seed by seed


@dataclass(frozen=True)
class PlanResult:
    first: date  # the first day run
    weeks: int
    seeds: int
    figures: dict[str, PlanFigure]  # by FIGURES name
    assumptions: tuple[str, ...]  # what was learned and what each change assumes, in words
    actual: dict[str, float]  # the shop's own figures over the days learned (per week; wait in minutes)


@dataclass(frozen=True)
class Plan:
    """Everything a run needs, plain data (it travels to worker processes)."""
    before: ShopModel
    after: ShopModel
    first: date
    weeks: int
    seeds: tuple[int, ...]
    assumptions: tuple[str, ...]
    changes: tuple[Change, ...] = field(default=())

    def run(self, seed: int, cancelled: Callable[[], bool] = lambda: False) -> tuple[Outcome, Outcome]:
        """One seed's future, before and after the change."""
        return simulate(self.before, self.after, seed, self.first, 7 * self.weeks, cancelled)

    def result(self, outcomes: dict[int, tuple[Outcome, Outcome]]) -> PlanResult:
        """From each seed's (before, after)."""
        figures = {arm: [outcomes[seed][i].figures(self.weeks) for seed in self.seeds] for i, arm in enumerate(ARMS)}
        return PlanResult(self.first, self.weeks, len(self.seeds), {
            name: PlanFigure(label, unit, Spread.of([f[name] for f in figures['before']]),
                             Spread.of([f[name] for f in figures['after']]),
                             Spread.of([a[name] - b[name] for a, b in zip(figures['after'], figures['before'],
                                                                          strict=True)]))
            for name, (label, unit) in FIGURES.items()}, self.assumptions, self.before.actual)


def plan(analytics: Analytics, today: date, changes: list[Change], weeks: int = 8, seeds: int = 8,
         learn_weeks: int = WEEKS) -> Plan:
    """The what-if of `changes` on the shop as its analytics know it, from tomorrow for `weeks` weeks."""
    if not 1 <= weeks <= 26 or not 1 <= seeds <= 32:
        raise ValueError('Plan 1 to 26 weeks over 1 to 32 simulated futures.')
    before = learn(analytics, today, learn_weeks)
    after, assumed = apply(before, changes)
    said = (*before.facts, *(line.format(seeds=seeds, weeks=weeks) for line in MODEL), *assumed)
    return Plan(before, after, today + timedelta(1), weeks, tuple(range(1, seeds + 1)), said, tuple(changes))


def result_json(result: PlanResult) -> dict[str, Any]:
    """The result as plain JSON (a coach tool's answer, an API's)."""
    return {**asdict(result), 'first': result.first.isoformat(), 'assumptions': list(result.assumptions)}


def run_plan(what_if: Plan) -> PlanResult:
    """Every run in this process, one after the other (tests, command lines); the app uses planning/ instead."""
    return what_if.result({seed: what_if.run(seed) for seed in what_if.seeds})
