"""What a screen on the shop floor needs beyond the day's figures: who is booked next, and the latest praise."""
import bisect
import heapq
from collections import deque

from .events import Booked, Cancelled, CheckedIn, Event, NoShow, Reviewed
from .profile import ShopProfile
from .snapshot import Appointment, Review

NAME_MEMORY = 86400.0  # reviews arrive hours after the visit; names are kept a day
LATE_GRACE = 900.0  # a booked customer is still expected this long after the appointment time


def _by_time(booking: Booked) -> tuple[float, str]:
    return booking.appointment_at, booking.id


class Floor:
    def __init__(self, profile: ShopProfile) -> None:
        self.profile = profile
        self.booked = {}
        self.latest_five_star: Review | None = None
        self._names: dict[str, str] = {}
        self._name_times: deque[tuple[float, str]] = deque()

    @property
    def booked(self) -> dict[str, Booked]:
        """Bookings not yet honoured, cancelled or missed, by customer."""
        return self._booked

    @booked.setter
    def booked(self, bookings: dict[str, Booked]) -> None:  # a fresh floor, or a loaded state (state.py)
        self._booked = bookings
        self._by_time = sorted(bookings.values(), key=_by_time)  # the same, in time order: a screen shows the next

    def apply(self, e: Event) -> None:
        if isinstance(e, Booked):
            self._unbook(e.customer)
            self._booked[e.customer] = e
            bisect.insort(self._by_time, e, key=_by_time)
            self._remember(e.at, e.customer, e.name)
        elif isinstance(e, (Cancelled, NoShow)):
            booking = self._unbook(e.customer)
            if booking is not None:  # booked days ago: its name may have been forgotten since
                self._remember(e.at, e.customer, booking.name)
        elif isinstance(e, CheckedIn):
            self._unbook(e.customer)
            self._remember(e.at, e.customer, e.name)
        elif isinstance(e, Reviewed) and e.stars == 5:
            self.latest_five_star = Review(e.at, self._names.get(e.customer, 'A customer'), e.barber, e.stars, e.text)

    def name_of(self, customer: str) -> str | None:
        return self._names.get(customer)

    def next_appointments(self, now: float, count: int = 5) -> tuple[Appointment, ...]:
        first = bisect.bisect_left(self._by_time, (now - LATE_GRACE, ''), key=_by_time)
        return tuple(Appointment(b.appointment_at, b.name, b.service, b.barber)
                     for b in self._by_time[first:first + count])

    def _unbook(self, customer: str) -> Booked | None:
        booking = self._booked.pop(customer, None)
        if booking is not None:
            del self._by_time[bisect.bisect_left(self._by_time, _by_time(booking), key=_by_time)]
        return booking

    def _remember(self, at: float, customer: str, name: str) -> None:
        self._names[customer] = name
        self._name_times.append((at, customer))
        while self._name_times and self._name_times[0][0] < at - NAME_MEMORY:
            self._names.pop(self._name_times.popleft()[1], None)


def walk_in_wait(profile: ShopProfile, now: float, chair_free_in: list[float], waiting: int) -> float:
    """Minutes until a walk-in arriving now would sit down: everyone waiting goes first, each for a typical service."""
    weights = sum(s.weight for s in profile.services)
    typical = sum(s.minutes * s.weight for s in profile.services) / weights
    free = sorted(max(0.0, minutes) for minutes in chair_free_in)
    for _ in range(waiting):
        heapq.heapreplace(free, free[0] + typical)
    return free[0]
