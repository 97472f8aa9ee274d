"""A watched shop is snapshotted every second, and what no event has changed since is reused (a period's sums in
kpis.py, the expected arrivals in peaks.py, the bookings in time order in floor.py): what it shows must be what an
engine asked for the first time shows."""
from datetime import UTC, datetime

from engine import ShopEngine, SimClock, demo_profile, state
from engine.events import CheckedIn, ServiceCompleted, ServiceStarted

OPENING = datetime(2026, 11, 20, 8, 50, tzinfo=UTC).timestamp()  # a Friday, ten minutes before the shop opens


def test_a_shop_snapshotted_every_second_shows_what_a_shop_asked_once_shows():
    clock = SimClock(OPENING, 0)
    engine = ShopEngine.simulated(demo_profile(), clock, seed=5, history_days=60)
    engine.advance()
    for step in range(12):  # two hours, a snapshot a second as for an open page
        if step == 6:  # a visit of a week ago posted late: last week's arrivals and the month's figures change
            week_ago = clock.now() - 7 * 86400
            engine.apply_all([CheckedIn('late-in', week_ago, 'late', 'Lee', walk_in=True),
                              ServiceStarted('late-st', week_ago + 60, 'late', 'Marco', 'Haircut'),
                              ServiceCompleted('late-dn', week_ago + 1860, 'late', 'Marco', 'Haircut', 30.0, 5.0, 0.0)])
        for _ in range(600):
            clock.advance(1)
            engine.advance()
            shown = engine.snapshot()
        asked_once = ShopEngine.simulated(demo_profile(), SimClock(clock.now(), 0), seed=5, history_days=60)
        state.load_into(asked_once, state.dump(engine))
        first = asked_once.snapshot()
        assert (shown.today, shown.kpis_day, shown.kpis_month) == (first.today, first.kpis_day, first.kpis_month)
        assert (shown.expected_arrivals, shown.is_peak) == (first.expected_arrivals, first.is_peak)
        assert shown.next_appointments == first.next_appointments and shown.next_appointments
