"""A running total that can be read at any past instant: how 'same time last week' stays O(log n)."""
from array import array
from bisect import bisect_right
from collections.abc import Sequence


class Series:
    """Its points as two arrays of doubles (16 bytes a point, not two float objects and two pointers), once it has
    any; before (most series of the days ahead), empty tuples (shared); once settled (settle), its few times as a
    tuple and totals as `settled_totals`, shared with the day's other series where alike (DayTally.share)."""
    __slots__ = ('times', 'totals')

    def __init__(self) -> None:
        self.times: array | tuple[float, ...] = ()
        self.totals: array | tuple[float, ...] = ()

    def add(self, at: float, amount: float) -> None:
        if type(self.times) is tuple:  # its first point, or a late event for a settled day: arrays of its own
            self.times, self.totals = array('d', self.times), array('d', self.totals)
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
        self.times, self.totals = tuple(times), tuple(totals)


def settled_totals(totals: Sequence[float]) -> tuple[float, ...] | array:
    """A settled series' few totals: where they are small whole numbers (3 bookings, 12 haircuts: most settled series,
    and they recur), one tuple for every day and shop alike; else (sums of money or of instants) an array."""
    if len(totals) <= 2 and all(0 <= total < COUNTED and total == int(total) for total in totals):
        totals = tuple(totals)
        return _COUNTS.setdefault(totals, totals)
    return array('d', totals)


COUNTED = 1000  # below this, whole totals are shared: a few thousand tuples at most, whatever the shops
_COUNTS: dict[tuple[float, ...], tuple[float, ...]] = {}
