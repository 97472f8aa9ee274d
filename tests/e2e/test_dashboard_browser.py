from playwright.sync_api import Browser, expect

from .conftest import sign_up


def test_revenue_updates_without_a_reload(shop_app, browser: Browser, output_dir):
    page = browser.new_page(viewport={'width': 1366, 'height': 800})
    sign_up(page, shop_app)
    revenue = page.get_by_test_id('metric-revenue-value')
    first = revenue.inner_text()
    assert first.startswith('$')
    expect(revenue).not_to_have_text(first)  # 60x: a service finishes every few seconds
    expect(page.get_by_test_id('connection').get_by_text('Live')).to_be_visible()
    page.screenshot(path=output_dir / 'dashboard-laptop.png', full_page=True)


def test_the_figures_panel_and_the_user_menu_open_with_their_contents(shop_app, browser: Browser):
    """Both are built on first opening (kpi_panel.py, user_menu.py): they must still open with what they hold."""
    page = browser.new_page()
    sign_up(page, shop_app)
    page.get_by_text('More figures').click()
    expect(page.get_by_text('Barbers, last 30 days')).to_be_visible()
    expect(page.get_by_text('Retention 90 days')).to_be_visible()
    page.get_by_test_id('user-menu').click()
    expect(page.get_by_text('Settings')).to_be_visible()
    page.get_by_text('Sign out').click()
    expect(page.get_by_role('button', name='Sign in')).to_be_visible()


def test_on_a_phone_the_cards_stack_and_nothing_overflows(shop_app, browser: Browser, output_dir):
    page = browser.new_page(viewport={'width': 390, 'height': 844})
    sign_up(page, shop_app)
    expect(page.get_by_test_id('metric-utilization')).to_be_visible()
    page.wait_for_timeout(1000)  # let the chart lay out
    page.screenshot(path=output_dir / 'dashboard-phone.png', full_page=True)
    assert page.evaluate('document.documentElement.scrollWidth') <= 390
    revenue = page.get_by_test_id('metric-revenue').bounding_box()
    bookings = page.get_by_test_id('metric-bookings').bounding_box()
    assert bookings['y'] >= revenue['y'] + revenue['height']  # stacked, not side by side


def test_the_badge_stops_saying_live_when_the_server_goes_away(shop_app, browser: Browser):
    page = browser.new_page()
    sign_up(page, shop_app)
    badge = page.get_by_test_id('connection')
    expect(badge.get_by_text('Live')).to_be_visible()
    expect(badge.get_by_text('Offline')).to_be_hidden()
    shop_app.stop()
    expect(badge.get_by_text('Offline')).to_be_visible()
    expect(badge.get_by_text('Live')).to_be_hidden()
