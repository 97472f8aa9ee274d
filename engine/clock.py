"""Time for the engine: real in production, simulated (accelerated, or stepped by hand) in demos and tests."""
import time
from typing import Protocol


class Clock(Protocol):
    speed: float

    def now(self) -> float:
        """Seconds since the epoch, as the shop experiences them."""


class SimClock:
    """Runs from a start instant at `speed` simulated seconds per real second (0 stands still until advanced).

    With no start and speed 1 it is the real clock.
    """

    def __init__(self, start: float | None = None, speed: float = 1.0) -> None:
        self._real_anchor = time.time()
        self._sim_anchor = self._real_anchor if start is None else start
        self.speed = speed

    def now(self) -> float:
        return self._sim_anchor + (time.time() - self._real_anchor) * self.speed

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError('The simulation speed must be above zero.')
        self._sim_anchor, self._real_anchor = self.now(), time.time()
        self.speed = speed

    def advance(self, seconds: float) -> None:
        self._sim_anchor += seconds
