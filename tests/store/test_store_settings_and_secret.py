"""Shop settings round-trip JSON; the storage secret is made once, kept private, and a configured one wins."""
import stat

from store.secret import load_or_create_storage_secret
from store.shop_settings import all_settings, delete_setting, get_setting, set_setting
from store.shops import all_shops, ensure_shop, get_shop, update_shop

from .helpers import owner


async def test_settings_round_trip(db):
    shop_id = (await owner(db)).shops[0].shop_id
    assert await get_setting(db, shop_id, 'alerts', {'wait_minutes': 15}) == {'wait_minutes': 15}
    await set_setting(db, shop_id, 'alerts', {'wait_minutes': 20, 'channels': ['bell']})
    await set_setting(db, shop_id, 'alerts', {'wait_minutes': 25})
    await set_setting(db, shop_id, 'goal', 1200.5)
    assert await all_settings(db, shop_id) == {'alerts': {'wait_minutes': 25}, 'goal': 1200.5}
    await delete_setting(db, shop_id, 'goal')
    assert await get_setting(db, shop_id, 'goal') is None


async def test_demo_shop_without_set_up(db):
    shop = await ensure_shop(db, 'demo', 'Demo Barbers', 'UTC', {'barbers': ['Ana']})
    again = await ensure_shop(db, 'demo', 'Other name', 'UTC', {})
    assert (shop.id, again.name, shop.mode) == ('demo', 'Demo Barbers', 'demo')
    await update_shop(db, 'demo', mode='live', profile={'barbers': ['Ana', 'Ben']})
    stored = await get_shop(db, 'demo')
    assert stored and stored.mode == 'live' and stored.profile == {'barbers': ['Ana', 'Ben']}
    assert [s.id for s in await all_shops(db)] == ['demo']


def test_storage_secret_is_made_once_with_mode_0600(tmp_path):
    data = tmp_path / 'data'
    first = load_or_create_storage_secret(data, None)
    assert len(first) >= 43
    assert stat.S_IMODE((data / 'storage_secret').stat().st_mode) == 0o600
    assert load_or_create_storage_secret(data, None) == first
    assert load_or_create_storage_secret(data, 'configured-secret') == 'configured-secret'
