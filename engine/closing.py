"""Nobody waits overnight: a visit still open at the end of the shop's day (local midnight) is closed then.

A shop's system may never say that a customer left: without this, every check-in never served would wait forever,
in every snapshot. The engine asks `due(until)` before each event and at each tick, in time order, so a replay closes
the same visits as the live run did: a customer still waiting becomes LeftUnserved (a walk-out), one in a chair whose
service was never completed just leaves (its chair is free). An event that arrives after its visit was closed is
applied as it comes; the visit is not opened again.
"""
import heapq

from .metrics import Metrics


class Closing:
    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._heap: list[tuple[float, str]] = []  # (the last instant of the check-in's day, visit): one day's worth
        self._ends: dict[str, float] = {}  # visit -> the end it waits for (a visit checked in again waits anew)

    def checked_in(self, customer: str, at: float) -> None:
        end = self.metrics.last_instant(at)
        self._ends[customer] = end
        heapq.heappush(self._heap, (end, customer))

    def due(self, until: float) -> list[tuple[str, float]]:
        """The visits still open whose day ended before `until`, with that end; each is answered once."""
        heap, due = self._heap, []
        while heap and heap[0][0] < until:
            end, customer = heapq.heappop(heap)
            if self._ends.get(customer) == end:
                del self._ends[customer]
                if customer in self.metrics.names:
                    due.append((customer, end))
        return due
