"""A shop's token opens that shop only: another shop, or a guessed id, is 403 with the same words; no token is 401."""
from nicegui import app
from nicegui.testing import User

from store.events import load_events
from store.tokens import list_tokens, revoke_token

from .helpers import another_live_shop, live_shop, visit

OTHER_SHOP = ("This API token does not open this shop: use the shop id and a token made in that shop's "
              'Settings > Tokens.')


async def test_a_token_of_shop_a_cannot_post_to_or_read_shop_b(user: User):
    a = await live_shop(user)
    b = await another_live_shop(a)
    for path in (f'{b.url}/events', f'{b.url}/metrics', f'{b.url}/metrics/stream', '/api/shops/guessed-id/metrics',
                 '/api/shops/guessed-id/events'):
        call = user.http_client.post if path.endswith('events') else user.http_client.get
        kwargs = {'json': {'events': visit(1)}} if path.endswith('events') else {}
        response = await call(path, headers=a.headers, **kwargs)
        assert response.status_code == 403, path
        assert response.json() == {'detail': OTHER_SHOP}, path  # a real shop and a guessed one look the same
    assert await load_events(app.state.shops.store, b.id) == []
    response = await user.http_client.post(f'{b.url}/events', json={'events': visit(1)}, headers=b.headers)
    assert response.json()['accepted'] == 3


async def test_no_token_an_unknown_one_or_a_revoked_one_is_401(user: User):
    shop = await live_shop(user)
    no_token = await user.http_client.get(f'{shop.url}/metrics')
    assert no_token.status_code == 401 and 'Authorization: Bearer' in no_token.json()['detail']
    assert no_token.headers['www-authenticate'] == 'Bearer'
    unknown = await user.http_client.get(f'{shop.url}/metrics', headers={'Authorization': 'Bearer not-a-token'})
    assert unknown.status_code == 401 and 'unknown or revoked' in unknown.json()['detail']
    (token,) = await list_tokens(app.state.shops.store, shop.id, 'api')
    assert await revoke_token(app.state.shops.store, shop.id, 'api', token.id)
    revoked = await user.http_client.post(f'{shop.url}/events', json={'events': visit(1)}, headers=shop.headers)
    assert revoked.status_code == 401


async def test_the_routes_are_documented_in_openapi(user: User):
    await live_shop(user)
    schema = (await user.http_client.get('/openapi.json')).json()
    post = schema['paths']['/api/shops/{shop_id}/events']['post']
    assert 'All or nothing' in post['description'] and 'Idempotent by event id' in post['description']
    assert 'oneOf' in str(post['requestBody']) or 'anyOf' in str(post['requestBody'])
    assert schema['paths']['/api/shops/{shop_id}/metrics/stream']['get']['description']
    assert (await user.http_client.get('/docs')).status_code == 200
