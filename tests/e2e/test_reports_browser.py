import csv
import io
import re

from playwright.sync_api import Browser, expect

from .conftest import sign_up


def test_an_owner_picks_last_month_sorts_a_table_and_downloads_what_the_screen_shows(shop_app, browser: Browser,
                                                                                     output_dir):
    page = browser.new_page(viewport={'width': 1366, 'height': 900}, accept_downloads=True)
    sign_up(page, shop_app)
    page.get_by_test_id('user-menu').click()
    page.get_by_text('Reports').click()
    page.get_by_test_id('report-period').click()
    page.get_by_role('option', name='Last month').click()
    expect(page.get_by_test_id('report-title')).to_have_text('Last month: Thu 1 Oct 2026 to Sat 31 Oct 2026')
    expect(page.get_by_test_id('report-revenue')).to_have_text(re.compile(r'^\$[\d,]+$'))
    expect(page.get_by_test_id('report-chart-revenue').locator('canvas')).to_be_visible()

    table = page.get_by_test_id('report-table-barber')
    table.get_by_role('columnheader', name='Revenue ($)').click()  # ascending
    table.get_by_role('columnheader', name='Revenue ($)').click()  # descending
    expect(table.get_by_role('columnheader', name='Revenue ($)')).to_have_class(re.compile(r'\bsort-desc\b'))  # the
    # rows are read once sorted: read at once, under contention they were still in the first click's order
    rows = [[cell.inner_text().strip() for cell in row.locator('td').all()] for row in table.locator('tbody tr').all()]
    revenue = [float(row[1]) for row in rows]
    assert revenue == sorted(revenue, reverse=True) and revenue[0] > revenue[-1]

    with page.expect_download() as download:
        page.get_by_test_id('report-csv-barber').click()
    lines = list(csv.reader(io.StringIO(download.value.path().read_text(encoding='utf-8'))))
    headers = [cell.inner_text().strip() for cell in table.locator('thead th').all()]
    assert [h.replace('arrow_upward', '').strip() for h in headers] == lines[0]
    assert sorted(rows) == sorted(lines[1:])  # the same numbers; the file keeps the report's order
    page.screenshot(path=output_dir / 'reports-laptop.png', full_page=True)
