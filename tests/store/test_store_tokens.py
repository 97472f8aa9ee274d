"""Tokens are stored only as hashes, open exactly their shop, and stop working when revoked."""
from sqlalchemy import text

from store.tokens import create_token, list_tokens, revoke_token, shop_for_token

from .helpers import owner


async def test_tokens_are_hashed_at_rest_and_can_be_revoked(db):
    shop_id = (await owner(db)).shops[0].shop_id
    for kind, table in (('api', 'api_tokens'), ('kiosk', 'kiosk_tokens')):
        row, token = await create_token(db, shop_id, kind, 'Front desk')
        assert len(token) >= 43
        async with db.session() as session:
            stored = [tuple(map(str, r)) for r in (await session.execute(text(f'SELECT * FROM {table}'))).all()]
        assert stored and not any(token in value for r in stored for value in r)
        assert await shop_for_token(db, kind, token) == shop_id
        assert await shop_for_token(db, kind, token + 'x') is None
        assert [t.name for t in await list_tokens(db, shop_id, kind)] == ['Front desk']

        assert await revoke_token(db, shop_id, kind, row.id) is True
        assert await revoke_token(db, shop_id, kind, row.id) is False
        assert await shop_for_token(db, kind, token) is None
        assert (await list_tokens(db, shop_id, kind))[0].revoked_at is not None


async def test_an_api_token_is_not_a_kiosk_token(db):
    shop_id = (await owner(db)).shops[0].shop_id
    _, token = await create_token(db, shop_id, 'api', 'POS')
    assert await shop_for_token(db, 'kiosk', token) is None
