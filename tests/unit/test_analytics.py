"""Reports from the per-day aggregates against a recomputation from the raw event log, and against the dashboard.

Two shops: the demo (the simulation's events) and one fed by hand-built events, as a real shop's systems post them
through the API (handmade.py). Their histories cross a daylight-saving change and a year boundary.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine import Booked, Event, ShopEngine, ShopProfile, SimClock, demo_profile
from engine.analytics import FIGURES, GROUPINGS, Analytics, Period, Report, codec
from engine.analytics.measures import MEASURES, WIDTH
from engine.profile import Hours

from . import reference_analytics as reference
from .handmade import handmade_log
from .reference import closed_in_posted_order


@dataclass
class Shop:
    profile: ShopProfile
    log: list[Event]
    engine: ShopEngine
    now: float
    visits: dict

    @property
    def today(self) -> date:
        return self.profile.local(self.now).date()

    @property
    def first_day(self) -> date:
        return self.engine.analytics.first_day


@cache
def demo() -> Shop:
    """Ten seven-day weeks of the demo shop in New York, up to a Tuesday afternoon in January."""
    profile = demo_profile('America/New_York')
    now = datetime(2027, 1, 12, 13, 20, tzinfo=profile.tz).timestamp()
    engine = ShopEngine.simulated(profile, SimClock(start=now, speed=0), seed=11, history_days=100)
    log: list[Event] = []
    engine.listeners.append(log.append)
    engine.advance()
    return Shop(profile, log, engine, now, reference.visits(log, closed_in_posted_order(profile, log, now)))


def handmade_profile() -> ShopProfile:
    """A London shop with three chairs, closed on Sundays, open late on Thursdays."""
    week = {day: Hours(time(9, 30), time(18)) for day in range(5)}
    week[3] = Hours(time(10), time(20, 30))
    week[5] = Hours(time(8), time(16))
    base = demo_profile('Europe/London')
    return ShopProfile('handmade', 'Fade Street', 'Europe/London', ('Ana', 'Ben', 'Cy'), base.services, week)


@cache
def handmade(odd: bool = True) -> Shop:
    """Three months of hand-built events up to a Friday afternoon in January, applied in the order posted."""
    profile = handmade_profile()
    now = datetime(2027, 1, 8, 15, 5, tzinfo=profile.tz).timestamp()
    log = [e for e in handmade_log(3, profile, date(2026, 10, 1), 100, odd) if e.at <= now]
    engine = ShopEngine(profile, SimClock(start=now, speed=0))
    for event in log:
        engine.apply(event)
    return Shop(profile, log, engine, now, reference.visits(log, closed_in_posted_order(profile, log, now)))


SHOPS = {'demo': demo, 'handmade': handmade}


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a == pytest.approx(b, rel=1e-9, abs=1e-6)


def assert_figures(actual: dict, expected: dict, context) -> None:
    wrong = {name: (actual[name], expected[name]) for name in actual if not close(actual[name], expected[name])}
    assert not wrong, (context, wrong)


def assert_report(shop: Shop, report: Report) -> None:
    """The report's figures and rows are the reference's over the dates it says it covered."""
    covered, by = report.covered, report.by
    expected = reference.report(shop.profile, shop.log, covered.start, covered.end, shop.now, by, shop.visits)
    if by is None:
        assert report.figures.keys() == FIGURES.keys()
        assert_figures(report.figures, expected[None], covered)
        return
    assert_figures(report.figures, reference.report(shop.profile, shop.log, covered.start, covered.end, shop.now,
                                                    None, shop.visits)[None], covered)
    assert [row.key for row in report.rows] == _ordered(by, expected, shop.profile)
    grouped = {name for name, figure in FIGURES.items() if by in figure.groupings}
    for row in report.rows:
        assert row.figures.keys() == grouped, by
        assert_figures(row.figures, expected[row.key], (covered, by, row.key))


def _ordered(by: str, expected: dict, profile: ShopProfile) -> list:
    """Barbers and services as the profile lists them, then others by name, then the unnamed; the rest in order."""
    if by not in ('barber', 'service'):
        return sorted(expected)
    listed = list(profile.barbers) if by == 'barber' else [s.name for s in profile.services]
    return listed + sorted(k for k in expected if k not in listed and k is not None) + [None] * (None in expected)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(list(SHOPS)), offset=st.integers(-8, 100), days=st.integers(1, 95),
       by=st.sampled_from([None, *GROUPINGS]))
@example(name='demo', offset=25, days=14, by='hour')  # New York leaves daylight saving time on 1 November
@example(name='handmade', offset=20, days=10, by=None)  # London on 25 October
@example(name='demo', offset=80, days=12, by='day')  # the new year
@example(name='handmade', offset=85, days=30, by='barber')  # the new year, up to today
def test_every_figure_of_any_period_and_grouping_equals_a_recomputation_from_the_event_log(name, offset, days, by):
    shop = SHOPS[name]()
    start = shop.first_day + timedelta(offset)
    period = Period(start, start + timedelta(days - 1))
    report = shop.engine.analytics.report(period, by, now=shop.now)
    assert report.covered == period.within(shop.first_day, shop.today)
    if report.covered is None:
        assert report.figures['revenue'] is None and report.figures['visits'] == 0
        return
    assert_report(shop, report)
    previous = period.previous(report.covered)
    if previous.start < shop.first_day:
        assert report.previous is None  # the history does not reach: no comparison, rather than zeros
    else:
        assert report.previous.covered == previous
        assert_report(shop, report.previous)
    assert report.year_before is None


@pytest.mark.parametrize('name', ['demo', 'plain'])
def test_a_day_reads_the_same_as_on_the_dashboard(name):
    """Today so far, and days before, in the report as in the dashboard's cards, 'More figures' and barber table."""
    shop = demo() if name == 'demo' else handmade(odd=False)
    engine, analytics = shop.engine, shop.engine.analytics
    for day in (shop.today - timedelta(n) for n in (0, 1, 6, 40)):
        at = shop.now if day == shop.today else datetime.combine(day, time.max, shop.profile.tz).timestamp()
        shown, report = engine.metrics.figures(day, at), analytics.report(Period(day, day), 'service', now=shop.now)
        figures = report.figures
        assert close(figures['revenue'], shown.revenue) and close(figures['tips'], shown.tips), day
        assert figures['bookings'] == shown.bookings and figures['reviews'] == shown.reviews, day
        assert close(figures['rating'], shown.satisfaction) and close(figures['utilization'], shown.utilization)
        assert {row.key: row.figures['visits'] for row in report.rows if row.figures['visits']} == shown.services
        for days in (1, 30):
            kpis = engine.kpis.kpis(day, days, at)
            report = analytics.report(Period(day - timedelta(days - 1), day), 'barber', now=shop.now)
            figures = report.figures
            for figure in ('average_ticket', 'retail_attachment', 'no_show_rate', 'late_cancel_rate', 'walk_in_share',
                           'walk_ins_lost', 'rebooking_rate', 'new_clients', 'returning_clients', 'retention_30',
                           'retention_60', 'retention_90'):
                assert close(figures[figure], getattr(kpis, figure)), (day, days, figure)
            rows = {row.key: row.figures for row in report.rows}
            for barber in kpis.barbers:
                row = rows[barber.barber]
                assert close(row['revenue'], barber.revenue) and row['visits'] == barber.services
                assert close(row['utilization'], barber.utilization), (day, days, barber.barber)
                assert close(row['average_ticket'], barber.average_ticket) and close(row['rating'], barber.rating)
                assert close(row['rebooking_rate'], barber.rebooking_rate)
    snapshot = engine.snapshot()
    month = analytics.report(Period(shop.today - timedelta(29), shop.today), now=shop.now).figures
    assert close(month['rating'], snapshot.rating) and month['reviews'] == snapshot.rating_reviews


def test_a_year_of_history_compares_each_period_with_the_one_before_and_the_year_before():
    profile = handmade_profile()
    now = datetime(2027, 3, 17, 12, tzinfo=profile.tz).timestamp()
    log = [e for e in handmade_log(5, profile, date(2025, 11, 3), 500, odd=True) if e.at <= now]
    engine = ShopEngine(profile, SimClock(start=now, speed=0))
    for event in log:
        engine.apply(event)
    shop = Shop(profile, log, engine, now, reference.visits(log, closed_in_posted_order(profile, log, now)))
    this_month = engine.analytics.report(Period(date(2027, 3, 1), date(2027, 3, 31), 'month'), 'weekday', now=now)
    assert this_month.covered == Period(date(2027, 3, 1), date(2027, 3, 17), 'month')
    assert this_month.previous.covered == Period(date(2027, 2, 1), date(2027, 2, 17), 'month')
    assert this_month.year_before.covered == Period(date(2026, 3, 1), date(2026, 3, 17), 'month')
    for report in (this_month, this_month.previous, this_month.year_before):
        assert_report(shop, report)
    week = engine.analytics.report(Period(date(2027, 3, 15), date(2027, 3, 21), 'week'), now=now)
    assert week.year_before.covered == Period(date(2026, 3, 16), date(2026, 3, 18), 'week')  # Monday to Wednesday
    assert_report(shop, week.year_before)
    revenue = this_month.figures['revenue']
    assert this_month.change('revenue') == pytest.approx(revenue / this_month.previous.figures['revenue'] - 1)
    older = engine.analytics.report(Period(date(2026, 1, 1), date(2026, 3, 31), 'quarter'), now=now)
    assert older.previous is None and older.year_before is None and older.change('revenue') is None


@pytest.mark.parametrize('name', ['demo', 'handmade'])
def test_aggregates_dumped_and_loaded_go_on_as_if_all_events_had_been_applied(name):
    """A restart: the days and the visits under way come back from bytes, and the events after go on from there."""
    shop = SHOPS[name]()
    first, cut = Analytics(shop.profile), len(shop.log) * 2 // 3
    for event in shop.log[:cut]:
        first.apply(event)
    while not _books_again_in_the_chair(first, shop.log[cut]) and cut < len(shop.log) * 5 // 6:
        first.apply(shop.log[cut])  # stop, if it comes soon, where a client in the chair books their next visit
        cut += 1
    stored = codec.dump(first)
    again = codec.load(shop.profile, stored.definitions, stored.state, stored.days)
    for event in shop.log[cut:]:
        again.apply(event)
    replayed = Analytics(shop.profile)  # the same events, all applied (without the engine's closings, as `again`)
    for event in shop.log:
        replayed.apply(event)
    for by in (None, *GROUPINGS):
        period = Period(shop.today - timedelta(45), shop.today)
        assert again.report(period, by, now=shop.now) == replayed.report(period, by, now=shop.now), by
    assert again.events_applied == replayed.events_applied
    changed = again.take_changed()
    assert shop.today in changed and min(changed) < shop.profile.local(shop.log[cut].at).date() + timedelta(1)
    with pytest.raises(codec.StaleAggregates, match='rebuild'):
        codec.load(shop.profile, codec.DEFINITIONS + 1, stored.state, stored.days)


def _books_again_in_the_chair(analytics: Analytics, event: Event) -> bool:
    return isinstance(event, Booked) and event.client in analytics.in_shop


@pytest.mark.parametrize('name', ['demo', 'handmade'])
def test_each_measure_counts_only_in_the_slots_it_says(name):
    """What MEASURES says of each measure holds, so a day holds no slot it does not need (reviews by hour would add
    the evening's hours to every day)."""
    analytics = SHOPS[name]().engine.analytics
    wrong = set()
    for row in analytics.days.values():
        for kind, values, width in (('count', row.counts, WIDTH['count']), ('amount', row.amounts, WIDTH['amount'])):
            for measure in (m for m in MEASURES.values() if m.kind == kind):
                for slot, (axis, _) in enumerate(analytics.slots.names[:len(values) // width]):
                    if values[slot * width + measure.offset] and axis not in ('all', *measure.axes):
                        wrong.add((measure.name, axis))
    assert not wrong
