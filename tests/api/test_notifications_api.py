from nicegui import app
from nicegui.testing import User

from store.notifications import add_notification
from tests.ui.helpers import OWNER_EMAIL

from .helpers import live_shop


async def test_other_programs_read_notifications_and_mark_them_read_per_person(user: User):
    shop = await live_shop(user)
    stored = await add_notification(app.state.shops.store, shop.id, 'five_star_review', 'New 5-star review',
                                    '"Great fade" (Carlos Y., served by Dee).', priority='success', key='t:1')
    url = f'{shop.url}/notifications'

    listed = (await user.http_client.get(url, params={'user': OWNER_EMAIL}, headers=shop.headers)).json()
    assert [(n['id'], n['title'], n['read']) for n in listed['notifications']] == [(stored, 'New 5-star review', False)]

    marked = await user.http_client.post(f'{url}/read', json={'user': OWNER_EMAIL, 'ids': [stored, 'nope']},
                                         headers=shop.headers)
    assert marked.json() == {'marked': 1, 'unknown': ['nope']}
    listed = (await user.http_client.get(url, params={'user': OWNER_EMAIL}, headers=shop.headers)).json()
    assert listed['notifications'][0]['read'] is True


async def test_a_stranger_or_a_missing_token_is_refused(user: User):
    shop = await live_shop(user)
    url = f'{shop.url}/notifications'
    stranger = await user.http_client.get(url, params={'user': 'nobody@example.com'}, headers=shop.headers)
    assert stranger.status_code == 422
    assert 'No one with this email works at this shop' in stranger.text
    assert (await user.http_client.get(url, params={'user': OWNER_EMAIL})).status_code == 401
