"""Local hours of a span of time: where utilization by hour puts chair time and open time."""
from ..profile import ShopProfile


def by_hour(profile: ShopProfile, start: float, end: float) -> list[tuple[int, float]]:
    """The seconds from `start` to `end` in each local hour they cross."""
    pieces, t = [], start
    while t < end:
        moment = profile.local(t)
        hour_end = t - (moment.minute * 60 + moment.second + moment.microsecond / 1e6) + 3600
        pieces.append((moment.hour, min(end, hour_end) - t))
        t = hour_end
    return pieces
