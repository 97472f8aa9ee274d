from playwright.sync_api import Browser, expect

from .conftest import sign_up


def test_the_owner_plans_a_barber_on_saturday_and_sees_progress_then_the_range(shop_app, browser: Browser):
    page = browser.new_page(viewport={'width': 1366, 'height': 900})
    sign_up(page, shop_app)
    page.get_by_test_id('user-menu').click()
    page.get_by_text('What if…').click()
    page.get_by_test_id('plan-add').click()  # the form starts at "Add a barber" on Saturday; 8 weeks x 8 futures
    expect(page.get_by_text('Add a barber on Saturday')).to_be_visible()
    page.get_by_test_id('plan-run').click()
    expect(page.get_by_test_id('plan-progress')).to_be_visible()
    expect(page.get_by_text('simulated futures run')).to_be_visible()
    result = page.get_by_test_id('plan-result')
    expect(result).to_be_visible(timeout=60_000)
    expect(result.get_by_text('8 weeks from')).to_contain_text('over 8 simulated futures')
    expect(result.get_by_role('row', name='Revenue a week')).to_contain_text(' to ')
    expect(result.get_by_text("New barber works Saturday at 1x the menu's time")).to_be_visible()
    expect(page.get_by_test_id('plan-progress')).to_be_hidden()
