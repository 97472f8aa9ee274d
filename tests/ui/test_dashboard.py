import gc
import weakref
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import app, binding
from nicegui.testing import User

from bench.live_client import parse_page

from .helpers import OWNER_EMAIL, OWNER_PASSWORD, advance, sign_in, sign_up_owner, text_of, the_engine

CARDS = ['metric-revenue', 'metric-bookings', 'metric-satisfaction', 'metric-utilization']


async def test_the_four_cards_show_figures_that_change_as_the_shop_works(user: User):
    await sign_up_owner(user)
    for card in CARDS:
        await user.should_see(marker=card)
    await user.should_see('Demo Barbershop')
    await user.should_see('Open until 20:00')
    revenue = text_of(user, 'metric-revenue-value')
    assert revenue.startswith('$')
    advance(90 * 60)
    assert text_of(user, 'metric-revenue-value') != revenue
    await user.should_see('Tue 12:00')


async def test_a_second_tab_sees_the_same_numbers(user: User, create_user):
    other = create_user()
    await sign_up_owner(user)
    await sign_in(other, OWNER_EMAIL, OWNER_PASSWORD)
    await other.should_see(marker='metric-revenue')
    advance(45 * 60)
    for card in CARDS:
        assert text_of(user, f'{card}-value') == text_of(other, f'{card}-value')
    assert text_of(user, 'activity-in-shop') == text_of(other, 'activity-in-shop')


async def test_the_figures_come_from_the_engine(user: User):
    await sign_up_owner(user)
    snapshot = the_engine().snapshot()
    assert text_of(user, 'metric-revenue-value') == f'${snapshot.today.revenue:,.0f}'
    assert text_of(user, 'metric-bookings-value') == str(snapshot.today.bookings)
    assert text_of(user, 'metric-utilization-value') == f'{snapshot.today.utilization:.0%}'
    await user.should_see(f'{snapshot.busy_chairs} of 4 chairs busy now')


async def test_at_night_the_page_says_closed_and_shows_the_last_open_day(user: User):
    await sign_up_owner(user)
    advance(12 * 3600)  # Tuesday 22:30
    await user.should_see("Closed · opens tomorrow 09:00. Showing today's final figures.")
    revenue = text_of(user, 'metric-revenue-value')
    advance(8 * 3600)  # Wednesday 06:30
    await user.should_see('Closed · opens today 09:00. Showing Tuesday 24 November, the last open day.')
    assert text_of(user, 'metric-revenue-value') == revenue != '$0'


async def test_the_owner_can_speed_the_simulation_up_for_every_screen(user: User, create_user):
    other = create_user()
    await sign_up_owner(user)
    await sign_in(other, OWNER_EMAIL, OWNER_PASSWORD)
    await other.should_see(marker='speed')
    (toggle,) = user.find(marker='speed').elements
    toggle.value = 60  # what choosing '60x' does
    assert app.state.shops.demo_clock.speed == 60
    advance(0)
    (other_toggle,) = other.find(marker='speed').elements
    assert other_toggle.value == 60


async def test_a_failing_part_says_so_and_the_rest_keeps_updating(user: User, caplog, monkeypatch):
    await sign_up_owner(user)
    from ui.dashboard import view

    def broken(dashboard_view, snapshot):
        raise ValueError('broken chart data')
    monkeypatch.setitem(view.PART_BUILDERS, 'chart', broken)
    revenue = text_of(user, 'metric-revenue-value')
    advance(90 * 60)
    await user.should_see('This part could not be updated (ValueError).')
    assert text_of(user, 'metric-revenue-value') != revenue
    caplog.clear()  # the failure was logged on purpose


async def test_when_the_engine_fails_the_badge_stops_claiming_live(user: User, caplog, monkeypatch):
    await sign_up_owner(user)
    await user.should_see(marker='connection-text', content='Live')

    def failing_advance():
        raise RuntimeError('disk full')
    monkeypatch.setattr(the_engine(), 'advance', failing_advance)
    advance(60)
    await user.should_see('Engine stopped: figures are not updating (last update 10:30:00)')
    assert text_of(user, 'connection-text') != 'Live'
    response = await user.http_client.get('/api/health')
    assert response.json()['status'] == 'degraded'
    caplog.clear()  # the failure was logged on purpose


async def test_health_reports_the_engine_and_the_sessions(user: User):
    await sign_up_owner(user)
    response = await user.http_client.get('/api/health')
    body = response.json()
    assert response.status_code == 200
    assert body['engine_running'] is True
    assert body['sessions'] >= 1
    assert body['subscribers'] >= 3  # a dashboard's state, notifications and feed
    assert body['knowledge'] in ('building', 'ready')  # the session's prebuilt index, opened in the background
    assert [p['label'] for p in body['coach_providers']] == ['Offline coach']  # no keys: the offline coach only
    assert body['seconds_since_tick'] is not None


async def test_the_activity_feed_adds_what_just_happened_on_top(user: User):
    await sign_up_owner(user)
    (feed,) = user.find(marker='activity-feed').elements
    rows_before = [row for row in feed.default_slot.children if 'feed-item' in row._markers]
    assert rows_before
    advance(5 * 60)  # a few events: fewer than the feed holds
    rows = [row for row in feed.default_slot.children if 'feed-item' in row._markers]
    assert 0 < len(rows) <= 20
    assert set(rows_before) & set(rows)  # the rows already shown stay: new ones are added, nothing is rebuilt
    snapshot = the_engine().snapshot()
    newest = snapshot.recent[-1]
    shown_at = datetime.fromtimestamp(newest.at, ZoneInfo('Europe/London')).strftime('%H:%M')
    assert rows[0].content.endswith(f'>{shown_at}</span>')
    assert not any('A customer' in row.content for row in rows)  # names come from the engine, not from what was shown


async def test_each_card_shows_its_trend_and_each_chair_who_is_in_it(user: User):
    await sign_up_owner(user)
    snapshot = the_engine().snapshot()
    trend = snapshot.trend('revenue')
    (revenue_trend,) = user.find(marker='metric-revenue-trend').elements
    assert f'{trend:+.0f}% vs last {snapshot.day:%a}' in revenue_trend.content
    assert ('trending_up' in revenue_trend.content) == (trend > 0.5)
    for number, chair in enumerate(snapshot.chairs, start=1):
        (row,) = user.find(marker=f'chair-{number}').elements
        assert f'>{chair.barber}</span>' in row.content
        busy_text = f'{chair.customer} · {chair.service} · ~{chair.minutes_left} min left'
        assert (busy_text if chair.customer else '>Free<') in row.content


async def test_the_figures_below_the_cards_show_the_clients_and_each_barbers_rebooking(user: User):
    await sign_up_owner(user)
    month = the_engine().snapshot().kpis_month
    await user.should_not_see(marker='kpi-table')  # built when the panel is first opened
    user.find(marker='kpis').elements.pop().open()
    (table,) = user.find(marker='kpi-table').elements
    rows = {row['figure']: row['month'] for row in table.rows}
    assert rows['New clients'] == f'{month.new_clients:,}'
    assert rows['Returning clients'] == f'{month.returning_clients:,}'
    assert rows['Rebooking rate'] == f'{month.rebooking_rate:.0%}' and rows['Retention 30 days'].endswith('%')
    assert {'Retention 60 days', 'Retention 90 days'} <= rows.keys()
    (barbers,) = user.find(marker='barber-table').elements
    assert {'name': 'rebooked', 'label': 'Rebooked (%)', 'field': 'rebooked', 'sortable': True} in barbers.columns
    assert {row['barber']: row['rebooked'] for row in barbers.rows} == \
        {row.barber: round(row.rebooking_rate * 100) for row in month.barbers}


async def test_a_closed_dashboard_leaves_no_binding_behind(user: User, create_user):
    """Bindings of a closed page must go with it: one that outlived it would keep its whole state alive."""
    from ui.dashboard.state import SessionState

    def bound_states() -> set[int]:
        links = [link for links in binding.bindings.values() for link in links]
        return {id(link[0]) for link in links if isinstance(link[0], SessionState)}
    await sign_up_owner(user)
    before = bound_states()
    second = create_user()
    await sign_in(second, OWNER_EMAIL, OWNER_PASSWORD)
    await second.should_see(marker='metric-revenue')
    assert len(bound_states() - before) == 1
    second.client.delete()  # what NiceGUI does once a closed tab's reconnect time is over
    assert bound_states() == before


async def test_a_closed_dashboard_is_freed_without_waiting_for_the_collector(user: User, create_user):
    """Pages are frozen for the collector (runtime/memory.py): what reference counting frees needs no sweep."""
    from ui.dashboard.state import SessionState

    await sign_up_owner(user)
    second = create_user()
    await sign_in(second, OWNER_EMAIL, OWNER_PASSWORD)
    await second.should_see(marker='metric-revenue')
    (card,) = second.find(marker='metric-revenue').elements
    parts = [weakref.ref(card._props), weakref.ref(card._classes), weakref.ref(card._style)]
    mine = set(map(id, second.client.elements.values()))
    (state,) = {id(link[0]): link[0] for links in binding.bindings.values() for link in links
                if isinstance(link[0], SessionState) and id(link[1]) in mine}.values()
    state = weakref.ref(state)  # what the page showed, and everything it holds
    del card
    gc.disable()
    try:
        second.client.delete()
        assert [part() for part in parts] == [None, None, None]
        assert state() is None  # no handler of the page (its subscriptions, the figures panel's) keeps it in a cycle
    finally:
        gc.enable()


async def test_the_badge_says_connecting_until_the_pages_socket_is_up(user: User):
    """The first figures come with the page's HTML: the badge said 'Live' there, and a page whose socket never
    connected (the server gone in that moment) said so for good."""
    await sign_up_owner(user)
    first_html = parse_page((await user.http_client.get('/')).text)  # the page as the browser first gets it
    connecting, live = first_html.find(text='Connecting…'), first_html.find(text='Live')
    assert 'hidden' not in connecting.get('class', []) and 'hidden' in live.get('class', [])
    await user.open('/')  # and once its socket is up
    await user.should_see(marker='connection-text', content='Live')
    await user.should_not_see('Connecting…')
