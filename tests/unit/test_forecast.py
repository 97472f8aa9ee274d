"""The forecast (engine/forecast): what an owner relies on, on the demo shop and on hand-made histories."""
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache

import numpy as np
import pytest

from engine import Booked, CheckedIn, ServiceCompleted, ServiceStarted, ShopEngine, SimClock, demo_profile
from engine.analytics import period_for
from engine.forecast import MAX_DAYS, forecast, forecast_period
from engine.forecast.steps import latest_step
from engine.profile import ShopProfile

from .test_analytics import handmade_profile

TUESDAY = datetime(2026, 11, 24, 13, 30)  # open; Thanksgiving is on the Thursday after


@cache
def demo(hour: int = 13) -> ShopEngine:
    profile = demo_profile('America/New_York')
    now = TUESDAY.replace(hour=hour, tzinfo=profile.tz).timestamp()
    engine = ShopEngine.simulated(profile, SimClock(start=now, speed=0), seed=7, history_days=120)
    engine.advance()
    return engine


def test_each_day_ahead_has_an_expected_figure_inside_its_interval_and_today_adds_the_rest_to_what_was_taken():
    engine = demo()
    result = forecast(engine.analytics, engine.clock.now(), 14)
    assert [d.day for d in result.days] == [date(2026, 11, 24) + timedelta(n) for n in range(14)]
    for day in result.days:
        for figure in (day.revenue, day.visits):
            assert 0 < figure.low < figure.expected < figure.high
        assert 1000 < day.revenue.expected < 2500 and 25 < day.visits.expected < 70  # the demo's days
    today = result.today
    assert 0 < today.taken_revenue < today.revenue.low  # the afternoon is still to come
    assert today.taken_revenue == engine.analytics.report(period_for('today', today.day),
                                                          now=engine.clock.now()).figures['revenue']
    hours = dict(result.hours)
    assert min(hours) <= 9 and max(hours) >= 19
    assert sum(hours.values()) == pytest.approx(today.revenue.expected, abs=0.5)


def test_the_book_moves_the_day_it_is_for():
    engine = demo()
    now = engine.clock.now()
    before = forecast(engine.analytics, now, 7)
    thursday = before.days[2].day
    busy = ShopEngine.simulated(engine.profile, SimClock(start=now, speed=0), seed=7, history_days=120)
    busy.advance()
    slot = engine.profile.instant(thursday, datetime.min.time().replace(hour=15))
    busy.apply_all([Booked(f'extra-{n}', now - 60, f'extra-{n}', 'Guest', 'Haircut', None, slot + 900 * (n % 8))
                    for n in range(12)])
    after = forecast(busy.analytics, now, 7)
    assert after.days[2].booked == before.days[2].booked + 12
    assert after.days[2].revenue.expected > before.days[2].revenue.expected + 12 * 10  # each booking worth something
    assert after.days[2].visits.expected > before.days[2].visits.expected + 12 * 0.3
    assert [d.revenue for i, d in enumerate(after.days) if i != 2] == \
        [d.revenue for i, d in enumerate(before.days) if i != 2]


def test_after_closing_today_is_what_was_taken_and_closed_days_are_zero():
    engine = demo(23)
    today = forecast(engine.analytics, engine.clock.now(), 1).today
    assert today.revenue.expected == pytest.approx(today.taken_revenue, abs=1.0)
    assert today.revenue.high - today.revenue.low < 0.02 * today.taken_revenue

    profile = handmade_profile()  # closed on Sundays
    now = TUESDAY.replace(tzinfo=profile.tz).timestamp()
    shop = ShopEngine.simulated(profile, SimClock(start=now, speed=0), seed=3, history_days=100)
    shop.advance()
    days = forecast(shop.analytics, now, 7).days
    sunday = next(d for d in days if d.day.weekday() == 6)
    assert not sunday.is_open and (sunday.revenue.expected, sunday.revenue.high, sunday.visits.high) == (0, 0, 0)
    assert all(d.revenue.expected > 0 for d in days if d.day.weekday() != 6)


def test_a_period_is_what_its_days_took_plus_the_forecast_of_the_rest_the_same_numbers_as_reports():
    engine = demo()
    now = engine.clock.now()
    month = forecast_period(engine.analytics, now, 'this_month')
    report = engine.analytics.report(period_for('this_month', month.forecast.today.day), now=now)
    assert month.taken_revenue == pytest.approx(report.figures['revenue'])
    assert month.taken_visits == report.figures['visits']
    rest = sum(d.revenue.expected for d in month.forecast.days) - month.forecast.today.taken_revenue
    assert month.revenue.expected == pytest.approx(month.taken_revenue + rest)
    assert month.forecast.days[-1].day == date(2026, 11, 30)
    assert month.revenue.low < month.revenue.expected < month.revenue.high
    week = forecast_period(engine.analytics, now, 'this_week')
    assert week.period.start == date(2026, 11, 23) and len(week.forecast.days) == 6
    with pytest.raises(ValueError, match='this_month'):
        forecast_period(engine.analytics, now, 'next_year')
    for days in (0, MAX_DAYS + 1):
        with pytest.raises(ValueError, match='days'):
            forecast(engine.analytics, now, days)


def _walk_ins(profile: ShopProfile, first: date, last: date, closed: set[date]) -> list:
    """About 30 walk-in haircuts each open day the shop did not close."""
    rng, events, day = random.Random(2), [], first
    while day <= last:
        span = profile.open_span(day)
        for i in range(0 if day in closed or span is None else 28 + rng.randint(-3, 3)):
            at, n, barber = span[0] + i * 1200, f'{day}-{i}', profile.barbers[i % 4]
            events += [CheckedIn(f'{n}-in', at, n, 'Guest', True), ServiceStarted(f'{n}-st', at + 60, n, barber,
                                                                                  'Haircut'),
                       ServiceCompleted(f'{n}-dn', at + 1800, n, barber, 'Haircut', 35.0, 0.0, 0.0)]
        day += timedelta(1)
    return events


def test_a_public_holiday_the_shop_closed_before_is_forecast_closed_where_its_country_is_known():
    us = replace(demo_profile('America/New_York'), country='US')
    now = TUESDAY.replace(tzinfo=us.tz).timestamp()
    holidays = {date(2026, 5, 25), date(2026, 7, 3), date(2026, 9, 7), date(2026, 10, 12), date(2026, 11, 11)}
    events = _walk_ins(us, date(2026, 5, 1), date(2026, 11, 23), holidays)  # closed on the holidays, as observed
    results = {}
    for profile in (us, replace(us, country=None)):
        engine = ShopEngine(profile, SimClock(start=now, speed=0))
        engine.apply_all(events)
        results[profile.country] = forecast(engine.analytics, now, 7).days[2]  # Thanksgiving
    assert results['US'].holiday == 'Thanksgiving Day' and results['US'].revenue.expected < 50
    assert results[None].holiday is None and results[None].revenue.expected > 800


@pytest.mark.parametrize('seed', range(6))
def test_a_step_is_found_where_the_level_changed_and_none_in_noise(seed: int):
    rng = np.random.default_rng(seed)
    weekdays = np.arange(180) % 7
    shape = np.array([1.0, 0.95, 1.0, 1.05, 1.1, 1.25, 0.9])[weekdays]
    noise = 1 + 0.12 * rng.standard_normal(180)
    assert latest_step(1500 * shape * noise, weekdays) is None
    stepped = 1500 * shape * noise * np.where(np.arange(180) >= 150, 1.3, 1.0)
    assert abs(latest_step(stepped, weekdays) - 150) <= 3
    twice = stepped * np.where(np.arange(180) >= 60, 0.7, 1.0)
    assert abs(latest_step(twice, weekdays) - 150) <= 3  # the latest of two


def test_a_shops_country_is_kept_with_its_profile_and_an_unknown_one_is_refused():
    profile = replace(demo_profile(), country='GB')
    assert ShopProfile.from_dict('s', 'S', 'UTC', profile.to_dict()).country == 'GB'
    assert 'country' not in demo_profile().to_dict()  # none given: the stored profile is as it was
    with pytest.raises(ValueError, match='two-letter ISO code'):
        replace(demo_profile(), country='Narnia')
