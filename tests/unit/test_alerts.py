"""The alert rules on scripted days: each fires with its figures in the text, stays silent when it should, is
throttled, and follows the owner's settings live; then a simulated month gives a plausible mix.

What the alerts cost is measured, not asserted: `bench/engine.py` runs a simulated year through the whole engine,
alerts included (figures in the README's Performance section).
"""
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from engine import ShopEngine, SimClock, demo_profile
from engine.alerts import KINDS, AlertEngine, AlertSettings, Notification
from engine.events import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    WalkedOut,
)
from engine.metrics import Metrics
from engine.profile import ShopProfile

PROFILE = demo_profile('UTC')
DAY = date(2026, 11, 24)  # a Tuesday, open 09:00-20:00


def at(hour: int, minute: int = 0, day: date = DAY) -> float:
    return PROFILE.instant(day, time(hour, minute))


class Shop:
    """Metrics and alerts fed the way ShopEngine.apply feeds them; answers what the watched rule raised."""

    def __init__(self, watch: str, settings: AlertSettings | None = None, profile: ShopProfile = PROFILE) -> None:
        self.watch = watch
        self.metrics = Metrics(profile)
        self.alerts = AlertEngine(profile, self.metrics, settings)
        self.settings = self.alerts.settings

    def feed(self, *events: Event) -> list[Notification]:
        raised = []
        for event in events:
            self.metrics.apply(event)
            raised += self.alerts.on_event(event)
        return [n for n in raised if n.kind == self.watch]

    def tick(self, now: float) -> list[Notification]:
        return [n for n in self.alerts.on_tick(now) if n.kind == self.watch]


def visit(customer: str, arrive: float, start: float, end: float, *, name: str = 'Carlos Y.', barber: str = 'Dee',
          price: float = 35.0, walk_in: bool = True, service: str = 'Haircut') -> list[Event]:
    return [CheckedIn(f'{customer}-in', arrive, customer, name, walk_in),
            ServiceStarted(f'{customer}-st', start, customer, barber, service),
            ServiceCompleted(f'{customer}-dn', end, customer, barber, service, price, 0.0, 0.0)]


def booking(customer: str, slot: float, booked_at: float, name: str = 'Omar K.', service: str = 'Skin fade') -> Booked:
    return Booked(f'{customer}-bk', booked_at, customer, name, service, None, slot)


def review(customer: str, stars: int, text: str, when: float, barber: str = 'Dee') -> Reviewed:
    return Reviewed(f'{customer}-rv', when, customer, barber, stars, text)


def only(raised: list[Notification]) -> Notification:
    assert len(raised) == 1, raised
    return raised[0]


# reviews

def test_a_five_star_review_is_quoted_with_the_days_satisfaction():
    shop = Shop('five_star_review')
    shop.feed(*visit('a', at(10), at(10), at(10, 30), name='Ben T.'), review('a', 4, 'Good cut.', at(11)),
              *visit('b', at(10), at(10), at(10, 30), name='Carlos Y.', barber='Sam'), review('b', 4, 'Fine.', at(11)))
    raised = shop.feed(review('b', 5, 'Best fade in town', at(12)))
    note = only(raised)
    assert (note.id, note.priority, note.title, note.action, note.at) == \
        ('five_star:b', 'success', 'New 5-star review', 'Satisfaction card', at(12))
    assert note.body == '"Best fade in town" (Carlos Y., served by Dee). 3 reviews today, 4.33 ★ average.'


def test_the_same_review_event_never_fires_twice():
    shop = Shop('five_star_review')
    event = review('a', 5, 'Great.', at(11))
    shop.feed(*visit('a', at(10), at(10), at(10, 30)), event)
    assert shop.alerts.on_event(event) == []


def test_a_review_of_two_stars_or_less_is_a_warning_and_middling_ones_are_silent():
    shop = Shop('low_review')
    shop.feed(*visit('a', at(10), at(10, 40), at(11), name='Hassan O.', barber='Luis'))
    assert shop.feed(review('a', 4, 'Good cut.', at(12)), review('a', 3, 'Okay.', at(12))) == []
    note = only(shop.feed(review('a', 2, 'Waited far too long.', at(13), barber='Luis')))
    assert (note.priority, note.title) == ('warning', '2-star review')
    assert note.body == '"Waited far too long." (Hassan O., 2 ★, served by Luis). 3 reviews today, 3.00 ★ average.'


def test_a_disabled_kind_is_silent_and_speaks_again_once_enabled():
    shop = Shop('five_star_review')
    shop.feed(*visit('a', at(10), at(10), at(10, 30)), *visit('b', at(10), at(10), at(10, 30)))
    shop.settings.enabled['five_star_review'] = False
    assert shop.feed(review('a', 5, 'Great.', at(11))) == []
    shop.settings.enabled['five_star_review'] = True
    assert only(shop.feed(review('b', 5, 'Great too.', at(12)))).id == 'five_star:b'


# revenue goal

def test_the_daily_revenue_goal_fires_once_a_day_with_the_figures():
    shop = Shop('revenue_goal', profile=replace(PROFILE, daily_revenue_goal=100.0))
    assert shop.feed(*visit('a', at(9), at(9), at(9, 30)), *visit('b', at(10), at(10), at(10, 30))) == []
    note = only(shop.feed(*visit('c', at(11), at(11), at(11, 30), price=40)))
    assert (note.id, note.priority, note.action) == ('revenue_goal:2026-11-24', 'success', 'Revenue card')
    assert note.body == 'Revenue reached $110 at 11:30, past the $100 daily goal, with 3 services done.'
    assert shop.feed(*visit('d', at(12), at(12), at(12, 30))) == []
    tomorrow = DAY + timedelta(days=1)
    shop.feed(*visit('e', at(9, day=tomorrow), at(9, day=tomorrow), at(10, day=tomorrow), price=60))
    note = only(shop.feed(*visit('f', at(10, day=tomorrow), at(10, day=tomorrow), at(11, day=tomorrow), price=60)))
    assert note.id == 'revenue_goal:2026-11-25' and note.body.startswith('Revenue reached $120 at 11:00')


# booking milestones

def test_booking_milestones_fire_once_per_day_and_week_and_thresholds_change_live():
    shop = Shop('booking_milestone', AlertSettings(booking_milestones_day=(3, 5), booking_milestones_week=(4,)))
    thursday, friday = at(14, 15, DAY + timedelta(days=2)), at(10, day=DAY + timedelta(days=3))
    assert shop.feed(booking('a', thursday, at(9)), booking('b', thursday, at(9, 5))) == []
    note = only(shop.feed(booking('c', thursday, at(9, 10), name='Noah A.')))
    assert (note.id, note.title, note.action) == ('booking_day:2026-11-26:3', '3 bookings for Thu 26 Nov',
                                                  'Bookings card')
    assert note.body == ('Thu 26 Nov now has 3 appointments on the book, net of cancellations. '
                         'Latest: Noah A., Skin fade at 14:15.')
    note = only(shop.feed(booking('d', friday, at(9, 15))))
    assert (note.id, note.title) == ('booking_week:2026-W48:4', '4 bookings in week 48')
    assert note.body == 'The week of Mon 23 Nov (week 48) now has 4 appointments booked, net of cancellations.'
    # a cancellation and a new booking bring Thursday back to 3: not a second time
    assert shop.feed(Cancelled('c-cx', at(9, 20), 'c'), booking('e', thursday, at(9, 25))) == []
    assert shop.feed(booking('f', thursday, at(9, 30))) == []  # 4 on Thursday, below the next milestone
    shop.settings.booking_milestones_day = (4,)
    assert only(shop.feed(booking('g', thursday, at(9, 35)))).id == 'booking_day:2026-11-26:4'


# no-shows

def test_each_no_show_names_the_customer_and_the_slot():
    shop = Shop('no_show')
    shop.feed(booking('a', at(14, 15), at(9)), booking('b', at(15), at(9), name='Liam B.', service='Haircut'))
    note = only(shop.feed(NoShow('a-ns', at(14, 30), 'a')))
    assert (note.id, note.priority, note.title, note.at) == ('no_show:a', 'info', 'No-show: Omar K.', at(14, 30))
    assert note.body == 'Omar K. missed the 14:15 appointment (Skin fade). 1 no-show on Tue 24 Nov.'
    note = only(shop.feed(NoShow('b-ns', at(15, 15), 'b')))
    assert note.body == 'Liam B. missed the 15:00 appointment (Haircut). 2 no-shows on Tue 24 Nov.'


# long waits

def test_a_walk_in_who_leaves_is_a_warning_with_the_wait_and_the_days_count():
    shop = Shop('walk_out')
    shop.feed(CheckedIn('a-in', at(12), 'a', 'Malik T.', True), CheckedIn('b-in', at(12, 5), 'b', 'Noah R.', True))
    note = only(shop.feed(WalkedOut('a-wo', at(12, 35), 'a')))
    assert note.priority == 'warning'
    assert note.body == 'Malik T. left after waiting 35 min without being served. 1 walk-in lost on Tue 24 Nov.'
    assert shop.feed(WalkedOut('b-wo', at(12, 45), 'b')) == []  # within the window: the next one waits
    shop.feed(CheckedIn('c-in', at(13), 'c', 'Leo P.', True))
    assert '3 walk-ins lost' in only(shop.feed(WalkedOut('c-wo', at(13, 20), 'c'))).body
    assert shop.metrics.checked_in == {}  # they are no longer waiting


def test_long_waits_fire_over_the_limit_then_hold_for_the_window():
    shop = Shop('long_wait')
    assert shop.feed(*visit('a', at(10), at(10, 10), at(10, 40))) == []  # 10 min
    note = only(shop.feed(*visit('b', at(10), at(10, 40), at(11, 10), barber='Sam')))  # 40 min
    assert (note.priority, note.at, note.action) == ('warning', at(10, 40), 'Activity panel')
    assert note.body == ('Customers waited 25 min on average over the last hour (2 services started, longest 40 min), '
                         'above your 20 min limit. 0 waiting now.')
    assert shop.feed(*visit('c', at(10, 20), at(10, 50), at(11, 20))) == []  # 30 min, within the hour's window
    assert shop.tick(at(11)) == []
    shop.feed(*visit('d', at(10, 55), at(11, 35), at(12, 5), barber='Marco'))  # 40 min
    note = only(shop.tick(at(11, 41)))  # an hour after the first: it may speak again
    assert note.body.startswith('Customers waited 35 min on average over the last hour (2 services started, '
                                'longest 40 min)')


def test_short_waits_are_silent_and_the_limit_changes_live():
    shop = Shop('long_wait')
    assert shop.feed(*visit('a', at(10), at(10, 10), at(10, 40)), *visit('b', at(10), at(10, 15), at(10, 45))) == []
    assert shop.tick(at(10, 20)) == []  # 12.5 min on average
    shop.settings.long_wait_minutes = 12
    note = only(shop.tick(at(10, 21)))
    assert note.body.startswith('Customers waited 12 min on average') and 'above your 12 min limit' in note.body


# a rush ahead

def _rush_shop() -> Shop:
    """Four past Tuesdays with 6 walk-ins from 15:00 and 6 from 16:00, services of 30 minutes."""
    shop = Shop('rush')
    for week in range(4, 0, -1):
        day = DAY - timedelta(days=7 * week)
        for i in range(12):
            hour, minute = 15 + i // 6, (i % 6) * 10
            arrive = at(hour, minute, day)
            shop.feed(*visit(f'{day}-{i}', arrive, arrive, arrive + 1800, barber=PROFILE.barbers[i % 4]))
    return shop


def test_a_rush_is_foreseen_from_bookings_and_learned_walk_ins():
    shop = _rush_shop()
    assert shop.alerts.demand.walk_ins_per_hour(DAY.weekday(), 15) == 6
    shop.feed(*(booking(f'a{i}', at(15), at(9)) for i in range(6)))
    shop.feed(*(booking(f'b{i}', at(16), at(9)) for i in range(6)))
    note = only(shop.tick(at(14, 30)))
    assert (note.id, note.priority, note.title) == ('rush:2026-11-24T14:30', 'warning', 'Rush coming')
    assert note.body == ('About 9.0 customers expected by 15:30: 6 booked, 0 waiting, ~3.0 walk-ins as usual at this '
                         'hour. 4 chairs serve about 8.0 in 60 min at 30 min a service.')
    assert shop.tick(at(14, 40)) == []  # within the hour's window
    later = only(shop.tick(at(15, 31)))  # the 15:00 slots are past their grace; 16:00 ones count
    assert later.body.startswith('About 12.0 customers expected by 16:31: 6 booked, 0 waiting, ~6.0 walk-ins')


def test_no_rush_when_the_chairs_can_serve_it_and_the_horizon_changes_live():
    shop = _rush_shop()
    shop.feed(*(booking(f'a{i}', at(15), at(9)) for i in range(4)))
    assert shop.tick(at(14, 30)) == []  # 4 booked + 3 walk-ins against 8
    shop.feed(*(booking(f'b{i}', at(15), at(9)) for i in range(2)))
    shop.settings.rush_horizon_minutes = 30  # 14:30-15:00: nobody booked, no walk-ins at 14:00
    assert shop.tick(at(14, 30)) == []
    shop.settings.rush_horizon_minutes = 60
    note = only(shop.tick(at(14, 31)))
    assert note.body.startswith('About 9.1 customers expected by 15:31: 6 booked, 0 waiting, ~3.1')


def test_people_waiting_and_cancellations_count_in_the_forecast():
    shop = _rush_shop()
    shop.feed(*(booking(f'a{i}', at(15), at(9)) for i in range(6)), Cancelled('a0-cx', at(10), 'a0'),
              CheckedIn('w-in', at(14, 20), 'w', 'Sean P.', True))
    note = only(shop.tick(at(14, 30)))
    assert 'About 9.0 customers expected by 15:30: 5 booked, 1 waiting, ~3.0 walk-ins' in note.body


# quiet stretches

def test_a_quiet_stretch_fires_once_after_its_length_within_opening_hours():
    shop = Shop('quiet')
    assert shop.tick(at(8)) == []  # the shop is closed: idle chairs are no news
    assert shop.tick(at(9, 29)) == []
    note = only(shop.tick(at(9, 30)))
    assert (note.id, note.priority, note.action) == ('quiet:2026-11-24T09:00', 'info', 'Activity panel')
    assert note.body == '4 of 4 chairs have been free since 09:00 (30 min) with nobody waiting.'
    assert shop.tick(at(9, 45)) == []


def test_someone_waiting_breaks_the_stretch_and_the_window_holds_the_next():
    shop = Shop('quiet', AlertSettings(windows={'quiet': 3600}))
    shop.tick(at(9))
    shop.feed(CheckedIn('a-in', at(9, 10), 'a', 'Ben T.', True))  # waiting
    assert shop.tick(at(9, 40)) == []
    shop.feed(ServiceStarted('a-st', at(9, 45), 'a', 'Dee', 'Haircut'))
    assert shop.tick(at(10, 14)) == []
    note = only(shop.tick(at(10, 15)))
    assert note.body == '3 of 4 chairs have been free since 09:45 (30 min) with nobody waiting.'
    shop.feed(*visit('b', at(10, 20), at(10, 20), at(10, 50)))  # a new stretch starts at 10:20
    assert shop.tick(at(11, 0)) == []  # 40 min, but within the window
    assert only(shop.tick(at(11, 16))).body.startswith('3 of 4 chairs have been free since 10:20 (56 min)')


def test_a_stretch_the_ticks_missed_is_caught_by_the_event_that_ends_it():
    shop = Shop('quiet')
    shop.feed(*visit('a', at(10), at(10), at(10, 20)))  # a stretch of 3 idle, then 4, from 10:00
    note = only(shop.feed(CheckedIn('b-in', at(11, 40), 'b', 'Ben T.', True)))
    assert note.at == at(11, 40)
    assert note.body == '3 of 4 chairs have been free since 10:00 (100 min) with nobody waiting.'


def test_quiet_follows_the_idle_chairs_setting_and_switch_live():
    shop = Shop('quiet', AlertSettings(quiet_idle_chairs=4))
    shop.feed(ServiceStarted('a-st', at(9), 'a', 'Dee', 'Haircut'))  # 3 idle
    assert shop.tick(at(9, 45)) == []
    shop.settings.quiet_idle_chairs = 3
    shop.settings.enabled['quiet'] = False
    assert shop.tick(at(10, 15)) == []
    shop.settings.enabled['quiet'] = True
    assert only(shop.tick(at(10, 45))).body == \
        '3 of 4 chairs have been free since 09:00 (105 min) with nobody waiting.'


# insights at closing

def _closing_day(shop: Shop, prices: tuple[float, ...] = (100, 200, 300, 400)) -> None:
    """Past Tuesdays with one sale each; today two chairs busy every hour, one chair 36 minutes at 14:00."""
    for week, price in enumerate(prices, start=1):
        day = DAY - timedelta(days=7 * week)
        shop.feed(*visit(f'p{week}', at(12, day=day), at(12, day=day), at(13, day=day), price=price))
    for hour in range(9, 20):
        if hour == 14:
            shop.feed(*visit('h14', at(14), at(14), at(14, 36), price=20))
            continue
        for barber in ('Marco', 'Dee'):
            shop.feed(*visit(f'h{hour}{barber}', at(hour), at(hour), at(hour + 1), barber=barber, price=14))


def test_closing_insights_state_the_weakest_hour_and_revenue_against_past_weeks():
    shop = Shop('insight')
    _closing_day(shop)
    assert shop.tick(at(19, 59)) == []
    raised = shop.tick(at(20))
    assert [(n.id, n.title, n.action) for n in raised] == [
        ('insight:2026-11-24:weakest_hour', 'Weakest hour', 'Utilization card'),
        ('insight:2026-11-24:revenue_vs_weekday', 'Tuesday against past Tuesdays', 'Revenue chart')]
    weakest, revenue = raised
    assert weakest.body == '14:00-15:00 ran at 15% of chair time, against 47% for the day.'
    assert shop.metrics.figures(DAY, at(20)).utilization == pytest.approx(74160 / 158400)
    assert revenue.body == 'Tuesday took $300 by closing, 20% above the $250 average of the last 4 Tuesdays.'
    assert shop.tick(at(20, 30)) == []


def test_one_past_week_is_named_as_such_and_a_late_start_says_nothing_of_yesterday():
    shop = Shop('insight', AlertSettings(enabled={'quiet': False}))
    _closing_day(shop, prices=(400,))
    assert shop.tick(at(15, day=DAY + timedelta(days=1))) == []  # started the next afternoon: too late for Tuesday
    shop = Shop('insight')
    _closing_day(shop, prices=(400,))
    revenue = [n for n in shop.tick(at(21)) if n.id.endswith('revenue_vs_weekday')]
    assert revenue[0].body == "Tuesday took $300 by closing, 25% below last Tuesday's $400."


# warm-up and restart

def test_after_the_warm_up_the_live_state_is_told_once_but_past_events_stay_spent():
    shop = Shop('long_wait')
    replay = [*visit('a', at(10), at(10, 30), at(11)), review('a', 5, 'Great.', at(11, 30))]
    assert len(shop.feed(*replay)) == 1  # raised in the replay, and dropped by the caller
    assert shop.tick(at(10, 50)) == []  # the window would hold it back...
    shop.alerts.warmed_up()
    assert only(shop.tick(at(10, 51))).body.startswith('Customers waited 30 min on average')  # ...but it was unseen
    assert shop.alerts.on_event(replay[-1]) == []  # the replayed review is no news


def test_notes_restored_after_a_restart_are_not_raised_again_and_their_window_holds():
    shop = _rush_shop()
    shop.feed(*(booking(f'a{i}', at(15), at(9)) for i in range(6)))
    shop.alerts.restore([('rush:2026-11-24T14:20', 'rush', at(14, 20))])
    assert shop.tick(at(14, 30)) == []
    shop.feed(*(booking(f'b{i}', at(16), at(9)) for i in range(6)))
    assert only(shop.tick(at(15, 20))).id == 'rush:2026-11-24T15:20'


# a simulated month

def test_a_simulated_month_gives_a_plausible_mix_and_never_the_same_id_twice():
    profile = demo_profile('UTC')
    start = datetime(2026, 10, 1, 8, tzinfo=profile.tz).timestamp()
    clock = SimClock(start=start, speed=0)
    engine = ShopEngine.simulated(profile, clock, 7, history_days=28)
    alerts = AlertEngine(profile, engine.metrics)
    raised: list[Notification] = []
    engine.listeners.append(lambda event: raised.extend(alerts.on_event(event)))
    engine.advance()  # the warm-up replay: what it raises is discarded, what it teaches is kept
    raised.clear()
    alerts.warmed_up()
    assert alerts.demand.walk_ins_per_hour(3, 12) > 0
    for _ in range(30 * 24 * 30):
        clock.advance(120)
        engine.advance()
        raised += alerts.on_tick(clock.now())
    kinds = Counter(n.kind for n in raised)
    assert len(kinds) >= 7 and {'five_star_review', 'revenue_goal', 'no_show', 'insight', 'booking_milestone'} <= set(
        kinds), kinds
    assert set(kinds) <= set(KINDS) and len(raised) < 30 * 30, kinds
    assert len({n.id for n in raised}) == len(raised)
    assert all(any(c.isdigit() for c in n.body) for n in raised)
    assert {n.priority for n in raised} <= {'critical', 'warning', 'success', 'info'}
    assert all(start <= n.at <= clock.now() for n in raised)
    for kind, window in AlertSettings().windows.items():
        times = [n.at for n in raised if n.kind == kind]
        assert all(b - a >= window for a, b in zip(times, times[1:], strict=False)), kind


def test_walk_ins_learned_in_the_warm_up_are_the_mean_of_past_same_weekdays():
    profile = demo_profile('UTC')
    clock = SimClock(start=datetime(2026, 10, 1, 8, tzinfo=profile.tz).timestamp(), speed=0)  # a Thursday
    engine = ShopEngine.simulated(profile, clock, 3, history_days=21)
    alerts = AlertEngine(profile, engine.metrics)
    log: list[Event] = []
    engine.listeners += [alerts.on_event, log.append]
    engine.advance()
    for hour in range(9, 20):
        walk_ins = [e for e in log if isinstance(e, CheckedIn) and e.walk_in and profile.local(e.at).hour == hour
                    and profile.local(e.at).weekday() == 3]
        assert alerts.demand.walk_ins_per_hour(3, hour) == pytest.approx(len(walk_ins) / 3)
