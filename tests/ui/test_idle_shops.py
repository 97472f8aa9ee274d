"""A shop with no page open builds no snapshot, yet its dashboard opens on its figures as they are now, and with the
notifications it raised while nobody watched."""
from nicegui import app
from nicegui.testing import User

from engine import CheckedIn, Reviewed, demo_profile
from store.shops import get_shop
from store.staff import create_shop

from .helpers import sign_up_owner, text_of, the_engine
from .test_isolation import _owner_id


async def test_an_idle_shops_dashboard_opens_on_its_figures_now_and_what_it_raised_meanwhile(user: User, monkeypatch):
    await sign_up_owner(user)  # the dashboard of the first shop stays open: that shop is watched
    shops, tick = app.state.shops, app.state.loop.tick
    monkeypatch.setattr(app.state.loop, 'tick', lambda: None)  # the app's own beat: this test ticks by hand alone

    def advance(seconds: float) -> None:
        shops.demo_clock.advance(seconds)
        tick()
    first = the_engine()
    other = await create_shop(shops.store, await _owner_id(), 'Shop B', 'Europe/London', demo_profile().to_dict())
    engine = shops.start_shop(await get_shop(shops.store, other.id))
    revenue_at_start = engine.snapshot().today.revenue
    for _ in range(36):  # three hours of the shop's morning
        advance(300)
        assert app.state.loop.snapshots == 1 and not shops.live.watched(other.id)  # the first shop's only
    now = engine.clock.now()
    engine.apply(CheckedIn('idle-in', now - 3600, 'idle-1', 'Carlos Y.', True))
    engine.apply(Reviewed('idle-rv', now, 'idle-1', 'Dee', 5, 'Raised while nobody watched'))
    advance(1)
    assert first is not engine and engine.snapshot().today.revenue > revenue_at_start

    await user.open('/')  # the first shop's again, its menu now with a field to choose the shop
    user.find(marker='user-menu').click()
    (shop_field,) = user.find(marker='shop-select').elements
    shop_field.value = other.id
    await user.should_see(marker='shop-name', content='Shop B')
    assert text_of(user, 'metric-revenue-value') == f'${engine.snapshot().today.revenue:,.0f}'  # now: no tick since
    user.find(marker='notifications-bell').click()
    with user.scope(marker='notifications'):
        await user.should_see('Raised while nobody watched')
