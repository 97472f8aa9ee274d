"""A simulated shop: each day's events come from the seed and the date alone, so any start gives the same history.

Arrivals follow the profile's hours with the demand pattern below; customers queue for the first free barber;
service time varies around the menu's duration; stars fall as waits grow.
"""
import heapq
import random
from datetime import date, timedelta
from string import ascii_uppercase

from .events import Booked, Cancelled, CheckedIn, Event, NoShow, Reviewed, ServiceCompleted, ServiceStarted, WalkedOut
from .profile import ShopProfile

BASE_ARRIVALS_PER_HOUR = 3.0  # off-peak weekday customers per open hour, for a 4-chair shop
PEAK_FACTOR = 1.7  # in the profile's peak hours
WEEKEND_FACTOR = 1.3  # Saturday and Sunday
LAST_ARRIVAL_MINUTES = 30  # no new customers in the last half hour
BOOKED_SHARE = 0.55  # the rest walk in
CANCEL_RATE = 0.07
NO_SHOW_RATE = 0.04
CLEANUP_SECONDS = 120  # between two customers in one chair
TIP_SHARE = 0.7
RETAIL_SHARE = 0.15
RETAIL_PRICES = (16.0, 18.0, 22.0)
REVIEW_SHARE = 0.25
WALK_IN_PATIENCE = (15, 50)  # minutes a walk-in waits at most before leaving, drawn per customer
LOOKAHEAD_DAYS = 8  # bookings are made at most 7 days ahead, so a day is generated before any of its events is due

FIRST_NAMES = ('James', 'Malik', 'Carlos', 'Noah', 'Ethan', 'Jamal', 'Omar', 'Liam', 'Andre', 'Theo', 'Marcus',
               'Diego', 'Kwame', 'Ryan', 'Hassan', 'Tyler', 'Mateo', 'Isaac', 'Jordan', 'Leo', 'Darnell', 'Sean')
REVIEW_TEXTS = {
    5: ('Best fade in town, in and out fast.', 'Great cut and great conversation.', 'Always on point. Booked again.'),
    4: ('Good cut, a bit of a wait.', 'Solid service, will be back.', 'Nice work, busy shop though.'),
    3: ('Cut was fine but I waited a long time.', 'Okay experience, felt rushed.', 'Average, the wait was long.'),
    2: ('Waited far too long past my time.', 'Not the cut I asked for.', 'Too busy to get proper attention.'),
    1: ('Waited almost an hour. Not coming back.', 'Walked out unhappy.', 'Terrible wait, no apology.'),
}


class Simulation:
    def __init__(self, profile: ShopProfile, seed: int) -> None:
        self.profile = profile
        self.seed = seed
        self._weights = [s.weight for s in profile.services]

    def arrivals_per_hour(self, day: date, hour: int) -> float:
        rate = BASE_ARRIVALS_PER_HOUR * (PEAK_FACTOR if self.profile.is_peak(hour) else 1.0)
        return rate * (WEEKEND_FACTOR if day.weekday() >= 5 else 1.0)

    def events_for_day(self, day: date) -> list[Event]:
        """Every event of the visits on `day`, including bookings made on earlier days, in time order."""
        span = self.profile.open_span(day)
        if span is None:
            return []
        rng = random.Random(f'{self.seed}:{day.isoformat()}')
        opens, closes = span
        events: list[Event] = []
        arrivals: list[tuple[float, str, str, str, bool]] = []  # (at, customer, name, service, walk-in)
        count = 0
        for hour_start in _hour_starts(opens, closes - LAST_ARRIVAL_MINUTES * 60):
            hour = self.profile.local(hour_start).hour
            rate = self.arrivals_per_hour(day, hour) / 3600
            hour_end = min(hour_start + 3600, closes - LAST_ARRIVAL_MINUTES * 60)
            t = hour_start + rng.expovariate(rate)
            while t < hour_end:
                count += 1
                customer = f'{day:%Y%m%d}-{count:03d}'
                name = f'{rng.choice(FIRST_NAMES)} {rng.choice(ascii_uppercase)}.'
                service = rng.choices(self.profile.services, self._weights)[0].name
                arrival, walk_in = self._booking(rng, events, t, customer, name, service)
                if arrival is not None:
                    arrivals.append((arrival, customer, name, service, walk_in))
                t += rng.expovariate(rate)
        self._serve(rng, events, opens, arrivals)
        events.sort(key=lambda e: (e.at, e.id))
        return events

    def _booking(self, rng: random.Random, events: list[Event], t: float, customer: str, name: str,
                 service: str) -> tuple[float | None, bool]:
        """Emit the booking story of one visit; return when the customer arrives (None: never) and if they walked in."""
        if rng.random() >= BOOKED_SHARE:
            events.append(CheckedIn(f'{customer}-in', t, customer, name, True))
            return t, True
        slot = t - t % 900  # appointments start on the quarter hour
        booked_at = slot - rng.uniform(3600, 7 * 86400)
        events.append(Booked(f'{customer}-bk', booked_at, customer, name, service, None, slot))
        fate = rng.random()
        if fate < CANCEL_RATE:
            events.append(Cancelled(f'{customer}-cx', rng.uniform(booked_at, slot - 1800), customer))
            return None, False
        if fate < CANCEL_RATE + NO_SHOW_RATE:
            events.append(NoShow(f'{customer}-ns', slot + 900, customer))
            return None, False
        arrival = max(booked_at + 60, slot + rng.uniform(-600, 300))
        events.append(CheckedIn(f'{customer}-in', arrival, customer, name, False))
        return arrival, False

    def _serve(self, rng: random.Random, events: list[Event], opens: float,
               arrivals: list[tuple[float, str, str, str, bool]]) -> None:
        """First come, first served by whichever barber is free first; a walk-in facing too long a wait leaves."""
        barbers = self.profile.barbers
        free_at = [opens] * len(barbers)
        for arrival, customer, _, service_name, walk_in in sorted(arrivals):
            chair = min(range(len(barbers)), key=free_at.__getitem__)
            barber = barbers[chair]
            service = self.profile.service(service_name)
            start = max(arrival, free_at[chair])
            patience = rng.uniform(*WALK_IN_PATIENCE) * 60
            if walk_in and start - arrival > patience:
                events.append(WalkedOut(f'{customer}-wo', arrival + patience, customer))
                continue
            end = start + service.minutes * 60 * min(1.5, max(0.7, rng.gauss(1.0, 0.12)))
            free_at[chair] = end + CLEANUP_SECONDS
            tip = round(service.price * rng.choice((0.1, 0.15, 0.2, 0.25))) if rng.random() < TIP_SHARE else 0.0
            retail = rng.choice(RETAIL_PRICES) if rng.random() < RETAIL_SHARE else 0.0
            events.append(ServiceStarted(f'{customer}-st', start, customer, barber, service_name))
            events.append(ServiceCompleted(f'{customer}-dn', end, customer, barber, service_name,
                                           float(service.price), float(tip), retail))
            if rng.random() < REVIEW_SHARE:
                wait_minutes = (start - arrival) / 60
                stars = min(5, max(1, round(5 - wait_minutes / 15 + rng.gauss(0, 0.7))))
                events.append(Reviewed(f'{customer}-rv', end + rng.uniform(600, 3 * 3600), customer, barber, stars,
                                       rng.choice(REVIEW_TEXTS[stars])))


class SimulatedFeed:
    """Releases the simulation's events as the clock passes them, generating days ahead of time."""

    def __init__(self, simulation: Simulation, start: float) -> None:
        self.simulation = simulation
        self._next_day = simulation.profile.local(start).date()
        self._heap: list[tuple[float, str, Event]] = []

    def due(self, now: float) -> list[Event]:
        horizon = self.simulation.profile.local(now).date() + timedelta(days=LOOKAHEAD_DAYS)
        while self._next_day <= horizon:
            for event in self.simulation.events_for_day(self._next_day):
                heapq.heappush(self._heap, (event.at, event.id, event))
            self._next_day += timedelta(days=1)
        released = []
        while self._heap and self._heap[0][0] <= now:
            released.append(heapq.heappop(self._heap)[2])
        return released


def _hour_starts(opens: float, until: float):
    t = opens
    while t < until:
        yield t
        t += 3600
