"""What a screen on the shop floor needs beyond the day's figures: who is booked next, and the latest praise."""
import heapq
from collections import deque

from .events import Booked, Cancelled, CheckedIn, Event, NoShow, Reviewed
from .profile import ShopProfile
from .snapshot import Appointment, Review

NAME_MEMORY = 86400.0  # reviews arrive hours after the visit; names are kept a day
LATE_GRACE = 900.0  # a booked customer is still expected this long after the appointment time


class Floor:
    def __init__(self, profile: ShopProfile) -> None:
        self.profile = profile
        self.booked: dict[str, Booked] = {}  # bookings not yet honoured, cancelled or missed
        self.latest_five_star: Review | None = None
        self._names: dict[str, str] = {}
        self._name_times: deque[tuple[float, str]] = deque()

    def apply(self, e: Event) -> None:
        if isinstance(e, Booked):
            self.booked[e.customer] = e
            self._remember(e.at, e.customer, e.name)
        elif isinstance(e, (Cancelled, NoShow)):
            booking = self.booked.pop(e.customer, None)
            if booking is not None:  # booked days ago: its name may have been forgotten since
                self._remember(e.at, e.customer, booking.name)
        elif isinstance(e, CheckedIn):
            self.booked.pop(e.customer, None)
            self._remember(e.at, e.customer, e.name)
        elif isinstance(e, Reviewed) and e.stars == 5:
            self.latest_five_star = Review(e.at, self._names.get(e.customer, 'A customer'), e.barber, e.stars, e.text)

    def name_of(self, customer: str) -> str | None:
        return self._names.get(customer)

    def next_appointments(self, now: float, count: int = 5) -> tuple[Appointment, ...]:
        due = (b for b in self.booked.values() if b.appointment_at >= now - LATE_GRACE)
        return tuple(Appointment(b.appointment_at, b.name, b.service, b.barber)
                     for b in heapq.nsmallest(count, due, key=lambda b: (b.appointment_at, b.id)))

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
