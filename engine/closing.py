"""Nobody waits overnight: a visit still open at the end of the shop's day (local midnight) is closed then.

A shop's system may never say that a customer left: without this, every check-in never served would wait forever,
in every snapshot. The engine asks `due(until)` before each event and at each tick, in time order, so a replay closes
the same visits as the live run did: a customer still waiting becomes LeftUnserved (a walk-out), one in a chair whose
service was never completed just leaves (its chair is free). An event that arrives after its visit was closed is
applied as it comes; the visit is not opened again.
"""
import heapq
import math
from datetime import time, timedelta

from .metrics import Metrics


class Closing:
    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._heap: list[tuple[float, str]] = []  # (the last instant of the check-in's day, visit): one day's worth
        self._ends: dict[str, float] = {}  # visit -> the end it waits for (a visit checked in again waits anew)
        self._day = (0.0, 0.0)  # the span of the day of the last check-in: they come day by day

    def checked_in(self, customer: str, at: float) -> None:
        start, end = self._day
        if not start <= at < end:
            profile = self.metrics.profile
            day = profile.local(at).date()
            start, end = self._day = profile.instant(day, time()), profile.instant(day + timedelta(days=1), time())
        self._ends[customer] = end - 0.001  # the day's last instant: the visit still counts on its own day
        heapq.heappush(self._heap, (end - 0.001, customer))

    @property
    def next_end(self) -> float:
        """The earliest end a visit waits for (lazily: it may have ended already); infinity when none does."""
        return self._heap[0][0] if self._heap else math.inf

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
