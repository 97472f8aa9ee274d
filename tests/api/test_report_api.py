"""GET /api/shops/{id}/report: any period of a real shop's history, as JSON or CSV, from the events its till posted;
bad dates and ranges are 422 naming the field; a token must be allowed to read figures."""
import csv
import io
from datetime import timedelta

from nicegui import app
from nicegui.testing import User

from engine.analytics import FIGURES
from store.tokens import create_token
from tests.unit import reference_analytics as reference
from tests.unit.handmade import handmade_log

from .helpers import NOW, Shop, another_live_shop, live_shop


async def fed_shop(user: User) -> tuple[Shop, list]:
    shop = await live_shop(user)
    profile = app.state.shops.engines[shop.id].profile
    log = [e for e in handmade_log(4, profile, profile.local(NOW).date() - timedelta(62), 63) if e.at <= NOW]
    for start in range(0, len(log), 1000):
        batch = [event.to_dict() for event in log[start:start + 1000]]
        response = await user.http_client.post(f'{shop.url}/events', json={'events': batch}, headers=shop.headers)
        assert response.status_code == 200, response.text
    return shop, log


def close(a, b) -> bool:
    return a is b if a is None or b is None else abs(a - b) <= 1e-6 * max(1.0, abs(b))


async def test_a_report_as_json_equals_a_recomputation_from_the_events(user: User):
    shop, log = await fed_shop(user)
    profile = app.state.shops.engines[shop.id].profile
    today = profile.local(NOW).date()
    start, end = today - timedelta(27), today
    response = await user.http_client.get(f'{shop.url}/report', headers=shop.headers,
                                          params={'from': start.isoformat(), 'to': end.isoformat(), 'by': 'barber'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body['covered'] == {'from': start.isoformat(), 'to': end.isoformat()} and body['by'] == 'barber'
    all_visits = reference.visits(log)
    (total,) = reference.report(profile, log, start, end, NOW, all_visits=all_visits).values()
    for name in ('revenue', 'visits', 'average_ticket', 'tips', 'no_shows', 'utilization', 'rating'):
        assert close(body['figures'][name], total[name]), name
    before = reference.report(profile, log, start - timedelta(28), start - timedelta(1), NOW, all_visits=all_visits)
    assert body['previous']['from'] == (start - timedelta(28)).isoformat()
    assert close(body['changes']['revenue']['previous'], total['revenue'] / before[None]['revenue'] - 1)
    assert body['year_before'] is None  # the history is nine weeks long: no comparison, never zeros
    by_barber = reference.report(profile, log, start, end, NOW, 'barber', all_visits=all_visits)
    rows = {row['key']: row['figures'] for row in body['rows']}
    assert set(rows) >= {key for key, figures in by_barber.items() if figures['visits']}
    for key, figures in rows.items():
        assert close(figures['revenue'], by_barber[key]['revenue']), key


async def test_a_report_as_csv_holds_the_table_of_the_reports_page(user: User):
    shop, log = await fed_shop(user)
    profile = app.state.shops.engines[shop.id].profile
    today = profile.local(NOW).date()
    start = today - timedelta(40)
    response = await user.http_client.get(f'{shop.url}/report', params={'from': str(start), 'to': str(today),
                                                                         'by': 'service'},
                                          headers={**shop.headers, 'Accept': 'text/csv'})
    assert response.status_code == 200 and response.headers['content-type'].startswith('text/csv')
    assert f'report-{start}-{today}-by-service.csv' in response.headers['content-disposition']
    lines = list(csv.DictReader(io.StringIO(response.text)))
    expected = reference.report(profile, log, start, today, NOW, 'service')
    assert {line['Service'] for line in lines} >= {key for key, f in expected.items() if f['visits']}
    for line in lines:
        figures = expected.get(line['Service'])
        if figures:
            assert float(line['Revenue ($)']) == round(figures['revenue'], 2)
            assert int(line['Visits']) == figures['visits']
    headline = await user.http_client.get(f'{shop.url}/report', params={'from': str(start), 'to': str(today)},
                                          headers={**shop.headers, 'Accept': 'text/csv'})
    rows = {row['Figure']: row for row in csv.DictReader(io.StringIO(headline.text))}
    assert len(rows) == len(FIGURES) and int(rows['Visits']['Value']) == sum(
        f['visits'] for f in expected.values())


async def test_bad_dates_and_ranges_are_422_naming_the_field(user: User):
    shop = await live_shop(user)
    cases = [
        ({'from': '2026-11-10', 'to': '2026-11-01'}, 'to', 'The end date (2026-11-01) is before the start date '
                                                           '(2026-11-10): pick an end date on or after the start.'),
        ({'from': 'last tuesday', 'to': '2026-11-01'}, 'from', '"last tuesday" is not a date: give the start date as '
                                                               'YYYY-MM-DD, e.g. 2026-10-01.'),
        ({'to': '2026-11-01'}, 'from', 'Pick a start date.'),
        ({'from': '2020-01-01', 'to': '2026-11-01'}, 'from', 'A report covers at most 1,099 days: pick a shorter '
                                                             'range.'),
    ]
    for params, field, message in cases:
        response = await user.http_client.get(f'{shop.url}/report', params=params, headers=shop.headers)
        assert response.status_code == 422, params
        assert response.json()['detail'] == [{'loc': ['query', field], 'msg': message, 'type': 'value_error'}]
    response = await user.http_client.get(f'{shop.url}/report', headers=shop.headers,
                                          params={'from': '2026-11-01', 'to': '2026-11-02', 'by': 'chair'})
    assert response.status_code == 422 and response.json()['detail'][0]['loc'] == ['query', 'by']


async def test_only_a_token_of_the_shop_that_may_read_figures_gets_a_report(user: User):
    shop = await live_shop(user)
    params = {'from': '2026-11-01', 'to': '2026-11-24'}
    _, till = await create_token(app.state.shops.store, shop.id, 'api', 'Till only', ('events',))
    refused = await user.http_client.get(f'{shop.url}/report', params=params,
                                         headers={'Authorization': f'Bearer {till}'})
    assert refused.status_code == 403 and 'may not read figures' in refused.json()['detail']
    assert (await user.http_client.get(f'{shop.url}/report', params=params)).status_code == 401
    other = await another_live_shop(shop)
    assert (await user.http_client.get(f'{shop.url}/report', params=params, headers=other.headers)).status_code == 403
    assert (await user.http_client.get(f'{shop.url}/report', params=params, headers=shop.headers)).status_code == 200


async def test_the_report_is_documented(user: User):
    await live_shop(user)
    schema = (await user.http_client.get('/openapi.json')).json()
    route = schema['paths']['/api/shops/{shop_id}/report']['get']
    assert 'Accept: text/csv' in route['description']
    assert {'200', '401', '403', '422'} <= set(route['responses'])
    assert 'text/csv' in route['responses']['200']['content']
    assert {p['name'] for p in route['parameters']} >= {'from', 'to', 'by'}
