"""The Reports page: an owner picks a period and reads the same figures a recomputation from the events gives, sorts
the tables, takes them away as CSV with the numbers shown; a bad range says what to do; staff are not shown it."""
import csv
import io
from datetime import date

from nicegui import app, ui
from nicegui.testing import User

from engine import Event, ShopEngine, SimClock, words
from engine.analytics import FIGURES
from store.staff import invite_staff
from tests.unit import reference_analytics as reference
from tests.unit.reference import closed_in_posted_order

from .helpers import advance, sign_in_invited, sign_up_owner, text_of, the_engine

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))  # the month before the shop's clock (Tuesday 24 November)


async def open_reports(user: User) -> None:
    await sign_up_owner(user)
    user.find(marker='user-menu').click()
    user.find(marker='menu-reports').click()
    await user.should_see(marker='report-revenue')


async def pick(user: User, choice: str) -> None:
    user.find(marker='report-period').click()
    user.find(choice).click()


def the_table(user: User, name: str) -> ui.table:
    (table,) = user.find(marker=f'report-table-{name}').elements
    return table


def replayed_log(engine: ShopEngine) -> list[Event]:
    """The demo shop's events, made again from its seed: what the page's figures must be recomputable from."""
    again = ShopEngine.simulated(engine.profile, SimClock(start=engine.clock.now(), speed=0),
                                 engine.feed.simulation.seed, app.state.shops.settings.sim_history_days)
    log: list[Event] = []
    again.listeners.append(log.append)
    again.advance()
    return log


async def test_an_owner_picks_last_month_and_reads_the_figures_a_recomputation_gives(user: User):
    await open_reports(user)
    await pick(user, 'Last month')
    await user.should_see('Last month: Thu 1 Oct 2026 to Sat 31 Oct 2026')
    await user.should_see('Changes against Tue 1 Sep 2026 to Wed 30 Sep 2026')
    engine = the_engine()
    now, log = engine.clock.now(), replayed_log(engine)
    visits = reference.visits(log, closed_in_posted_order(engine.profile, log, now))
    (expected,) = reference.report(engine.profile, log, *OCTOBER, now, all_visits=visits).values()
    for name in ('revenue', 'visits', 'average_ticket', 'tips', 'new_clients', 'rebooking_rate', 'utilization',
                 'no_show_rate', 'walk_ins', 'average_wait', 'rating'):
        assert text_of(user, f'report-{name}') == words.figure(FIGURES[name].kind, expected[name]), name
    assert expected['visits'] > 1000  # a month of a busy shop, not an empty one that reads the same


async def test_the_tables_sort_as_numbers(user: User):
    """Sorting happens in the browser (tests/e2e/test_reports_browser.py clicks it): here, every column is sortable
    and holds numbers, not text like "$1,234" that would sort as letters."""
    await open_reports(user)
    for name in ('barber', 'service', 'weekday', 'hour'):
        table = the_table(user, name)
        assert table.rows and all(column['sortable'] for column in table.columns)
        for row in table.rows:
            assert all(isinstance(value, (int, float)) or value is None
                       for key, value in row.items() if key != 'key'), row


async def test_each_csv_holds_the_numbers_on_the_screen(user: User):
    await open_reports(user)
    await pick(user, 'Last month')
    await user.should_see('Last month: Thu 1 Oct 2026')
    for name in ('barber', 'service', 'weekday', 'hour', 'headline'):
        table = the_table(user, name)
        user.find(marker=f'report-csv-{name}').click()
        response = await user.download.next(timeout=10)
        lines = list(csv.reader(io.StringIO(response.content.decode())))
        assert lines[0] == [column['label'] for column in table.columns]
        shown = [['' if row[c['field']] is None else str(row[c['field']]) for c in table.columns] for row in table.rows]
        assert lines[1:] == shown and len(shown) >= 4


async def test_a_custom_range_that_ends_before_it_starts_says_what_to_do(user: User):
    await open_reports(user)
    await pick(user, 'Last month')
    await user.should_see('Last month: Thu 1 Oct 2026 to Sat 31 Oct 2026')
    shown = text_of(user, 'report-revenue')
    await pick(user, 'Custom range')
    user.find(marker='report-from').type('2026-10-31')
    user.find(marker='report-to').type('2026-10-01')
    user.find(marker='report-apply').click()
    await user.should_see('The end date (2026-10-01) is before the start date (2026-10-31): pick an end date on or '
                          'after the start.')
    assert text_of(user, 'report-revenue') == shown  # the report shown stays
    user.find(marker='report-to').clear().type('soon')
    user.find(marker='report-apply').click()
    await user.should_see('"soon" is not a date: give the end date as YYYY-MM-DD, e.g. 2026-10-01.')
    user.find(marker='report-to').clear().type('2026-11-07')
    user.find(marker='report-apply').click()
    await user.should_see('Sat 31 Oct 2026 to Sat 7 Nov 2026')
    await user.should_not_see(marker='report-range-error', content='pick')


async def test_this_month_follows_the_shop_as_it_works(user: User):
    await open_reports(user)
    await user.should_see('This month: Sun 1 Nov 2026 to Tue 24 Nov 2026')
    before = text_of(user, 'report-visits')
    advance(3 * 3600)  # the shop's clock: three more hours of haircuts, published as a tick does
    await user.should_not_see(marker='report-visits', content=before)  # rebuilt within seconds of the tick
    assert int(text_of(user, 'report-visits').replace(',', '')) > int(before.replace(',', ''))


async def test_staff_are_not_shown_reports(user: User, create_user):
    await sign_up_owner(user)
    (shop_id,) = app.state.shops.engines
    password = await invite_staff(app.state.shops.store, shop_id, 'dee@example.com')
    staff = create_user()
    await sign_in_invited(staff, 'dee@example.com', password)
    staff.find(marker='user-menu').click()
    await staff.should_see(marker='menu-coach')
    await staff.should_not_see(marker='menu-reports')
    await staff.open('/reports')
    await staff.should_see('Only the shop owner can see reports.')
    await staff.should_not_see(marker='report-revenue')
