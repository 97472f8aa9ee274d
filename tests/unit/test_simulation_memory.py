"""A demo shop lets go of what its simulation no longer needs (the events it handed out, the days and clients behind
it), and its events stay exactly those of a simulation that never let go of anything."""
from datetime import date, timedelta

from engine import demo_profile
from engine.simulation import LOOKAHEAD_DAYS, Simulation

START = date(2026, 7, 1)


def fresh(day: date) -> list:
    """The day as a new simulation makes it: nothing cached, nothing forgotten."""
    return Simulation(demo_profile(), seed=5).events_for_day(day)


def test_days_walked_in_order_keep_only_the_last_weeks_and_give_the_same_events_as_a_fresh_simulation():
    walked = Simulation(demo_profile(), seed=5)
    days = [START + timedelta(days=n) for n in range(200)]
    events = {day: walked.events_for_day(day) for day in days}
    assert len(walked._served) <= 2 * LOOKAHEAD_DAYS + 1  # not every day walked
    assert min(walked.clientele._visits) >= days[-1].toordinal() - 2 * LOOKAHEAD_DAYS  # nor its clients
    assert all(served.events is None for served in walked._served.values())  # the caller has those
    for day in (days[0], days[90], days[-1]):
        assert events[day] == fresh(day) and events[day]


def test_a_day_asked_again_after_it_was_let_go_is_made_again_the_same():
    walked = Simulation(demo_profile(), seed=5)
    first = walked.events_for_day(START)
    again_at_once = walked.events_for_day(START)
    for n in range(1, 200):
        walked.events_for_day(START + timedelta(days=n))
    assert first == again_at_once == walked.events_for_day(START) == fresh(START)
    assert walked.events_for_day(START + timedelta(days=100)) == fresh(START + timedelta(days=100))
