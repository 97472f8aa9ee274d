"""Local hours of a span of time: where utilization by hour puts chair time and open time."""
from ..profile import ShopProfile


def by_hour(profile: ShopProfile, start: float, end: float) -> list[tuple[int, float]]:
    """The seconds from `start` to `end` in each local hour they cross. Hours are 3,600 s apart unless the clocks
    change in between (then each hour is read from the zone)."""
    if end <= start:
        return []
    first = profile.local(start)
    steady = profile.local(end).utcoffset() == first.utcoffset()
    pieces, t, moment = [], start, first
    while t < end:
        hour_end = t - (moment.minute * 60 + moment.second + moment.microsecond / 1e6) + 3600
        pieces.append((moment.hour, min(end, hour_end) - t))
        t = hour_end
        moment = moment.replace(hour=(moment.hour + 1) % 24, minute=0, second=0, microsecond=0) if steady else \
            profile.local(t)
    return pieces
