"""Local hours of a span of time: where utilization by hour puts chair time and open time."""
from ..profile import ShopProfile


def by_hour(profile: ShopProfile, start: float, end: float) -> list[tuple[int, float]]:
    """The seconds from `start` to `end` in each local hour they cross. Hours follow each other 3,600 s apart unless
    the clocks change in between; then each is read from the zone."""
    if end <= start:
        return []
    moment = profile.local(start)
    steady = profile.local(end).utcoffset() == moment.utcoffset()
    pieces, t, hour = [], start, moment.hour
    hour_end = start - (moment.minute * 60 + moment.second + moment.microsecond / 1e6) + 3600
    while t < end:
        pieces.append((hour, min(end, hour_end) - t))
        t = hour_end
        if steady:
            hour, hour_end = (hour + 1) % 24, hour_end + 3600
        else:
            moment = profile.local(t)
            hour, hour_end = moment.hour, t - (moment.minute * 60 + moment.second + moment.microsecond / 1e6) + 3600
    return pieces
