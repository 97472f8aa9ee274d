import json
from datetime import date, datetime, timedelta

from engine import Booked, CheckedIn, ServiceStarted, ShopEngine, SimClock, Simulation, WalkedOut, demo_profile

START = date(2026, 3, 2)  # a Monday


def _events_json(seed: int, days: int = 14) -> str:
    clock = SimClock(start=demo_profile().instant(START, demo_profile().hours[0].opens), speed=0)
    engine = ShopEngine.simulated(demo_profile(), clock, seed, history_days=days)
    log = []
    engine.listeners.append(log.append)
    engine.advance()
    return json.dumps([e.to_dict() for e in log])


def test_same_seed_and_clock_give_the_same_events_byte_for_byte():
    assert _events_json(7) == _events_json(7)


def test_different_seeds_give_different_events():
    assert _events_json(7) != _events_json(8)


def test_a_day_is_the_same_whenever_the_history_starts():
    simulation = Simulation(demo_profile(), seed=3)
    day = START + timedelta(days=20)
    assert simulation.events_for_day(day) == Simulation(demo_profile(), seed=3).events_for_day(day)


def _arrivals_by_weekday_and_hour(days: int = 280) -> dict[tuple[bool, int], list[int]]:
    """Visits that were meant to happen (bookings and walk-ins), by (weekend, local hour), one count per day."""
    profile = demo_profile()
    simulation = Simulation(profile, seed=11)
    counts: dict[tuple[bool, int], list[int]] = {}
    for offset in range(days):
        day = START + timedelta(days=offset)
        per_hour = dict.fromkeys(range(24), 0)
        for event in simulation.events_for_day(day):
            if isinstance(event, Booked):
                per_hour[profile.local(event.appointment_at).hour] += 1
            elif isinstance(event, CheckedIn) and event.walk_in:
                per_hour[profile.local(event.at).hour] += 1
        for hour in range(10, 19):  # open every day of the week
            counts.setdefault((day.weekday() >= 5, hour), []).append(per_hour[hour])
    return counts


def test_peak_hours_and_weekends_carry_the_extra_demand():
    counts = _arrivals_by_weekday_and_hour()
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    weekday_peak = mean([n for h in (10, 11, 12, 13, 17, 18) for n in counts[(False, h)]])
    weekday_quiet = mean([n for h in (14, 15, 16) for n in counts[(False, h)]])
    weekend_all = mean([n for h in range(10, 18) for n in counts[(True, h)]])  # weekends close at 19:00
    weekday_all = mean([n for h in range(10, 18) for n in counts[(False, h)]])
    assert 2.8 < weekday_quiet < 3.2  # BASE_ARRIVALS_PER_HOUR = 3
    assert 1.58 < weekday_peak / weekday_quiet < 1.82  # PEAK_FACTOR = 1.7
    assert 1.22 < weekend_all / weekday_all < 1.38  # WEEKEND_FACTOR = 1.3


def test_a_walk_in_waits_for_everyone_already_waiting():
    from engine.floor import walk_in_wait
    profile = demo_profile()
    typical = sum(s.minutes * s.weight for s in profile.services) / sum(s.weight for s in profile.services)
    assert walk_in_wait(profile, 0, [10, 0, 20, 5], waiting=0) == 0
    assert walk_in_wait(profile, 0, [10, 0, 20, 5], waiting=2) == 10  # the two waiting take chairs free at 0 and 5
    assert walk_in_wait(profile, 0, [1, 1, 1, 1], waiting=4) == 1 + typical


def test_some_walk_ins_leave_when_the_wait_is_too_long_and_nobody_else_does():
    simulation = Simulation(demo_profile(), seed=5)
    walk_ins, left, booked_left = 0, 0, 0
    for offset in range(120):
        events = simulation.events_for_day(START + timedelta(days=offset))
        walked_in = {e.customer for e in events if isinstance(e, CheckedIn) and e.walk_in}
        gone = [e for e in events if isinstance(e, WalkedOut)]
        walk_ins += len(walked_in)
        left += len(gone)
        booked_left += sum(e.customer not in walked_in for e in gone)
        served = {e.customer for e in events if isinstance(e, ServiceStarted)}
        assert not served & {e.customer for e in gone}
    assert booked_left == 0
    assert 0.005 < left / walk_ins < 0.15  # a few percent at this shop's busiest hours


def test_the_peak_detector_finds_the_seeds_pattern_from_the_shops_own_weeks():
    profile = demo_profile('UTC')
    clock = SimClock(start=datetime(2026, 11, 25, 6, tzinfo=profile.tz).timestamp(), speed=0)
    engine = ShopEngine.simulated(profile, clock, 7, history_days=120)
    engine.advance()
    right = total = flagged = truly = 0
    for n in range(56):
        day = profile.local(clock.now()).date() - timedelta(days=n)
        learned = engine.peaks.peak_hours(day)
        hours = profile.hours[day.weekday()]
        for hour in range(hours.opens.hour, hours.closes.hour):
            total += 1
            right += (hour in learned) == profile.is_peak(hour)
            flagged += hour in learned
            truly += hour in learned and profile.is_peak(hour)
    assert right / total > 0.8  # measured 0.89 with 8 weeks of the demo's Poisson arrivals
    assert truly / flagged > 0.85  # measured 0.95: what it calls a peak is one
