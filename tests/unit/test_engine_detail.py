"""A shop's engine keeps detail within the day for the last days only, and the simulated weeks ahead packed: after a
year of history, what it holds of each kind stays what a few weeks need (bench/engine_memory.py has the bytes)."""
import gc
import types
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from engine import ShopEngine, SimClock, demo_profile, state
from engine.events import ServiceCompleted, ServiceStarted
from engine.metrics import DETAIL_DAYS
from engine.peaks import WEEKS

NOW = datetime(2026, 11, 20, 10, 17, tzinfo=UTC).timestamp()  # a Friday morning, shop open


def test_after_a_year_only_the_last_days_keep_their_running_totals_through_the_day():
    engine = ShopEngine.simulated(demo_profile(), SimClock(NOW, 0), seed=3, history_days=365)
    engine.advance()
    today = engine.profile.local(NOW).date()
    past = {day: tally for day, tally in engine.metrics.days.items() if day < today}
    assert len(past) > 300  # a year of days, each still answering at its closing and end (test_engine_state.py)
    detailed = [day for day, tally in past.items() if tally.hourly_revenue is not None]
    assert detailed and min(detailed) >= today - timedelta(days=DETAIL_DAYS)
    points = [len(series.times) for day, tally in past.items() if day not in detailed
              for series in (tally.revenue, tally.starts, tally.bookings, *tally.services.values())]
    assert max(points) <= 3  # closing, end of day, and the last change after them
    assert min(engine.peaks.arrivals) >= today - timedelta(weeks=WEEKS + 2)  # what the expected arrivals read


def test_the_weeks_simulated_ahead_wait_packed_until_their_day():
    engine = ShopEngine.simulated(demo_profile(), SimClock(NOW, 0), seed=3, history_days=365)
    engine.advance()
    today = engine.profile.local(NOW).date()
    held = {engine.profile.local(at).date() for at, _, _ in engine.feed._heap}
    assert held and max(held) <= today  # as Event objects: today's rest only
    assert min(engine.feed._later) > today.toordinal() and len(engine.feed._later) > 40  # the weeks ahead, packed


def test_the_days_ahead_keep_their_bookings_and_no_money():
    """A day ahead counts bookings; its amounts (money, seconds) take no room until it has any."""
    engine = ShopEngine.simulated(demo_profile(), SimClock(NOW, 0), seed=3, history_days=30)
    engine.advance()
    today = engine.profile.local(NOW).date()
    ahead = {day: row for day, row in engine.analytics.days.items() if day > today}
    assert len(ahead) > 20 and all(row.counts for row in ahead.values())
    assert not any(row.amounts for row in ahead.values())
    served = [row for day, row in engine.analytics.days.items()
              if today - timedelta(days=30) <= day < today and day.weekday() in engine.profile.hours]
    assert len(served) > 20 and all(row.amounts for row in served)


def test_after_a_year_the_engine_keeps_no_object_for_each_client_seen_or_note_raised():
    """What grows with the history is kept as arrays and bytes (bench/engine_memory.py has the bytes): no string for
    each client ever seen or notification ever raised, no float object for each point of the running totals, no
    Client object for each client with a visit still to come."""
    engine = ShopEngine.simulated(demo_profile(), SimClock(NOW, 0), seed=3, history_days=365)
    engine.advance()
    held = _reachable(engine)
    assert held['Client'] == 0  # was 1,852
    assert held['str'] < 3000  # was 8,175
    assert held['float'] < 8000  # was 19,996
    assert held['tuple'] < 4000  # was 13,710


def test_an_engine_loaded_from_its_state_holds_no_more_than_the_one_replayed():
    """A restart loads every shop from its stored state: one object for each text, instant and booking that the parts
    share, and a settled day's series sharing their times, as in the engine the state was taken from."""
    replayed = ShopEngine.simulated(demo_profile(), SimClock(NOW, 0), seed=3, history_days=120)
    replayed.advance()
    loaded = ShopEngine.simulated(demo_profile(), SimClock(NOW, 0), seed=3, history_days=120)
    state.load_into(loaded, state.dump(replayed))
    loaded.advance()
    before, after = _reachable(replayed), _reachable(loaded)
    assert after['Booked'] == before['Booked']  # was twice as many
    assert after['str'] <= 1.05 * before['str']  # was 3.3x
    assert after.total() <= 1.05 * before.total()  # was 1.4x


def _reachable(root: object) -> Counter[str]:
    """Objects reachable from `root` by type name (modules, classes and functions left out)."""
    seen, stack, count = set(), [root], Counter()
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType,
                                                 types.MethodType)):
            continue
        seen.add(id(item))
        count[type(item).__name__] += 1
        stack.extend(gc.get_referents(item))
    return count


def test_a_late_event_for_a_settled_day_still_counts_in_that_day():
    """A shop posting a visit weeks late: the day shows it, whole-day figures and utilization at closing alike."""
    profile = demo_profile()
    engine = ShopEngine(profile, SimClock(NOW, 0))
    day = profile.local(NOW).date() - timedelta(days=DETAIL_DAYS + 10)

    def visit(customer: str, hour: int) -> list:
        start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC).timestamp()
        return [ServiceStarted(f'{customer}-st', start, customer, 'Marco', 'Haircut'),
                ServiceCompleted(f'{customer}-dn', start + 1800, customer, 'Marco', 'Haircut', 30.0, 5.0, 0.0)]

    engine.apply_all(visit('a', 10))
    engine.apply_all([ServiceStarted('today-st', NOW - 60, 'today', 'Dee', 'Haircut')])  # a new day: `day` settles
    assert engine.metrics.days[day].hourly_revenue is None
    end = datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC).timestamp()
    before = engine.metrics.figures(day, end)
    engine.apply_all(visit('b', 11))
    after = engine.metrics.figures(day, end)
    assert (before.revenue, after.revenue) == (30.0, 60.0) and after.services == {'Haircut': 2}
    assert after.utilization == pytest.approx(2 * before.utilization)
