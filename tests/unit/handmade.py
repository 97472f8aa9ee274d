"""A real shop's events as its own systems would post them through the API: built by hand, not by the simulation.

Visits booked ahead (for any barber or a named one) or walked in; cancellations early and late, no-shows, walk-outs;
clients who come back and book their next visit at checkout; reviews hours later, some the next day; services that
run past closing. Posted late in places: a client's events (all of them, so each visit's stay in order) some hours
or a day after they happened, reviews up to two days after. With `odd`, also what a real feed has that the demo never
does: services started without a check-in, completed without a start, before opening, never completed; reviews and
no-shows of unknown visits; a cancellation of nothing.
"""
import random
from datetime import date, timedelta

from engine import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    ShopProfile,
    WalkedOut,
)


def handmade_log(seed: int, profile: ShopProfile, first: date, days: int, odd: bool = True) -> list[Event]:
    """The events of `days` days from `first`, in the order they were posted (not always the order they happened)."""
    rng = random.Random(seed)
    pool = [f'client-{n}' for n in range(70)]
    last_day: dict[str, date] = {}
    last_done: dict[str, float] = {}  # client -> when their latest visit was completed
    posted: list[tuple[float, str, Event]] = []
    delays = {client: rng.choice((0.0, 0.0, 0.0, 5 * 3600.0, 1.2 * 86400)) for client in pool}

    def post(event: Event, client: str | None, extra: float = 0.0) -> None:
        delay = delays[client] if client is not None else delays.setdefault(event.customer, rng.choice((0.0, 7200.0)))
        posted.append((event.at + delay + extra, event.id, event))

    for n in range(days):
        day = first + timedelta(n)
        span = profile.open_span(day)
        if span is None:
            continue
        for i in range(rng.randint(3, 11)):
            visit = f'{day:%Y%m%d}-{i:02d}'
            client = rng.choice(pool) if rng.random() < 0.8 else None
            if client is not None and client in last_day and (day - last_day[client]).days < 7:
                client = None
            service = rng.choice(profile.services)
            t = rng.uniform(span[0] - (1800 if odd else 0), span[1] - 1800)
            barber: str | None = None
            if rng.random() < 0.5:
                appointment = t - t % 900
                if client in last_done and rng.random() < 0.6 and last_done[client] < appointment - 86400:
                    made = last_done[client] + rng.uniform(-300, 2400)  # a rebooking up to 15 min after
                else:
                    made = appointment - rng.uniform(3600, 10 * 86400)
                barber = None if rng.random() < 0.3 else rng.choice(profile.barbers)
                booked_for = client if rng.random() < 0.9 else None
                post(Booked(f'{visit}-bk', made, visit, 'Guest', service.name, barber, appointment, booked_for), client)
                fate = rng.random()
                if fate < 0.1:
                    cancelled = rng.uniform(made, appointment - 60)
                    post(Cancelled(f'{visit}-cx', cancelled, visit), client)
                    continue
                if fate < 0.18:
                    post(NoShow(f'{visit}-ns', appointment + 900, visit), client)
                    continue
                arrival, walk_in = appointment + rng.uniform(-600, 600), False
            else:
                arrival, walk_in = t, True
            if not (odd and rng.random() < 0.05):
                said = client if walk_in or rng.random() < 0.5 else None
                post(CheckedIn(f'{visit}-in', arrival, visit, 'Guest', walk_in, said), client)
            if rng.random() < 0.07:
                post(WalkedOut(f'{visit}-wo', arrival + rng.uniform(600, 2400), visit), client)
                continue
            barber = barber or rng.choice(profile.barbers)
            start = arrival + rng.uniform(0, 2700)
            end = start + service.minutes * 60 * rng.uniform(0.8, 1.4)
            if not (odd and rng.random() < 0.03):
                post(ServiceStarted(f'{visit}-st', start, visit, barber, service.name), client)
            if odd and rng.random() < 0.02:
                continue  # the till never sent the completion: the chair counts as busy until closing
            tip = rng.choice((0.0, 0.0, 3.0, 5.0, 7.5))
            retail = rng.choice((0.0,) * 4 + (18.0,))
            post(ServiceCompleted(f'{visit}-dn', end, visit, barber, service.name, float(service.price), tip, retail),
                 client)
            if client is not None:
                last_day[client], last_done[client] = day, end
            if rng.random() < 0.3:
                review = Reviewed(f'{visit}-rv', end + rng.uniform(300, 20 * 3600), visit, barber,
                                  rng.randint(1, 5), 'Fine')
                post(review, client, extra=rng.uniform(0, 2 * 86400))
        if odd and rng.random() < 0.3:
            at = rng.uniform(*span)
            post(Reviewed(f'{day}-stray-rv', at, f'{day}-stray', rng.choice(profile.barbers), 4, 'Old visit'), None)
            post(NoShow(f'{day}-stray-ns', at, f'{day}-unbooked'), None)
            post(Cancelled(f'{day}-stray-cx', at, f'{day}-nothing'), None)
    return [event for _, _, event in sorted(posted, key=lambda p: (p[0], p[1]))]
