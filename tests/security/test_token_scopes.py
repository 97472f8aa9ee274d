"""Finding 10 (part): one API token could post events and read everything. Tokens now get scopes, chosen when made
in Settings > Tokens; a token without the scope a route needs is refused with a sentence saying which to make."""
from nicegui import app
from nicegui.testing import User

from store.tokens import create_token, list_tokens
from tests.api.helpers import Shop, live_shop, visit

NO_FIGURES = ('This API token may not read figures: make a token with "Read figures" ticked in Settings > Tokens and '
              'send that.')
NO_EVENTS = ('This API token may not post events: make a token with "Post events" ticked in Settings > Tokens and '
             'send that.')


async def _token(shop: Shop, *scopes: str) -> dict[str, str]:
    _, token = await create_token(app.state.shops.store, shop.id, 'api', 'Scoped', scopes)
    return {'Authorization': f'Bearer {token}'}


async def test_a_token_that_posts_events_cannot_read_the_figures(user: User):
    shop = await live_shop(user)
    till = await _token(shop, 'events')
    posted = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=till)
    assert posted.status_code == 200 and posted.json()['accepted'] == 3
    for path in ('/metrics', '/metrics/stream', '/notifications?user=owner@example.com'):
        response = await user.http_client.get(shop.url + path, headers=till)
        assert response.status_code == 403, path  # before: 200, the whole shop's figures
        assert response.json() == {'detail': NO_FIGURES}, path
    marked = await user.http_client.post(f'{shop.url}/notifications/read', json={'user': 'owner@example.com',
                                                                               'all': True}, headers=till)
    assert marked.status_code == 403


async def test_a_token_that_reads_figures_cannot_post_events(user: User):
    shop = await live_shop(user)
    reader = await _token(shop, 'figures')
    assert (await user.http_client.get(f'{shop.url}/metrics', headers=reader)).status_code == 200
    response = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=reader)
    assert response.status_code == 403
    assert response.json() == {'detail': NO_EVENTS}
    assert (await user.http_client.get(f'{shop.url}/metrics', headers=reader)).json()['events_applied'] == 0


async def test_the_owner_chooses_the_scopes_when_making_a_token(user: User):
    shop = await live_shop(user)
    await user.open('/settings')
    with user.scope(marker='settings-api-tokens'):
        user.find(marker='api-token-name').type('Reporting')
        user.find(marker='scope-events').click()  # ticked by default: a till posts events
        user.find(marker='create-api-token').click()
        await user.should_see('Choose what the token may do: post events, read figures, or both.')
        user.find(marker='scope-figures').click()
        user.find(marker='create-api-token').click()
    await user.should_see(marker='secret-value')
    (secret,) = user.find(marker='secret-value').elements
    headers = {'Authorization': f'Bearer {secret.text}'}
    user.find(marker='secret-done').click()
    with user.scope(marker='settings-api-tokens'):
        await user.should_see('Reporting')
        await user.should_see(marker='token-scopes', content='Read figures')
    assert (await user.http_client.get(f'{shop.url}/metrics', headers=headers)).status_code == 200
    refused = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=headers)
    assert refused.json() == {'detail': NO_EVENTS}
    scopes = {row.name: row.scopes for row in await list_tokens(app.state.shops.store, shop.id, 'api')}
    assert scopes == {'Till': 'events figures', 'Reporting': 'figures'}
