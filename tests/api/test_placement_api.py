"""In a cluster, on a worker that does not run the shop: events are stored and acknowledged (the worker that runs it
applies them), and a read of the shop's figures is sent to that worker through the proxy's cookie."""
from nicegui import app
from nicegui.testing import User

from store.events import load_events
from tests.ui.test_placement import RunsElsewhere

from .helpers import live_shop, visit


async def test_events_posted_to_a_worker_that_does_not_run_the_shop_are_stored_and_acknowledged(user: User):
    shop = await live_shop(user)
    app.state.shops.placement = RunsElsewhere('w2')
    del app.state.shops.engines[shop.id]  # as on a worker that does not run the shop
    posted = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=shop.headers)
    assert posted.status_code == 200 and posted.json() == {'accepted': 3, 'duplicates': 0}
    assert len(await load_events(app.state.shops.store, shop.id)) == 3
    bad = await user.http_client.post(f'{shop.url}/events', json={'events': [{**visit(2)[0], 'at': 'soon'}]},
                                      headers=shop.headers)
    assert bad.status_code == 422 and bad.json()['detail'][0]['loc'][-1] == 'at', 'checked there as anywhere'


async def test_a_read_of_the_figures_goes_to_the_worker_that_runs_the_shop(user: User):
    shop = await live_shop(user)
    app.state.shops.placement = RunsElsewhere('w2')
    for path in ('/metrics', '/report?from=2026-11-01&to=2026-11-24', '/forecast'):
        answer = await user.http_client.get(f'{shop.url}{path}', headers=shop.headers, follow_redirects=False)
        assert answer.status_code == 307, path
        assert answer.headers['location'] == f'{shop.url}{path}'
        assert 'chairside_worker=w2' in answer.headers['set-cookie']


async def test_a_read_while_no_worker_runs_the_shop_is_told_when_to_try_again(user: User):
    shop = await live_shop(user)
    app.state.shops.placement = RunsElsewhere(None)
    answer = await user.http_client.get(f'{shop.url}/metrics', headers=shop.headers)
    assert answer.status_code == 503 and answer.headers['retry-after'] == '2'
    assert 'try again' in answer.json()['detail']
