"""In a cluster, a page of a shop another worker runs goes to that worker, through the proxy's persistence cookie."""
from dataclasses import dataclass

from nicegui import app
from nicegui.testing import User

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


async def test_a_page_of_a_shop_another_worker_runs_sends_the_browser_there(user: User, create_user):
    await sign_up_owner(user)
    shop_id = the_engine().profile.id
    _, token = await create_token(app.state.shops.store, shop_id, 'kiosk', 'TV')
    app.state.shops.placement = RunsElsewhere('w2')
    for page in ('/', '/reports', '/settings', f'/kiosk/{token}'):
        visitor = user if page != f'/kiosk/{token}' else create_user()
        await visitor.open(page)
        await visitor.should_see(marker='shop-elsewhere')
        assert 'document.cookie = "chairside_worker=w2; path=/; SameSite=Lax"; location.reload()' in \
            visitor.client.head_html, page
        await visitor.should_not_see(marker='metric-revenue')


async def test_a_page_of_a_shop_no_worker_runs_yet_says_so_and_tries_again(user: User):
    await sign_up_owner(user)
    app.state.shops.placement = RunsElsewhere(None)
    await user.open('/')
    await user.should_see('The shop is moving to another server')
    assert 'location.reload()' in user.client.head_html


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
    del app.state.shops.engines[shop_id]
    tv = create_user()
    await tv.open(f'/kiosk/{token}')
    await tv.should_see('The shop is starting on this server')
    await tv.should_not_see('This screen is not linked')
    assert 'location.reload()' in tv.client.head_html
