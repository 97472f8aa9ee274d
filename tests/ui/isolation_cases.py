"""Run only by test_isolation_of_failures.py: a UI test that fails, then two that must pass regardless."""
import logging

from nicegui.testing import User


async def test_fails_on_purpose(user: User):
    await user.open('/setup')
    logging.getLogger('chairside.selftest').error('an error logged on purpose')
    raise AssertionError('this test fails on purpose')


async def test_passes_after_a_failure(user: User):
    await user.open('/setup')
    await user.should_see('Welcome to Chairside')


async def test_passes_again(user: User, create_user):
    await user.open('/setup')
    other = create_user()
    await other.open('/setup')
    await other.should_see('Welcome to Chairside')
