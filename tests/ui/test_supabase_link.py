"""Finding 6 on the sign-in page: a Supabase user with the owner's email is asked for the owner's Chairside password
before anything is linked, and the owner links with it once."""
from collections.abc import Iterator

import pytest
from nicegui.testing import User

from tests.store.supabase_stand_in import SupabaseStandIn

from .helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in, sign_up_owner
from .test_accounts import sign_out


@pytest.fixture
def supabase(monkeypatch: pytest.MonkeyPatch) -> Iterator[SupabaseStandIn]:
    with SupabaseStandIn() as server:
        monkeypatch.setenv('CHAIRSIDE_SUPABASE_URL', server.url)
        monkeypatch.setenv('CHAIRSIDE_SUPABASE_ANON_KEY', 'anon-key-for-tests')
        yield server


async def test_linking_to_an_existing_account_asks_for_its_chairside_password(supabase: SupabaseStandIn, user: User):
    await sign_up_owner(user)
    await sign_out(user)
    supabase.add_user(OWNER_EMAIL, 'whoever signed up with it')
    await sign_in(user, OWNER_EMAIL, 'whoever signed up with it')
    await user.should_see('enter its Chairside password once')
    user.find(marker='link-proof').type('not the owner password')
    user.find(marker='sign-in').click()
    await user.should_see('not the Chairside password')
    await user.should_not_see(marker='metric-revenue')
    user.find(marker='link-proof').clear()
    user.find(marker='link-proof').type(OWNER_PASSWORD)
    user.find(marker='sign-in').click()
    await user.should_see(marker='metric-revenue')
