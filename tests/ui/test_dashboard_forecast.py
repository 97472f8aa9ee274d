"""The revenue card says where today will likely close and the revenue chart draws the rest of today's curve, both
from the shop's forecast (engine/forecast/), made once per shop and minute in its published view."""
from nicegui import app
from nicegui.testing import User

from engine import SimClock, words
from engine.forecast import forecast_period
from store.shops import update_shop

from .helpers import advance, sign_up_owner, text_of, the_engine


def shown_view():
    (shop_id,) = app.state.shops.engines
    return app.state.shops.live.latest[shop_id].view('dashboard')


async def test_the_revenue_card_says_where_today_will_likely_close(user: User):
    await sign_up_owner(user)
    engine = the_engine()
    snapshot = app.state.shops.live.snapshot(engine.profile.id)
    today = forecast_period(engine.analytics, snapshot.at, 'today')
    expected = words.likely_close(today.revenue.expected, today.revenue.low, today.revenue.high)
    await user.should_see(expected)
    assert text_of(user, 'metric-revenue-forecast') == expected
    assert today.revenue.low <= today.revenue.expected <= today.revenue.high
    assert today.revenue.expected >= snapshot.today.revenue  # taken so far is part of the day's close
    curve = shown_view().fields['expected_revenue']
    hours = list(snapshot.hours)
    assert curve[:hours.index(10)] == [None] * hours.index(10)  # 10:30: nothing expected for the hours gone
    assert curve[hours.index(10)] is not None and sum(v for v in curve if v) > 0


async def test_the_forecast_is_made_once_a_minute_not_on_every_snapshot(user: User):
    await sign_up_owner(user)
    first = shown_view()
    advance(20)  # the same minute of the shop's clock (10:30:20): the forecast is kept
    assert shown_view().forecast_minute == first.forecast_minute
    advance(60)
    assert shown_view().forecast_minute == first.forecast_minute + 1
    await user.should_see(marker='metric-revenue-forecast')


async def test_no_forecast_line_while_closed(user: User):
    await sign_up_owner(user)
    await user.should_see(marker='metric-revenue-forecast')
    advance(12 * 3600)  # Tuesday 22:30
    await user.should_see("Closed · opens tomorrow 09:00. Showing today's final figures.")
    await user.should_not_see(marker='metric-revenue-forecast')
    assert shown_view().fields['expected_revenue'] == []


async def test_a_shop_without_history_shows_no_forecast_rather_than_a_made_up_one(user: User):
    await sign_up_owner(user)
    shops = app.state.shops
    (shop_id,) = shops.engines
    shops.real_clock = SimClock(start=the_engine().clock.now(), speed=0)  # the live shop at the same Tuesday 10:30
    await shops.restart_shop(await update_shop(shops.store, shop_id, mode='live'))
    await user.open('/')
    await user.should_see('Open until 20:00')  # open: no line because there is nothing to learn from
    assert text_of(user, 'metric-revenue-value') == '$0'
    await user.should_not_see(marker='metric-revenue-forecast')
