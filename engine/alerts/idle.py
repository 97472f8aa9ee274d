"""Quiet stretches: since when how many chairs have stood idle with nobody waiting, followed event by event."""
from dataclasses import dataclass

from ..metrics import Metrics


@dataclass(frozen=True, slots=True)
class Stretch:
    since: float  # when it began, clipped to the day's opening
    until: float  # the instant it was measured at, clipped to the day's closing
    idle: int  # the fewest chairs idle at any moment of it

    @property
    def minutes(self) -> float:
        return (self.until - self.since) / 60


class IdleWatch:
    """For every count k of chairs, since when at least k have been idle with nobody waiting (None: not now).

    Kept for each k rather than for the owner's threshold, so a changed threshold applies to the stretch under way.
    """

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.since: list[float | None] = [None] * (metrics.profile.chairs + 1)  # index k; 0 unused
        self._idle = -1  # idle chairs (0 while someone waits) at the last update

    def idle_now(self) -> int:
        """Idle chairs, counted as none while someone waits."""
        metrics = self.metrics
        return 0 if metrics.checked_in else metrics.profile.chairs - len(metrics.in_chair)

    def ending(self, chairs: int) -> bool:
        """The run of at least `chairs` idle is under way but the shop's state now ends it (not yet updated)."""
        return 0 < chairs < len(self.since) and self.since[chairs] is not None and self.idle_now() < chairs

    def update(self, at: float) -> None:
        """After an event (or at a tick): start or end each count's run by the shop's state now."""
        idle = self.idle_now()
        if idle == self._idle:
            return
        self._idle = idle
        since = self.since
        for k in range(1, len(since)):
            if k > idle:
                since[k] = None
            elif since[k] is None:
                since[k] = at

    def stretch(self, now: float, chairs: int, span: tuple[float, float] | None) -> Stretch | None:
        """The run of at least `chairs` idle within the day's opening hours, or None."""
        if not 0 < chairs < len(self.since) or span is None:
            return None
        started = self.since[chairs]
        if started is None:
            return None
        since, until = max(started, span[0]), min(now, span[1])
        if until <= since:
            return None
        fewest = chairs  # runs nest: the fewest idle is the highest count whose run began with this one
        while fewest + 1 < len(self.since) and self.since[fewest + 1] == started:
            fewest += 1
        return Stretch(since, until, fewest)
