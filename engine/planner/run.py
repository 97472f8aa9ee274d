"""One run of a shop's model: its simulation, day by day over the weeks planned, summed into the figures compared.

The figures, over the run's days: revenue (service prices and retail, tips apart) and visits (completed services);
walk-outs (customers who left unserved); the average wait (check-in to chair, minutes); utilization (chair time of
the services, up to closing, over the open time of the chairs whose barber works that day).
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ..events import CheckedIn, ServiceCompleted, ServiceStarted, WalkedOut
from ..simulation import Simulation
from .learn import ShopModel


class Cancelled(Exception):
    """The run was asked to stop."""


@dataclass(frozen=True, slots=True)
class Outcome:
    revenue: float
    visits: int
    walk_outs: int
    wait_seconds: float
    waits: int
    busy_seconds: float
    open_seconds: float

    def figures(self, weeks: float) -> dict[str, float]:
        """Per week where it adds up (revenue, visits, walk-outs); the wait in minutes; utilization as a share."""
        return {'revenue': self.revenue / weeks, 'visits': self.visits / weeks, 'walk_outs': self.walk_outs / weeks,
                'average_wait': self.wait_seconds / self.waits / 60 if self.waits else 0.0,
                'utilization': self.busy_seconds / self.open_seconds if self.open_seconds else 0.0}


def simulate(before: ShopModel, after: ShopModel, seed: int, first: date, days: int,
             cancelled: Callable[[], bool] = lambda: False) -> tuple[Outcome, Outcome]:
    """Both arms from `first` for `days` days with one seed (the same clients where the change leaves them the same);
    `cancelled` is asked before each day."""
    simulations = [Simulation(model.profile, seed, model.behaviour) for model in (before, after)]
    simulations[1].share_clients(simulations[0])
    return tuple(_run(model, simulation, first, days, cancelled)  # type: ignore[return-value]
                 for model, simulation in zip((before, after), simulations, strict=True))


def _run(model: ShopModel, simulation: Simulation, first: date, days: int, cancelled: Callable[[], bool]) -> Outcome:
    profile, behaviour = model.profile, model.behaviour
    revenue = wait_seconds = busy = open_seconds = 0.0
    visits = walk_outs = waits = 0
    for n in range(days):
        if cancelled():
            raise Cancelled()
        day = first + timedelta(n)
        span = profile.open_span(day)
        if span is None:
            continue
        chairs = len(profile.barbers) - len(behaviour.off(profile.barbers, day.weekday()))
        open_seconds += chairs * (span[1] - span[0])
        arrived: dict[str, float] = {}
        started: dict[str, float] = {}
        for event in simulation.events_for_day(day):
            kind = type(event)
            if kind is CheckedIn:
                arrived[event.customer] = event.at
            elif kind is ServiceStarted:
                started[event.customer] = event.at
                if event.customer in arrived:
                    wait_seconds += event.at - arrived[event.customer]
                    waits += 1
            elif kind is ServiceCompleted:
                revenue += event.price + event.retail
                visits += 1
                start = started.get(event.customer)
                if start is not None:
                    busy += max(0.0, min(event.at, span[1]) - start)
            elif kind is WalkedOut:
                walk_outs += 1
    return Outcome(revenue, visits, walk_outs, wait_seconds, waits, busy, open_seconds)
