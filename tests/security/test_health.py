"""Finding 9: /api/health without credentials says only whether the service is up; its details (shop ids, open
pages, providers with their failure reasons and server addresses...) need the owner signed in or a monitoring token."""
from nicegui import app
from nicegui.testing import User

from store.staff import invite_staff
from store.tokens import create_token
from tests.ui.helpers import sign_in_invited, sign_up_owner

DETAILS = {'engine_running', 'seconds_since_tick', 'sessions', 'subscribers', 'pages_per_shop', 'knowledge',
           'coach_providers', 'store', 'shops'}


async def test_without_credentials_health_says_only_whether_the_service_is_up(user: User, create_user):
    await sign_up_owner(user)
    stranger = create_user()
    response = await stranger.http_client.get('/api/health')
    assert response.status_code == 200
    assert response.json() == {'status': 'ok'}  # before: shop ids, pages per shop, providers, models, failures


async def test_staff_see_the_status_only_and_the_owner_the_details(user: User, create_user):
    await sign_up_owner(user)
    one_time = await invite_staff(app.state.shops.store, next(iter(app.state.shops.engines)), 'sam@example.com')
    staff = create_user()
    await sign_in_invited(staff, 'sam@example.com', one_time)
    assert (await staff.http_client.get('/api/health')).json() == {'status': 'ok'}
    owner = (await user.http_client.get('/api/health')).json()
    assert DETAILS <= set(owner) and owner['status'] == 'ok'
    assert list(owner['pages_per_shop'].values()) == [2]  # the owner's dashboard and the staff member's


async def test_a_monitoring_token_made_in_settings_reads_the_details_until_revoked(user: User, create_user):
    await sign_up_owner(user)
    await user.open('/settings')
    with user.scope(marker='settings-monitor-tokens'):
        user.find(marker='monitor-token-name').type('Uptime robot')
        user.find(marker='create-monitor-token').click()
    await user.should_see(marker='secret-value')
    (secret,) = user.find(marker='secret-value').elements
    monitor = create_user()
    headers = {'Authorization': f'Bearer {secret.text}'}
    body = (await monitor.http_client.get('/api/health', headers=headers)).json()
    assert DETAILS <= set(body)
    assert [p['label'] for p in body['coach_providers']] == ['Offline coach']
    user.find(marker='secret-done').click()
    with user.scope(marker='settings-monitor-tokens'):
        user.find(marker='revoke-token').click()
    await user.should_see(marker='confirm-yes')
    user.find(marker='confirm-yes').click()
    with user.scope(marker='settings-monitor-tokens'):
        await user.should_see('revoked')
    refused = await monitor.http_client.get('/api/health', headers=headers)
    assert refused.status_code == 401
    assert 'monitoring token is unknown or revoked' in refused.json()['detail']


async def test_an_api_token_is_not_a_monitoring_token(user: User, create_user):
    await sign_up_owner(user)
    _, token = await create_token(app.state.shops.store, next(iter(app.state.shops.engines)), 'api', 'Till')
    response = await create_user().http_client.get('/api/health', headers={'Authorization': f'Bearer {token}'})
    assert response.status_code == 401 and 'sessions' not in response.text
