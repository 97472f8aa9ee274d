"""Periods as owners name them, what each is compared with; events that arrive late or out of order; a day with more
check-ins than its counters first hold."""
from datetime import date, datetime, time

import pytest

from engine import (
    Booked,
    CheckedIn,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    ShopEngine,
    ShopProfile,
    SimClock,
    demo_profile,
)
from engine.analytics import PRESETS, Analytics, Period, codec, period_for
from engine.analytics.hours import by_hour

WEDNESDAY = date(2026, 3, 18)


@pytest.mark.parametrize(('preset', 'start', 'end'), [
    ('today', date(2026, 3, 18), date(2026, 3, 18)),
    ('yesterday', date(2026, 3, 17), date(2026, 3, 17)),
    ('this_week', date(2026, 3, 16), date(2026, 3, 22)),
    ('last_week', date(2026, 3, 9), date(2026, 3, 15)),
    ('this_month', date(2026, 3, 1), date(2026, 3, 31)),
    ('last_month', date(2026, 2, 1), date(2026, 2, 28)),
    ('this_quarter', date(2026, 1, 1), date(2026, 3, 31)),
    ('last_quarter', date(2025, 10, 1), date(2025, 12, 31)),
    ('this_year', date(2026, 1, 1), date(2026, 12, 31)),
    ('last_year', date(2025, 1, 1), date(2025, 12, 31)),
    ('last_7_days', date(2026, 3, 12), date(2026, 3, 18)),
    ('last_30_days', date(2026, 2, 17), date(2026, 3, 18)),
    ('last_90_days', date(2025, 12, 19), date(2026, 3, 18)),
    ('last_12_months', date(2025, 3, 19), date(2026, 3, 18)),
])
def test_each_preset_names_the_dates_an_owner_expects(preset, start, end):
    period = period_for(preset, WEDNESDAY)
    assert (period.start, period.end, period.label) == (start, end, PRESETS[preset])


def test_weeks_start_on_the_shops_chosen_weekday():
    assert period_for('this_week', WEDNESDAY, week_starts=6) == Period(date(2026, 3, 15), date(2026, 3, 21), 'week',
                                                                       'This week')
    assert period_for('last_week', WEDNESDAY, week_starts=2).start == date(2026, 3, 11)  # a Wednesday: last week's
    assert period_for('this_week', date(2026, 3, 15), week_starts=6).start == date(2026, 3, 15)


def test_a_calendar_period_is_compared_with_the_same_part_of_the_one_before_and_of_the_year_before():
    month = period_for('this_month', WEDNESDAY)
    so_far = month.within(date(2020, 1, 1), WEDNESDAY)
    assert so_far == Period(date(2026, 3, 1), WEDNESDAY, 'month', 'This month')
    assert month.previous(so_far) == Period(date(2026, 2, 1), date(2026, 2, 18), 'month')
    assert month.year_before(so_far) == Period(date(2025, 3, 1), date(2025, 3, 18), 'month')
    whole = period_for('last_month', date(2026, 4, 2))  # March, 31 days, against February's 28
    assert whole.previous(whole) == Period(date(2026, 2, 1), date(2026, 2, 28), 'month')
    quarter = period_for('this_quarter', date(2026, 2, 10))
    covered = quarter.within(date(2020, 1, 1), date(2026, 2, 10))
    assert quarter.previous(covered) == Period(date(2025, 10, 1), date(2025, 11, 10), 'quarter')
    leap = period_for('this_month', date(2028, 2, 29))
    assert leap.year_before(leap) == Period(date(2027, 2, 1), date(2027, 2, 28), 'month')
    assert period_for('last_year', WEDNESDAY).previous(period_for('last_year', WEDNESDAY)).start == date(2024, 1, 1)


def test_days_weeks_and_ranges_are_compared_on_the_same_weekdays():
    week = period_for('this_week', WEDNESDAY)
    so_far = week.within(date(2020, 1, 1), WEDNESDAY)
    assert week.previous(so_far) == Period(date(2026, 3, 9), date(2026, 3, 11), 'week')  # Monday to Wednesday
    assert week.year_before(so_far) == Period(date(2025, 3, 17), date(2025, 3, 19), 'week')  # 52 weeks before
    today = period_for('today', WEDNESDAY)
    assert today.previous(today).start == date(2026, 3, 17) and today.year_before(today).start.weekday() == 2
    custom = Period(date(2026, 3, 1), date(2026, 3, 10))
    assert custom.previous(custom) == Period(date(2026, 2, 19), date(2026, 2, 28))
    assert custom.year_before(custom) == Period(date(2025, 3, 2), date(2025, 3, 11))


def test_a_period_is_cut_at_today_and_at_the_start_of_the_history():
    period = Period(date(2026, 3, 10), date(2026, 4, 10))
    assert period.within(date(2026, 3, 12), WEDNESDAY) == Period(date(2026, 3, 12), WEDNESDAY)
    assert Period(date(2026, 4, 1), date(2026, 4, 3)).within(date(2026, 1, 1), WEDNESDAY) is None


def test_bad_periods_say_what_to_do():
    with pytest.raises(ValueError, match='ends on or after its start'):
        Period(date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(ValueError, match='choose one of today, yesterday'):
        period_for('next_week', WEDNESDAY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match='0 \\(Monday\\) to 6 \\(Sunday\\)'):
        period_for('this_week', WEDNESDAY, week_starts=7)
    with pytest.raises(ValueError, match='Group by one of barber, service'):
        Analytics(demo_profile()).report(period_for('today', WEDNESDAY), 'month', now=0)  # type: ignore[arg-type]


def _at(profile: ShopProfile, day: date, hour: int, minute: int = 0) -> float:
    return datetime.combine(day, time(hour, minute), profile.tz).timestamp()


def test_late_and_out_of_order_events_land_on_their_own_day():
    """Monday's visit is posted on Tuesday evening, after Tuesday's; its review comes on Wednesday morning."""
    profile = demo_profile('Europe/London')
    monday, tuesday, wednesday = date(2026, 10, 26), date(2026, 10, 27), date(2026, 10, 28)  # just after the change
    analytics = Analytics(profile)

    def visit(day: date, customer: str, price: float) -> list:
        return [Booked(f'{customer}-bk', _at(profile, day, 8), customer, 'Noah', 'Haircut', 'Dee',
                       _at(profile, day, 10), 'noah'),
                CheckedIn(f'{customer}-in', _at(profile, day, 10, 5), customer, 'Noah', False, 'noah'),
                ServiceStarted(f'{customer}-st', _at(profile, day, 10, 10), customer, 'Dee', 'Haircut'),
                ServiceCompleted(f'{customer}-dn', _at(profile, day, 10, 40), customer, 'Dee', 'Haircut', price, 5, 0)]

    for event in visit(tuesday, 'tue', 35) + visit(monday, 'mon', 50):
        analytics.apply(event)
    analytics.apply(Reviewed('mon-rv', _at(profile, wednesday, 9), 'mon', 'Dee', 4, 'Good'))
    now = _at(profile, wednesday, 12)
    by_day = {row.key: row.figures for row in analytics.report(Period(monday, wednesday), 'day', now=now).rows}
    assert [by_day[day]['revenue'] for day in (monday, tuesday, wednesday)] == [50, 35, 0]
    assert [by_day[day]['reviews'] for day in (monday, tuesday, wednesday)] == [0, 0, 1]
    assert [by_day[day]['average_wait'] for day in (monday, tuesday)] == [5, 5]
    assert [by_day[day]['bookings'] for day in (monday, tuesday)] == [1, 1]
    assert analytics.first_day == monday
    week = analytics.report(Period(monday, wednesday), now=now).figures
    assert (week['new_clients'], week['clients'], week['returning_clients']) == (1, 1, 0)  # Noah, once
    assert by_day[tuesday]['new_clients'] == 1  # taken in the order they came: Tuesday's visit was seen first


def test_a_customer_still_waiting_when_the_day_ends_is_a_walk_out_in_reports_as_on_the_dashboard():
    """The engine closes the day's open visits (engine/closing.py) with an event of its own: reports count it too."""
    profile = demo_profile('Europe/London')
    day = date(2026, 11, 24)
    clock = SimClock(start=_at(profile, day, 19, 30), speed=0)
    engine = ShopEngine(profile, clock)
    engine.apply(ServiceStarted('first-st', _at(profile, day, 10), 'first', 'Dee', 'Haircut'))  # the history starts
    engine.apply(ServiceCompleted('first-dn', _at(profile, day, 10, 30), 'first', 'Dee', 'Haircut', 35, 0, 0))
    engine.apply(CheckedIn('late-in', _at(profile, day, 19, 20), 'late', 'Theo', True))
    clock.advance(6 * 3600)  # past midnight
    engine.advance()
    figures = engine.analytics.report(Period(day, day), now=clock.now()).figures
    assert figures['walk_outs'] == 1 and figures['walk_ins_lost'] == engine.kpis.kpis(day, 1, clock.now()).walk_ins_lost


def test_counts_grow_past_what_a_day_first_holds():
    """A day's counts start a byte each: 70,000 check-ins in one hour (a feed gone wrong) are still counted."""
    profile = demo_profile('UTC')
    day = date(2026, 11, 24)
    analytics = Analytics(profile)
    for n in range(70_000):
        analytics.apply(CheckedIn(f'in-{n}', _at(profile, day, 10, n % 60), f'v-{n}', 'Guest', n % 2 == 0))
    report = analytics.report(Period(day, day), 'hour', now=_at(profile, day, 23))
    assert report.figures['check_ins'] == 70_000 and report.figures['walk_ins'] == 35_000
    assert {row.key: row.figures['check_ins'] for row in report.rows if row.figures['check_ins']} == {10: 70_000}
    stored = codec.dump(analytics)
    again = codec.load(profile, stored.definitions, stored.state, stored.days)
    assert again.report(Period(day, day), now=_at(profile, day, 23)).figures['check_ins'] == 70_000


@pytest.mark.parametrize(('day', 'hours'), [(date(2026, 10, 25), [0, 1, 1, 2, 3]),  # 1 o'clock comes twice
                                            (date(2026, 3, 29), [0, 2, 3, 4, 5])])  # and none at all
def test_time_across_a_clock_change_falls_in_the_local_hours_it_was_spent_in(day, hours):
    profile = demo_profile('Europe/London')
    start = datetime.combine(day, time(0, 30), profile.tz).timestamp()
    end = start + 4 * 3600
    pieces = by_hour(profile, start, end)
    assert [hour for hour, _ in pieces] == hours
    assert sum(seconds for _, seconds in pieces) == end - start
    at = start
    for hour, seconds in pieces:
        assert profile.local(at + seconds / 2).hour == hour
        at += seconds
