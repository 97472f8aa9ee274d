"""The demo shop's clients: who joins on which day, and on which days each comes back, until they lapse.

Each open day's new clients, and each one's whole future, come from the seed and that day alone, so the clients due
on a day are the same whichever day a history starts from (a day depends on the LIFETIME days before it).
"""
import math
import random
import sys
from array import array
from bisect import bisect
from dataclasses import dataclass
from datetime import date
from itertools import accumulate, pairwise
from string import ascii_uppercase

FIRST_RETURN = 0.5  # first-time clients who ever come back
STAY = 0.85  # a returning client's chance of coming again after each later visit
MAX_VISITS = 12  # a client's visits are capped, so a day depends on a bounded past (about a year and a half)
RETURN_DAYS = (21, 42)  # each client's own mean interval between visits, days (drawn uniformly)
INTERVAL_SPREAD = 0.25  # each interval within ±25% of the client's mean, then moved to a likely weekday nearby
FOLLOWER_SHARE = 0.55  # clients who ask for one barber; the rest take whoever is free
REBOOKER_SHARE = 0.6  # clients in the habit of booking their next visit at checkout

MAX_GAP = math.ceil(RETURN_DAYS[1] * (1 + INTERVAL_SPREAD)) + 3  # days between two visits of a client, at most
LIFETIME = (MAX_VISITS - 1) * MAX_GAP  # days from a client's first visit to their last, at most
VISITS_PER_CLIENT = 1 + FIRST_RETURN * (1 - STAY ** (MAX_VISITS - 1)) / (1 - STAY)  # expected, about 3.8
# so an open day's new clients are Poisson with mean (its expected visits / VISITS_PER_CLIENT), about 12 on a weekday,
# and the visits of a day (new clients and those coming back) add up to the demand pattern

FIRST_NAMES = ('James', 'Malik', 'Carlos', 'Noah', 'Ethan', 'Jamal', 'Omar', 'Liam', 'Andre', 'Theo', 'Marcus',
               'Diego', 'Kwame', 'Ryan', 'Hassan', 'Tyler', 'Mateo', 'Isaac', 'Jordan', 'Leo', 'Darnell', 'Sean')


@dataclass(frozen=True, slots=True)
class Client:
    """A client as a day's simulation meets them (made from the Clientele's record when due): a shared name, the visits
    as day gaps (bytes), the id made when asked."""
    joined: int  # the day of the first visit (a date ordinal)
    number: int  # among that day's new clients, from 1
    name: str
    barber: int | None  # the barber they follow (an index into the profile's barbers); None: anyone
    rebooker: bool
    gaps: bytes  # days from each visit to the next (each at most MAX_GAP)

    @property
    def id(self) -> str:
        return f'c{date.fromordinal(self.joined):%Y%m%d}-{self.number:02d}'

    def visit(self, number: int) -> int:
        """The client's visit `number` as one int (not a tuple and an id string): a key kept for weeks."""
        return (self.joined << 16 | self.number) * MAX_VISITS + number

    @property
    def days(self) -> tuple[int, ...]:
        """Every visit, as date ordinals; the first is the day they joined."""
        return tuple(accumulate(self.gaps, initial=self.joined))


class Clientele:
    """The clients of the days expanded, each kept as a few bytes (see `_client`) while a visit of theirs is held, and
    made a Client when due: a Client object and its gaps would take three times the bytes, for weeks."""

    def __init__(self, seed: int, expected: list[float], following: list[float]) -> None:
        """`expected`: the visits of an open day by weekday (0: closed); `following`: each barber's share of the
        followers, relative."""
        self.seed = seed
        self._expected = expected
        self._following = list(accumulate(following))
        self._nearby = [list(accumulate(expected[(first + n) % 7] for n in range(7))) for first in range(7)]
        self._joined: dict[int, tuple[bytes, ...]] = {}  # join day -> its new clients' records, in their order
        self._visits: dict[int, bytes] = {}  # day -> the clients due, each as (days since it joined) << 16 | its index
        # (an array('I') as bytes: no room kept for more)
        self._expanded = (0, -1)  # the join days expanded so far, inclusive
        self._kept_from = 0  # visits of days before this one were let go (forget_before)

    def same_people(self, other: 'Clientele') -> bool:
        """Whether `other` draws the same clients: same seed and demand, and followings that differ at most by barbers
        added with no followers (never drawn)."""
        n = len(other._following)
        return (self.seed, self._expected) == (other.seed, other._expected) and self._following[:n] == \
            other._following and all(total == other._following[-1] for total in self._following[n:])

    def visits_on(self, ordinal: int) -> list[tuple[Client, int]]:
        """The clients due on a day, with the number of each one's visit (0: their first), in a fixed order."""
        if ordinal < self._kept_from:  # a day let go: the cache starts afresh (the same clients, made again)
            self._clear()
            self._expanded, self._kept_from = (0, -1), 0
        self.expand(ordinal - LIFETIME, ordinal)
        codes = array('I', self._visits.get(ordinal, b''))
        clients = [self._client(ordinal - (code >> 16), code & 0xFFFF) for code in codes]
        return sorted(((client, client.days.index(ordinal)) for client in clients), key=lambda visit: visit[0].id)

    def expand(self, first: int, last: int) -> None:
        """Make sure every client who joined from `first` to `last` is known; a far jump starts the cache afresh."""
        low, high = self._expanded
        if first > high + 1 or last < low - 1 or max(last, high) - min(first, low) > 2 * LIFETIME + 400:
            self._clear()
            low, high = first, first - 1
        for join in (*range(first, low), *range(high + 1, last + 1)):
            self._join(join)
        self._expanded = (min(first, low), max(last, high))

    def forget_before(self, ordinal: int) -> None:
        """Let go of the visits of the days before `ordinal`, and so of the clients not due again: a feed going forward
        asks for them no more (asked all the same, visits_on makes them again)."""
        for day in [day for day in self._visits if day < ordinal]:
            del self._visits[day]
        for day, records in list(self._joined.items()):  # a record not due again: the shared empty bytes
            kept = tuple(record if record and day + sum(record[4:]) >= ordinal else b'' for record in records)
            if any(kept):
                self._joined[day] = kept
            else:
                del self._joined[day]
        self._kept_from = max(self._kept_from, ordinal)

    def _join(self, ordinal: int) -> None:
        """The clients whose first visit is on this day, each with every visit they will make."""
        expected = self._expected[(ordinal - 1) % 7]
        if not expected:
            return
        day = date.fromordinal(ordinal)
        rng = random.Random(f'{self.seed}:clients:{day.isoformat()}')
        barbers = range(len(self._following))
        records = []
        for n in range(_poisson(rng, expected / VISITS_PER_CLIENT)):
            name = rng.choice(range(len(FIRST_NAMES))), rng.choice(range(len(ascii_uppercase)))  # as choice() draws
            follows = rng.random() < FOLLOWER_SHARE and len(barbers) > 0
            barber = rng.choices(barbers, cum_weights=self._following)[0] if follows else None
            rebooker = rng.random() < REBOOKER_SHARE
            mean = rng.uniform(*RETURN_DAYS)
            days = [ordinal]
            if rng.random() < FIRST_RETURN:
                while len(days) < MAX_VISITS:
                    target = days[-1] + round(mean * rng.uniform(1 - INTERVAL_SPREAD, 1 + INTERVAL_SPREAD))
                    days.append(self._nearby_open_day(target, rng))
                    if rng.random() >= STAY:
                        break
            records.append(bytes((*name, 0 if barber is None else barber + 1, rebooker,
                                  *(b - a for a, b in pairwise(days)))))
            for visit_day in days:
                code = array('I', [(visit_day - ordinal) << 16 | n]).tobytes()
                self._visits[visit_day] = self._visits.get(visit_day, b'') + code
        if records:
            self._joined[ordinal] = tuple(records)

    def _client(self, joined: int, index: int) -> Client:
        """A client from its record: first name and initial (indexes), barber + 1 (0: anyone), rebooker, gaps."""
        record = self._joined[joined][index]
        name = sys.intern(f'{FIRST_NAMES[record[0]]} {ascii_uppercase[record[1]]}.')
        return Client(joined, index + 1, name, record[2] - 1 if record[2] else None, bool(record[3]), record[4:])

    def _clear(self) -> None:
        self._visits.clear()
        self._joined.clear()

    def _nearby_open_day(self, target: int, rng: random.Random) -> int:
        """A day within 3 of `target`, as likely as its weekday is busy: keeps each weekday's share of the visits."""
        first = target - 3
        weights = self._nearby[(first - 1) % 7]
        return first + bisect(weights, rng.random() * weights[-1])


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the dozen or so new clients of a day."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
