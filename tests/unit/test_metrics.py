"""The engine's incremental figures against a recomputation from scratch over the same event log."""
from datetime import datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import CheckedIn, ShopEngine, SimClock, demo_profile
from engine.series import Series

from .reference import client_kpis, day_figures, kpis, live_figures

MONTH = 30 * 86400


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


def _assert_day(figures, expected: dict) -> None:
    for name, value in expected.items():
        actual = getattr(figures, name)
        assert actual == value if name == 'services' else _close(actual, value), name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), zone=st.sampled_from(['America/New_York', 'Europe/Berlin', 'Asia/Kolkata']),
       offsets=st.lists(st.floats(0, MONTH), min_size=3, max_size=8))
def test_every_figure_equals_a_recomputation_from_the_event_log(seed, zone, offsets):
    profile = demo_profile(zone)
    start = datetime(2026, 3, 1, tzinfo=profile.tz).timestamp()  # the month holds a daylight-saving change
    clock = SimClock(start=start, speed=0)
    engine = ShopEngine.simulated(profile, clock, seed, history_days=8)
    log = []
    engine.listeners.append(log.append)
    for offset in sorted(offsets):
        clock.advance(start + offset - clock.now())
        engine.advance()
        snapshot = engine.snapshot()
        now = snapshot.at
        at = now if snapshot.day_is_today else datetime.combine(snapshot.day, time.max, profile.tz).timestamp()
        _assert_day(snapshot.today, day_figures(profile, log, snapshot.day, at))
        _assert_day(snapshot.so_far_today, day_figures(profile, log, profile.local(now).date(), now))
        week_before = snapshot.day - timedelta(days=7)
        local = profile.local(at)
        at_before = datetime.combine(week_before, local.time(), profile.tz).timestamp()
        _assert_day(snapshot.last_week, day_figures(profile, log, week_before, at_before))
        live = live_figures(profile, log, now)
        assert snapshot.customers_in_shop == live['customers_in_shop']
        assert snapshot.waiting == live['waiting']
        assert _close(snapshot.avg_wait_minutes, live['avg_wait_minutes'])
        assert sorted(c.barber for c in snapshot.chairs if c.customer) == live['busy_barbers']
        assert list(snapshot.queue) == live['queue']
        assert [(a.at, a.name) for a in snapshot.next_appointments] == live['next_appointments']
        assert _close(snapshot.rating, live['rating'])
        for computed, days in ((snapshot.kpis_day, 1), (snapshot.kpis_month, 30)):
            expected = kpis(profile, log, snapshot.day, days, at)
            for name in ('average_ticket', 'retail_attachment', 'no_show_rate', 'late_cancel_rate', 'walk_in_share',
                         'walk_ins_lost'):
                assert _close(getattr(computed, name), expected[name]), (name, days)
            assert {row.barber: pytest.approx(row.revenue) for row in computed.barbers} == expected['barber_revenue']
            _assert_clients(computed, client_kpis(profile, log, snapshot.day, days, at), days)
        arrived = [profile.local(e.at) for e in log if isinstance(e, CheckedIn) and e.at <= at]
        assert list(snapshot.arrivals) == [sum(t.date() == snapshot.day and t.hour == h for t in arrived)
                                           for h in snapshot.hours]
        hourly = dict(zip(snapshot.hours, snapshot.hourly_revenue, strict=True))
        assert sum(hourly.values()) == pytest.approx(snapshot.today.revenue)


def _assert_clients(computed, expected: dict, days: int) -> None:
    for name in ('rebooking_rate', 'new_clients', 'returning_clients', 'retention_30', 'retention_60', 'retention_90'):
        assert _close(getattr(computed, name), expected[name]), (name, days)
    rebooking = {row.barber: row.rebooking_rate for row in computed.barbers}
    assert rebooking.keys() == expected['barber_rebooking'].keys()
    assert all(_close(rebooking[b], expected['barber_rebooking'][b]) for b in rebooking), days


@pytest.mark.parametrize('seed', [3, 7])
def test_client_figures_over_months_equal_a_recomputation(seed):
    """Long enough a history for retention over 90 days, read at instants of an open day, a closed night and after."""
    profile = demo_profile('Europe/Berlin')
    start = datetime(2026, 6, 1, 9, 40, tzinfo=profile.tz).timestamp()
    clock = SimClock(start=start, speed=0)
    engine = ShopEngine.simulated(profile, clock, seed, history_days=130)
    log = []
    engine.listeners.append(log.append)
    for offset in (0, 4.4 * 3600, 14 * 3600, 3 * 86400 + 11 * 3600):
        clock.advance(start + offset - clock.now())
        engine.advance()
        snapshot = engine.snapshot()
        at = snapshot.at if snapshot.day_is_today else \
            datetime.combine(snapshot.day, time.max, profile.tz).timestamp()
        for computed, days in ((snapshot.kpis_day, 1), (snapshot.kpis_month, 30)):
            expected = client_kpis(profile, log, snapshot.day, days, at)
            _assert_clients(computed, expected, days)
        month = snapshot.kpis_month
        assert all(value is not None for value in (month.rebooking_rate, month.retention_30, month.retention_90))
        assert month.new_clients > 0 and month.returning_clients > month.new_clients


def test_revenue_agrees_with_the_hourly_chart_and_trend():
    profile = demo_profile('UTC')
    clock = SimClock(start=datetime(2026, 3, 11, 15, tzinfo=profile.tz).timestamp(), speed=0)  # a Wednesday
    engine = ShopEngine.simulated(profile, clock, 7, history_days=10)
    engine.advance()
    snapshot = engine.snapshot()
    assert snapshot.is_open and snapshot.day_is_today
    assert sum(snapshot.hourly_revenue) == pytest.approx(snapshot.today.revenue)
    expected = (snapshot.today.revenue - snapshot.last_week.revenue) / snapshot.last_week.revenue * 100
    assert snapshot.trend('revenue') == pytest.approx(expected)


def test_before_opening_the_last_open_day_is_shown_in_full():
    profile = demo_profile('UTC')
    clock = SimClock(start=datetime(2026, 3, 12, 6, tzinfo=profile.tz).timestamp(), speed=0)  # Thursday 06:00
    engine = ShopEngine.simulated(profile, clock, 7, history_days=10)
    engine.advance()
    snapshot = engine.snapshot()
    assert not snapshot.is_open and not snapshot.day_is_today
    assert snapshot.day == datetime(2026, 3, 11).date()
    assert snapshot.status == 'Closed · opens today 09:00'
    assert snapshot.today.revenue > 0 and snapshot.today.utilization > 0
    assert snapshot.so_far_today.revenue == 0 and snapshot.so_far_today.bookings > 0  # the TV's: booked, not yet taken


def test_a_late_event_still_counts_at_its_own_time():
    series = Series()
    for at, amount in [(10, 1), (30, 2), (20, 4)]:
        series.add(at, amount)
    assert [series.at(t) for t in (5, 10, 20, 29, 30)] == [0, 1, 5, 5, 7]
