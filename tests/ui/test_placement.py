"""In a cluster, a page of a shop another worker runs goes to that worker, through the proxy's persistence cookie."""
from dataclasses import dataclass
from urllib.parse import quote

from nicegui import app, context
from nicegui.testing import User

from shops.placement import COOKIE
from store.tokens import create_token

from .helpers import sign_up_owner, the_engine


@dataclass
class RunsElsewhere:
    """A placement where this worker runs no shop and `name` runs them all (or none does)."""
    name: str | None

    def owns(self, shop_id: str) -> bool:
        return False

    def holder(self, shop_id: str) -> str | None:
        return self.name


class BehindTheProxy(RunsElsewhere):
    """Plays the proxy and two workers in one process: a page request whose persistence cookie names `w2` reaches w2,
    which runs every shop; any other reaches a worker that runs none."""

    def __init__(self) -> None:
        super().__init__('w2')

    def owns(self, shop_id: str) -> bool:
        return context.client.request.cookies.get(COOKIE) == 'w2'


async def test_a_page_of_a_shop_another_worker_runs_sends_the_browser_there(user: User, create_user):
    await sign_up_owner(user)
    shop_id = the_engine().profile.id
    _, token = await create_token(app.state.shops.store, shop_id, 'kiosk', 'TV')
    app.state.shops.placement = BehindTheProxy()
    for page, shown in (('/', 'metric-revenue'), ('/reports', 'report-print'), (f'/kiosk/{token}', 'kiosk-time')):
        visitor = user if page != f'/kiosk/{token}' else create_user()
        await visitor.open(page)
        await visitor.should_see(marker=shown)  # loaded again through /to-worker, which set the cookie
        assert visitor.http_client.cookies.get(COOKIE) == 'w2', page
        assert f'/to-worker?worker=w2&to={quote(page, safe="")}' in visitor.back_history, page
        visitor.http_client.cookies.delete(COOKIE)


async def test_the_way_to_a_worker_goes_only_to_a_page_of_this_app(user: User):
    response = await user.http_client.get('/to-worker', params={'worker': 'w2', 'to': '//evil.example'})
    assert response.status_code == 303
    assert response.headers['location'] == '/'
    assert response.cookies.get(COOKIE) == 'w2'
    response = await user.http_client.get('/to-worker', params={'worker': 'w2"; evil=1', 'to': '/'})
    assert response.status_code == 422


async def test_a_page_of_a_shop_no_worker_runs_yet_says_so_and_opens_it_once_one_does(user: User):
    await sign_up_owner(user)
    app.state.shops.placement = RunsElsewhere(None)
    await user.open('/')
    await user.should_see('The shop is moving to another server')
    app.state.shops.placement = None  # this worker took the shop
    await user.should_see(marker='metric-revenue')  # the page tried again by itself, seconds later


class StartingHere(RunsElsewhere):
    """This worker has just taken every shop's lease and is starting them."""

    def owns(self, shop_id: str) -> bool:
        return True


async def test_a_page_of_a_shop_this_worker_is_still_starting_says_so_and_tries_again(user: User, create_user):
    """Found by the failover test: a kiosk opened in that moment said it was not linked."""
    await sign_up_owner(user)
    shop_id = the_engine().profile.id
    _, token = await create_token(app.state.shops.store, shop_id, 'kiosk', 'TV')
    app.state.shops.placement = StartingHere(None)
    engine = app.state.shops.engines.pop(shop_id)
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    await tv.should_see('The shop is starting on this server')
    await tv.should_not_see('This screen is not linked')
    app.state.shops.placement = None
    app.state.shops.engines[shop_id] = engine  # started
    await tv.should_see(marker='kiosk-time')


@dataclass
class RunsOnly:
    """This worker runs these shops; any other shop, none yet."""
    shop_ids: set[str]

    def owns(self, shop_id: str) -> bool:
        return shop_id in self.shop_ids

    def holder(self, shop_id: str) -> str | None:
        return None


async def test_a_shop_opened_on_a_worker_starts_where_its_lease_is_taken_not_there(user: User):
    await sign_up_owner(user)
    first = the_engine()
    app.state.shops.placement = RunsOnly({first.profile.id})
    await user.open('/settings')
    user.find(marker='new-shop-name').type('Second Chair')
    user.find(marker='create-shop').click()
    await user.should_see('Second Chair is open')
    assert list(app.state.shops.engines.values()) == [first], 'a second engine of it would run, unleased'
