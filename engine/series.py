"""A running total that can be read at any past instant: how 'same time last week' stays O(log n)."""
from bisect import bisect_right
from collections.abc import Sequence


class Series:
    __slots__ = ('times', 'totals')

    def __init__(self) -> None:
        self.times: list[float] | tuple[float, ...] = []
        self.totals: list[float] | tuple[float, ...] = []

    def add(self, at: float, amount: float) -> None:
        if type(self.times) is tuple:  # settled: a late event for an old day
            self.times, self.totals = list(self.times), list(self.totals)
        if not self.times or at >= self.times[-1]:
            self.times.append(at)
            self.totals.append((self.totals[-1] if self.totals else 0.0) + amount)
            return
        i = bisect_right(self.times, at)  # a late event: rare, so shifting the later totals is fine
        self.times.insert(i, at)
        self.totals.insert(i, (self.totals[i - 1] if i else 0.0) + amount)
        for j in range(i + 1, len(self.totals)):
            self.totals[j] += amount

    def at(self, instant: float) -> float:
        i = bisect_right(self.times, instant)
        return self.totals[i - 1] if i else 0.0

    @property
    def total(self) -> float:
        return self.totals[-1] if self.totals else 0.0

    def settle(self, instants: Sequence[float]) -> None:
        """Keep only what answers `at` exactly at these instants (ascending) and from the later of the last instant and
        the last point on: an old day's detail let go. Later `add`s keep those answers exact."""
        times: list[float] = []
        totals: list[float] = []
        for instant in instants:
            value = self.at(instant)
            if value != (totals[-1] if totals else 0.0):
                times.append(instant)
                totals.append(value)
        if self.times and self.times[-1] > instants[-1] and self.totals[-1] != (totals[-1] if totals else 0.0):
            times.append(self.times[-1])
            totals.append(self.totals[-1])
        self.times, self.totals = tuple(times), tuple(totals)  # smaller than lists (and the empty one is shared)
