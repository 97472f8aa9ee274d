"""A simulated shop: each day's events come from the seed and the date alone, so any start gives the same history.

Clients join on a first visit and come back at their own intervals until they lapse (population.py), so new and
returning clients, retention and rebooking are real. A day's arrivals are the clients due that day, spread over its
hours with the demand pattern below. Some follow one barber; some book their next visit at checkout, others book
ahead or walk in. Customers queue for a free barber (their own, if they asked for one); service time varies with the
barber and around the menu's duration; stars fall as waits grow.
"""
import heapq
import math
import random
from array import array
from bisect import bisect, bisect_left
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from itertools import accumulate

from .behaviour import Behaviour
from .events import Booked, Cancelled, CheckedIn, Event, NoShow, Reviewed, ServiceCompleted, ServiceStarted, WalkedOut
from .packed import pack, unpack
from .population import LIFETIME, MAX_GAP, Client, Clientele
from .profile import ShopProfile

# Demand: the expected visits of an open day, for a 4-chair shop (about 44 on a weekday, 52 on Saturday, 48 on Sunday)
BASE_ARRIVALS_PER_HOUR = 3.0  # off-peak weekday customers per open hour
PEAK_FACTOR = 1.7  # in the profile's peak hours
WEEKEND_FACTOR = 1.3  # Saturday and Sunday
LAST_ARRIVAL_MINUTES = 30  # no new customers in the last half hour
# How clients book (who comes back, and when: population.py)
REBOOK_PROPENSITY = 0.9  # a client in the habit (REBOOKER_SHARE) means to book the next visit at checkout this often,
REBOOK_DELAY = 60.0  # a minute after the service; if it was not completed or the barber did not ask, booked ahead
BOOKED_SHARE = 0.25  # the other visits booked ahead, 1 h to 7 days before; the rest walk in (about 45% overall)
PREFERENCE_WAIT = 20 * 60  # seconds longer a walk-in waits for their own barber rather than take the first free chair
# Barbers differ: drawn per barber from the seed and the name, so a shop's barbers keep their ways
BARBER_SPEED = (0.85, 1.15)  # times the menu's duration
BARBER_FOLLOWING = (0.5, 1.5)  # relative share of the followers
BARBER_ASKS = (0.7, 1.0)  # how often the barber gets a rebooking client to book before leaving
# Visits
CANCEL_RATE = 0.07
NO_SHOW_RATE = 0.04
CLEANUP_SECONDS = 120  # between two customers in one chair
TIP_SHARE = 0.7
RETAIL_SHARE = 0.15
RETAIL_PRICES = (16.0, 18.0, 22.0)
REVIEW_SHARE = 0.25
WALK_IN_PATIENCE = (15, 50)  # minutes a walk-in waits at most before leaving, drawn per customer

LOOKAHEAD_DAYS = MAX_GAP + 2  # a day's events start with rebookings made at its clients' previous checkouts
REVIEW_TEXTS = {
    5: ('Best fade in town, in and out fast.', 'Great cut and great conversation.', 'Always on point. Booked again.'),
    4: ('Good cut, a bit of a wait.', 'Solid service, will be back.', 'Nice work, busy shop though.'),
    3: ('Cut was fine but I waited a long time.', 'Okay experience, felt rushed.', 'Average, the wait was long.'),
    2: ('Waited far too long past my time.', 'Not the cut I asked for.', 'Too busy to get proper attention.'),
    1: ('Waited almost an hour. Not coming back.', 'Walked out unhappy.', 'Terrible wait, no apology.'),
}


@dataclass(frozen=True, slots=True)
class _Day:
    """One day served: its events (bookings made ahead as drawn), which of them may be rebookings, who finished when.
    Once its events are out, a day is kept for `done` alone (events None): later days' rebookings look it up."""
    events: list[Event] | None
    rebookings: list[tuple[int, Booked, float, Client, int]]  # (index in events, booking, draw, client, visit number)
    done: 'dict[int, tuple[float, int]] | Done'  # the client's visit (Client.visit) -> (completion time, chair), of
    # the visits whose next one may be a rebooking (made at this one's checkout): a dict while the day is served


class Done:
    """A served day's `done` once complete, kept for weeks: sorted by visit, 17 bytes a visit (not a dict entry, an int,
    a tuple and a float)."""
    __slots__ = ('visits', 'ends', 'chairs')

    def __init__(self, done: dict[int, tuple[float, int]]) -> None:
        items = sorted(done.items())
        self.visits = array('Q', [visit for visit, _ in items])
        self.ends = array('d', [end for _, (end, _) in items])
        self.chairs = bytes(chair for _, (_, chair) in items)

    def get(self, visit: int) -> tuple[float, int] | None:
        i = bisect_left(self.visits, visit)
        return (self.ends[i], self.chairs[i]) if i < len(self.visits) and self.visits[i] == visit else None


class Simulation:
    def __init__(self, profile: ShopProfile, seed: int, behaviour: Behaviour | None = None) -> None:
        """`behaviour`: a real shop's ways (engine/behaviour.py); None: the demo shop's constants above."""
        self.profile = profile
        self.seed = seed
        self.behaviour = b = behaviour
        self._services = profile.services
        self._service_weights = list(accumulate(b.services if b else (s.weight for s in profile.services)))
        barbers = [random.Random(f'{seed}:barber:{name}') for name in profile.barbers]
        self.speed = [rng.uniform(*BARBER_SPEED) for rng in barbers]
        self.following = [rng.uniform(*BARBER_FOLLOWING) for rng in barbers]
        self.asks = [rng.uniform(*BARBER_ASKS) for rng in barbers]
        self._rebook, self._booked_share, self._cancel, self._no_show, self._retail = (
            (REBOOK_PROPENSITY, BOOKED_SHARE, CANCEL_RATE, NO_SHOW_RATE, RETAIL_SHARE) if b is None else
            (b.rebook, b.booked_share, b.cancel_rate, b.no_show_rate, b.retail_share))
        self._off = [b.off(profile.barbers, weekday) if b else frozenset() for weekday in range(7)]
        if b is not None:  # a real shop's barbers as learned; a rebooking client books at checkout if it was done
            self.speed = [b.speeds.get(name, speed) for name, speed in zip(profile.barbers, self.speed, strict=True)]
            self.following = [b.following.get(name, share)
                              for name, share in zip(profile.barbers, self.following, strict=True)]
            self.asks = [1.0] * len(profile.barbers)
        self._shapes = [self._shape(weekday) for weekday in range(7)]  # (hour segments, cumulative expected visits)
        self.clientele = Clientele(seed, [cum[-1] if cum else 0.0 for _, cum in self._shapes], self.following)
        self._served: dict[int, _Day] = {}

    def share_clients(self, other: 'Simulation') -> bool:
        """Take `other`'s clientele when it draws the same people (a what-if's two arms, mostly): drawing a year and
        a half of clients is most of a short run's work."""
        if self.clientele.same_people(other.clientele):
            self.clientele = other.clientele
            return True
        return False

    def events_for_day(self, day: date) -> list[Event]:
        """Every event of the visits on `day`, including bookings made on earlier days, in time order.

        A rebooking was made at the client's previous checkout, weeks before: that day is simulated (not returned)
        to know when, so the booking is the same whichever day a history starts from."""
        ordinal = day.toordinal()
        self.clientele.expand(ordinal - MAX_GAP - LIFETIME, ordinal)  # the days of the previous visits, too
        served = self._serve(ordinal, whole=True)
        self._served[ordinal] = _Day(None, [], served.done)  # its events are the caller's now: not kept twice
        events = served.events
        if served.rebookings:
            events = list(events)
            for index, booking, draw, client, number in served.rebookings:
                done = self._serve(client.days[number - 1]).done.get(client.visit(number - 1))
                if done is not None and draw < self.asks[done[1]]:  # booked at the last checkout
                    events[index] = replace(booking, at=done[0] + REBOOK_DELAY)
        return sorted(events, key=lambda e: (e.at, e.id))

    def _shape(self, weekday: int) -> tuple[list[tuple[float, float]], list[float]]:
        """A weekday's arrival hours as (start, end) seconds after midnight, and the visits expected up to each."""
        hours = self.profile.hours.get(weekday)
        if hours is None:
            return [], []
        t = hours.opens.hour * 3600 + hours.opens.minute * 60
        last = hours.closes.hour * 3600 + hours.closes.minute * 60 - LAST_ARRIVAL_MINUTES * 60
        segments, expected, total = [], [], 0.0
        while t < last:
            hour = int(t // 3600)
            end = min((hour + 1) * 3600, last)
            if self.behaviour is None:
                rate = BASE_ARRIVALS_PER_HOUR * (PEAK_FACTOR if self.profile.is_peak(hour) else 1.0)
                total += rate * (WEEKEND_FACTOR if weekday >= 5 else 1.0) * (end - t) / 3600
            else:
                total += self.behaviour.arrivals[weekday][hour] * (end - t) / 3600
            segments.append((t, end))
            expected.append(total)
            t = end
        return segments, expected

    def _serve(self, ordinal: int, whole: bool = False) -> _Day:
        """The day served (`whole`: with its events, made again if they were handed out already: the same ones)."""
        served = self._served.get(ordinal)
        if served is None or (whole and served.events is None):
            if len(self._served) > LOOKAHEAD_DAYS + 7:  # only the last few weeks are looked up again (weekly sweep)
                self._served = {d: s for d, s in self._served.items() if d >= ordinal - LOOKAHEAD_DAYS}
                self.clientele.forget_before(ordinal - LOOKAHEAD_DAYS)  # nor are their clients
            served = self._served[ordinal] = self._day(ordinal)
        return served

    def _day(self, ordinal: int) -> _Day:
        day = date.fromordinal(ordinal)
        span = self.profile.open_span(day)
        visits = self.clientele.visits_on(ordinal)
        off = self._off[day.weekday()]
        if span is None or not visits or len(off) == len(self.profile.barbers):
            return _Day([], [], {})
        rng = random.Random(f'{self.seed}:{day.isoformat()}')
        segments, expected = self._shapes[day.weekday()]
        origin = span[0] - segments[0][0]  # the instant of local midnight, as the opening hours count from it
        timed = []
        for client, number in visits:
            start, end = segments[bisect(expected, rng.random() * expected[-1])]
            timed.append((origin + rng.uniform(start, end), client, number))
        timed.sort(key=lambda visit: visit[0])
        served = _Day([], [], {})
        arrivals = []
        for count, (t, client, number) in enumerate(timed, 1):
            customer = f'{day:%Y%m%d}-{count:03d}'
            service = rng.choices(self._services, cum_weights=self._service_weights)[0].name
            rebooks = (client.rebooker or self.behaviour is not None) and number > 0 and rng.random() < self._rebook
            arrival, walk_in = self._booking(rng, served, t, customer, client, number, service, rebooks, off)
            if arrival is not None:
                arrivals.append((arrival, customer, client, number, service, walk_in))
        self._serve_in_turn(rng, served, span[0], arrivals, off)
        return replace(served, done=Done(served.done))

    def _booking(self, rng: random.Random, served: _Day, t: float, customer: str, client: Client, number: int,
                 service: str, rebooks: bool, off: frozenset[int]) -> tuple[float | None, bool]:
        """Emit the booking story of one visit; return when the customer arrives (None: never) and if they walked in.
        A follower whose barber is off that day books any barber."""
        events = served.events
        if not rebooks and rng.random() >= self._booked_share:
            events.append(CheckedIn(f'{customer}-in', t, customer, client.name, True, client.id))
            return t, True
        slot = t - t % 900  # appointments start on the quarter hour
        booked_at = slot - rng.uniform(3600, 7 * 86400)
        barber = None if client.barber is None or client.barber in off else self.profile.barbers[client.barber]
        events.append(Booked(f'{customer}-bk', booked_at, customer, client.name, service, barber, slot, client.id))
        if rebooks:  # made at the last checkout instead, if that visit was done and the barber asked
            served.rebookings.append((len(events) - 1, events[-1], rng.random(), client, number))
        fate = rng.random()
        if fate < self._cancel:
            events.append(Cancelled(f'{customer}-cx', rng.uniform(booked_at, slot - 1800), customer))
            return None, False
        if fate < self._cancel + self._no_show:
            events.append(NoShow(f'{customer}-ns', slot + 900, customer))
            return None, False
        arrival = max(booked_at + 60, slot + rng.uniform(-600, 300))
        events.append(CheckedIn(f'{customer}-in', arrival, customer, client.name, False, client.id))
        return arrival, False

    def _serve_in_turn(self, rng: random.Random, served: _Day, opens: float, arrivals: list[tuple],
                       off: frozenset[int]) -> None:
        """In order of arrival: a booked client who asked for a barber waits for them, a walk-in who follows one waits
        for them if it is not much longer, anyone else takes the first free chair; a walk-in facing too long a wait
        leaves. A barber who is off that day (`off`) takes no one."""
        barbers, events = self.profile.barbers, served.events
        free_at = [math.inf if chair in off else opens for chair in range(len(barbers))]
        for arrival, customer, client, number, service_name, walk_in in sorted(arrivals, key=lambda a: a[:2]):
            chair = min(range(len(barbers)), key=free_at.__getitem__)
            own = None if client.barber in off else client.barber
            if own is not None and own != chair and (
                    not walk_in or max(arrival, free_at[own]) - max(arrival, free_at[chair]) <= PREFERENCE_WAIT):
                chair = own
            barber = barbers[chair]
            service = self.profile.service(service_name)
            start = max(arrival, free_at[chair])
            patience = rng.uniform(*WALK_IN_PATIENCE) * 60
            if walk_in and start - arrival > patience:
                events.append(WalkedOut(f'{customer}-wo', arrival + patience, customer))
                continue
            end = start + service.minutes * 60 * self.speed[chair] * min(1.5, max(0.7, rng.gauss(1.0, 0.12)))
            free_at[chair] = end + CLEANUP_SECONDS
            if number < len(client.gaps) and (client.rebooker or self.behaviour is not None):  # may rebook next time
                served.done[client.visit(number)] = (end, chair)
            tip = round(service.price * rng.choice((0.1, 0.15, 0.2, 0.25))) if rng.random() < TIP_SHARE else 0.0
            retail = rng.choice(RETAIL_PRICES) if rng.random() < self._retail else 0.0
            events.append(ServiceStarted(f'{customer}-st', start, customer, barber, service_name))
            events.append(ServiceCompleted(f'{customer}-dn', end, customer, barber, service_name,
                                           float(service.price), float(tip), retail))
            if rng.random() < REVIEW_SHARE:
                wait_minutes = (start - arrival) / 60
                stars = min(5, max(1, round(5 - wait_minutes / 15 + rng.gauss(0, 0.7))))
                events.append(Reviewed(f'{customer}-rv', end + rng.uniform(600, 3 * 3600), customer, barber, stars,
                                       rng.choice(REVIEW_TEXTS[stars])))


class SimulatedFeed:
    """Releases the simulation's events as the clock passes them, generating days ahead of time.

    A day is generated LOOKAHEAD_DAYS ahead (its bookings are made weeks before it), but its events are held as Event
    objects only from the local day they are released on: until then they wait packed (packed.py), by that day."""

    def __init__(self, simulation: Simulation, start: float) -> None:
        self.simulation = simulation
        self._next_day = simulation.profile.local(start).date()
        self._heap: list[tuple[float, str, Event]] = []  # the events of the days opened, not yet released
        self._later: dict[int, bytes] = {}  # local day (ordinal) -> its events, packed, until it is opened
        self._opened = 0  # the last day (ordinal) whose events are in the heap
        self._strings: dict[str, str] = {}  # names, services, barbers and texts of the events unpacked: one of each
        self._tomorrow = -math.inf  # when the local day after the last opened begins: due() opens days only then

    def due(self, now: float) -> list[Event]:
        if now >= self._tomorrow:  # a new local day (or the first call): its events opened, another day simulated
            self._open(now)
        released = []
        while self._heap and self._heap[0][0] <= now:
            released.append(heapq.heappop(self._heap)[2])
        return released

    def _open(self, now: float) -> None:
        profile = self.simulation.profile
        today = profile.local(now).date()
        while self._opened < today.toordinal():
            self._opened = max(self._opened + 1, min((*self._later, today.toordinal())))
            if self._opened in self._later:
                self._push(unpack(self._later.pop(self._opened), self._strings))
        horizon = today + timedelta(days=LOOKAHEAD_DAYS)
        while self._next_day <= horizon:
            self._hold(self.simulation.events_for_day(self._next_day))
            self._next_day += timedelta(days=1)
        self._tomorrow = profile.instant(today + timedelta(days=1), time())

    def _hold(self, events: list[Event]) -> None:
        """A day's events (in time order) by the local day they are released on: packed unless that day is open."""
        profile = self.simulation.profile
        i = 0
        while i < len(events):
            day = profile.local(events[i].at).date()
            end = profile.instant(day + timedelta(days=1), time())
            j = i + 1
            while j < len(events) and events[j].at < end:
                j += 1
            if day.toordinal() <= self._opened:
                self._push(events[i:j])
            else:
                self._later[day.toordinal()] = pack(events[i:j], self._later.get(day.toordinal(), b''))
            i = j

    def _push(self, events: list[Event]) -> None:
        for event in events:
            heapq.heappush(self._heap, (event.at, event.id, event))
