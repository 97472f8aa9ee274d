"""How a simulated shop's customers and barbers behave, when it is not the demo's constants: a real shop's, learned
from its history (engine/planner/learn.py), or that shop with a change (engine/planner/changes.py).

Without a Behaviour the simulation is the demo shop, event for event as it always was.
"""
from dataclasses import dataclass, field

Rates = tuple[tuple[float, ...], ...]  # by weekday (0 Monday), 24 local hours each


@dataclass(frozen=True)
class Behaviour:
    arrivals: Rates  # customers who mean to come in each hour (they then book or walk in), per open hour
    services: tuple[float, ...]  # relative demand for each of the profile's services, in its order
    rebook: float  # chance that a returning client's visit was booked at their last checkout (if it was completed)
    booked_share: float  # of the other visits, the share booked ahead (1 hour to 7 days); the rest walk in
    cancel_rate: float  # of the bookings
    no_show_rate: float  # of the bookings (cancelled ones included), missed
    retail_share: float  # of the services, the share with retail sold
    speeds: dict[str, float] = field(default_factory=dict)  # barber -> times the menu's duration (else drawn)
    following: dict[str, float] = field(default_factory=dict)  # barber -> relative share of followers (else drawn)
    works: dict[str, frozenset[int]] = field(default_factory=dict)  # barber -> weekdays worked (else every open day)

    def off(self, barbers: tuple[str, ...], weekday: int) -> frozenset[int]:
        """The chairs (indices into `barbers`) whose barber does not work on `weekday`."""
        return frozenset(i for i, name in enumerate(barbers) if name in self.works and weekday not in self.works[name])
