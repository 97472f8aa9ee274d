"""Finding 7 as people meet it: every simulated browser here arrives from one address, as everyone does behind a
proxy that sends no X-Forwarded-For. A stranger's guesses pause the stranger, never the owner's own browser."""
from nicegui.testing import User

from store.accounts import WRONG_CREDENTIALS

from .helpers import OWNER_EMAIL, OWNER_PASSWORD, sign_in, sign_up_owner
from .test_accounts import sign_out


async def test_a_strangers_guesses_do_not_pause_the_owners_browser(user: User, create_user):
    await sign_up_owner(user)  # this browser has signed in as the owner
    await sign_out(user)
    stranger = create_user()
    for _ in range(4):
        await sign_in(stranger, OWNER_EMAIL, 'a guess at the password')
        await stranger.should_see(WRONG_CREDENTIALS)
    await sign_in(stranger, OWNER_EMAIL, 'a guess at the password')
    await stranger.should_see('Sign-in is paused')
    await sign_in(stranger, OWNER_EMAIL, OWNER_PASSWORD)  # the stranger stays paused, even with the password
    await stranger.should_see('Sign-in is paused')
    await sign_in(user, OWNER_EMAIL, OWNER_PASSWORD)
    await user.should_see(marker='metric-revenue')
