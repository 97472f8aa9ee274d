"""Local accounts as a person meets them: set-up, sign-in, lockout, password change, staff, second shop."""
from datetime import timedelta

import pytest

from store.accounts import WRONG_CREDENTIALS, authenticate, change_password, create_owner, get_account, has_owner
from store.errors import AccountError, LockedOutError, LoginError, PasswordRuleError
from store.shops import shops_for_user
from store.staff import create_shop, invite_staff, list_members, remove_staff
from store.types import utcnow

from .helpers import PASSWORD, PROFILE, owner

ADDRESS = '203.0.113.7'


async def test_the_first_owner_is_made_once(db):
    assert await has_owner(db) is False
    account = await owner(db, '  Owner@Example.COM ')
    assert account.email == 'owner@example.com' and account.shops[0].role == 'owner'
    assert await has_owner(db) is True
    with pytest.raises(AccountError, match='already has an owner'):
        await create_owner(db, 'other@example.com', PASSWORD, 'Other', 'UTC', PROFILE)


async def test_owner_set_up_checks_what_was_typed(db):
    with pytest.raises(AccountError, match='name@example.com'):
        await create_owner(db, 'not-an-email', PASSWORD, 'Shop', 'UTC', PROFILE)
    with pytest.raises(PasswordRuleError, match='at least 10 characters'):
        await create_owner(db, 'a@example.com', 'short', 'Shop', 'UTC', PROFILE)
    with pytest.raises(AccountError, match='Europe/London'):
        await create_owner(db, 'a@example.com', PASSWORD, 'Shop', 'Mars/Olympus', PROFILE)
    assert await has_owner(db) is False


async def test_sign_in_and_the_same_message_for_unknown_email(db):
    made = await owner(db)
    assert await authenticate(db, 'OWNER@example.com', PASSWORD, ADDRESS) == made
    with pytest.raises(LoginError) as wrong_password:
        await authenticate(db, 'owner@example.com', 'not the password', ADDRESS)
    with pytest.raises(LoginError) as unknown_email:
        await authenticate(db, 'nobody@example.com', 'not the password', ADDRESS)
    assert str(wrong_password.value) == str(unknown_email.value) == WRONG_CREDENTIALS
    assert type(wrong_password.value) is type(unknown_email.value) is LoginError


async def test_five_failures_pause_the_pair_for_fifteen_minutes(db):
    await owner(db)
    start = utcnow()
    for minute in range(4):
        with pytest.raises(LoginError, match='do not match'):
            await authenticate(db, 'owner@example.com', 'wrong password', ADDRESS,
                               now=start + timedelta(minutes=minute))
    with pytest.raises(LockedOutError, match='try again in 15 minutes') as fifth:
        await authenticate(db, 'owner@example.com', 'wrong password', ADDRESS, now=start + timedelta(minutes=4))
    assert fifth.value.retry_at == start + timedelta(minutes=19)
    assert f'{fifth.value.retry_at:%H:%M} UTC' in str(fifth.value)

    later = start + timedelta(minutes=10)
    with pytest.raises(LockedOutError, match='in 9 minutes'):  # even the right password waits
        await authenticate(db, 'owner@example.com', PASSWORD, ADDRESS, now=later)
    other_address = await authenticate(db, 'owner@example.com', PASSWORD, '198.51.100.1', now=later)
    assert other_address.email == 'owner@example.com'
    after = await authenticate(db, 'owner@example.com', PASSWORD, ADDRESS, now=start + timedelta(minutes=19, seconds=1))
    assert after.email == 'owner@example.com'


async def test_unknown_emails_are_paused_too(db):
    start = utcnow()
    for minute in range(4):
        with pytest.raises(LoginError):
            await authenticate(db, 'ghost@example.com', 'guess number x', ADDRESS,
                               now=start + timedelta(minutes=minute))
    with pytest.raises(LockedOutError):
        await authenticate(db, 'ghost@example.com', 'guess number x', ADDRESS, now=start + timedelta(minutes=5))


async def test_failures_spread_over_more_than_fifteen_minutes_do_not_pause(db):
    await owner(db)
    start = utcnow()
    for minute in (0, 4, 8, 12, 16, 20):
        with pytest.raises(LoginError) as caught:
            await authenticate(db, 'owner@example.com', 'wrong password', ADDRESS,
                               now=start + timedelta(minutes=minute))
        assert not isinstance(caught.value, LockedOutError)


async def test_change_password(db):
    account = await owner(db)
    with pytest.raises(AccountError, match='current password is not right'):
        await change_password(db, account.user_id, 'wrong password', 'a brand new password')
    with pytest.raises(PasswordRuleError, match='at least 10'):
        await change_password(db, account.user_id, PASSWORD, 'tiny')
    with pytest.raises(PasswordRuleError, match='differs from the current'):
        await change_password(db, account.user_id, PASSWORD, PASSWORD)
    await change_password(db, account.user_id, PASSWORD, 'a brand new password')
    with pytest.raises(LoginError):
        await authenticate(db, 'owner@example.com', PASSWORD, ADDRESS)
    assert (await authenticate(db, 'owner@example.com', 'a brand new password', ADDRESS)).user_id == account.user_id


async def test_invited_staff_must_change_the_one_time_password(db):
    boss = await owner(db)
    shop_id = boss.shops[0].shop_id
    one_time = await invite_staff(db, shop_id, 'Barber@Example.com')
    assert one_time and len(one_time) >= 12
    with pytest.raises(AccountError, match='already on this shop'):
        await invite_staff(db, shop_id, 'barber@example.com')
    staff = await authenticate(db, 'barber@example.com', one_time, ADDRESS)
    assert staff.must_change_password and staff.role_in(shop_id) == 'staff'
    changed = await change_password(db, staff.user_id, one_time, 'my own long password')
    assert changed.must_change_password is False
    assert await get_account(db, staff.user_id) == changed
    assert [(email, role) for _, email, role in await list_members(db, shop_id)] == [
        ('owner@example.com', 'owner'), ('barber@example.com', 'staff')]

    assert await remove_staff(db, shop_id, boss.user_id) is False  # owners stay
    assert await remove_staff(db, shop_id, staff.user_id) is True
    with pytest.raises(LoginError, match='no longer part of any shop'):
        await authenticate(db, 'barber@example.com', 'my own long password', ADDRESS)


async def test_an_owner_may_run_a_second_shop_but_staff_may_not_open_one(db):
    boss = await owner(db)
    second = await create_shop(db, boss.user_id, 'Fade Street North', 'Europe/Dublin', PROFILE, mode='live')
    assert [(shop.name, role) for shop, role in await shops_for_user(db, boss.user_id)] == [
        ('Fade Street', 'owner'), ('Fade Street North', 'owner')]
    assert second.mode == 'live'
    await invite_staff(db, boss.shops[0].shop_id, 'barber@example.com')
    staff_id = next(uid for uid, email, _ in await list_members(db, boss.shops[0].shop_id) if email.startswith('b'))
    with pytest.raises(AccountError, match='Only a shop owner'):
        await create_shop(db, staff_id, 'Mine', 'UTC', PROFILE)
    assert await invite_staff(db, second.id, 'barber@example.com') is None  # an existing account keeps its password
