from nicegui import app
from nicegui.testing import User

OWNER_EMAIL = 'owner@example.com'
OWNER_PASSWORD = 'a long owner password'


def text_of(user: User, marker: str) -> str:
    (label,) = user.find(marker=marker).elements
    return label.text


def advance(seconds: float) -> None:
    """Move the demo shops' clock on and let the engine loop publish, as a tick would."""
    app.state.shops.demo_clock.advance(seconds)
    app.state.loop.tick()


def the_engine():
    (engine,) = app.state.shops.engines.values()
    return engine


async def sign_up_owner(user: User) -> None:
    """First start: the owner creates the account and lands on the dashboard."""
    await user.open('/setup')
    user.find(marker='setup-email').type(OWNER_EMAIL)
    user.find(marker='setup-password').type(OWNER_PASSWORD)
    user.find(marker='setup-repeat').type(OWNER_PASSWORD)
    user.find(marker='create-account').click()
    await user.should_see(marker='metric-revenue')  # hashing the password takes a moment


async def sign_in(user: User, email: str, password: str) -> None:
    await user.open('/login')
    user.find(marker='email').type(email)
    user.find(marker='password').type(password)
    user.find(marker='sign-in').click()


async def sign_in_invited(user: User, email: str, one_time_password: str) -> None:
    """An invited staff member's first visit: sign in, choose their own password, land on the dashboard."""
    await sign_in(user, email, one_time_password)
    await user.should_see(marker='change-password')
    user.find(marker='old-password').type(one_time_password)
    user.find(marker='new-password').type('a long staff password')
    user.find(marker='repeat-password').type('a long staff password')
    user.find(marker='change-password').click()
    await user.should_see(marker='metric-revenue')
