"""The what-if planner page (/plan): the owner adds changes, runs them over simulated futures in worker processes,
sees progress, can cancel, and reads the difference as ranges with the assumptions. Runs are kept small here."""

from nicegui import app
from nicegui.testing import User

from store.staff import invite_staff
from tests.plan_workers import until_workers

from .helpers import sign_in_invited, sign_up_owner


def field(user: User, marker: str):
    (element,) = user.find(marker=marker).elements
    return element


async def open_planner(user: User, weeks: int, seeds: int) -> None:
    await sign_up_owner(user)
    user.find(marker='user-menu').click()
    user.find(marker='menu-plan').click()
    await user.should_see(marker='plan-form')
    field(user, 'plan-weeks').set_value(weeks)
    field(user, 'plan-seeds').set_value(seeds)


async def test_the_owner_plans_a_barber_on_saturday_and_reads_the_difference_as_ranges(user: User):
    await open_planner(user, weeks=1, seeds=2)
    user.find(marker='plan-add').click()  # the form starts at "Add a barber" on Saturday
    await user.should_see('Add a barber on Saturday')
    user.find(marker='plan-run').click()
    await user.should_see(marker='plan-result')
    await user.should_see('1 weeks from Wednesday 25 November, over 2 simulated futures')
    rows = {row['name']: row for row in field(user, 'plan-table').rows}
    assert set(rows) == {'revenue', 'visits', 'walk_outs', 'average_wait', 'utilization'}
    assert rows['revenue']['figure'] == 'Revenue a week'
    for row in rows.values():
        for column in ('before', 'after', 'change'):
            assert ' to ' in row[column] and row[column].endswith(')')  # the middle, then lowest to highest
    assert rows['revenue']['change'].startswith(('+$', '-$'))
    await user.should_see("New barber works Saturday at 1x the menu's time")  # the change's assumption, in words
    await user.should_see('The same 2 simulated futures of 1 weeks run with and without the change')
    await user.should_not_see(marker='plan-progress')
    assert not app.state.shops.plans.running


async def test_cancel_stops_the_plan_and_its_worker_processes(user: User):
    await open_planner(user, weeks=26, seeds=32)  # the largest plan: it runs for many seconds, never done at once
    user.find(marker='plan-add').click()
    user.find(marker='plan-run').click()
    await user.should_see(marker='plan-progress')
    await user.should_see('simulated futures run')
    (shop_id,) = app.state.shops.engines
    run, _ = app.state.shops.plans.running[shop_id]
    workers = await until_workers(run)
    assert workers and all(worker.is_alive() for worker in workers)
    user.find(marker='plan-cancel').click()
    await user.should_see('Cancelled: run it again when you are ready.')
    await user.should_not_see(marker='plan-result')
    assert not app.state.shops.plans.running
    assert not any(worker.is_alive() for worker in workers)


async def test_bad_input_says_what_to_do(user: User):
    await open_planner(user, weeks=1, seeds=2)
    user.find(marker='plan-run').click()
    await user.should_see('Add a change first: choose what to change above and press "Add this change".')
    field(user, 'plan-weekdays').set_value([])
    user.find(marker='plan-add').click()
    await user.should_see('Fill in weekdays first (for "Add a barber").')
    field(user, 'plan-kind').set_value('price')
    field(user, 'plan-elasticity').set_value(-7)
    user.find(marker='plan-add').click()
    await user.should_see('Haircut at $')
    user.find(marker='plan-run').click()
    await user.should_see('Change 1: The price elasticity is 0 (demand does not move) to -5; -0.5 is usual.')
    field(user, 'plan-weeks').set_value(None)
    user.find(marker='plan-run').click()
    await user.should_see('Give the weeks (1 to 26) and the simulated futures (1 to 32) to run.')
    field(user, 'plan-weeks').set_value(40)
    user.find(marker='plan-run').click()
    await user.should_see('Plan 1 to 26 weeks over 1 to 32 simulated futures.')
    assert not app.state.shops.plans.running


async def test_staff_cannot_open_the_planner(user: User, create_user):
    await sign_up_owner(user)
    (shop_id,) = app.state.shops.engines
    one_time_password = await invite_staff(app.state.shops.store, shop_id, 'dee@example.com')
    staff = create_user()
    await sign_in_invited(staff, 'dee@example.com', one_time_password)
    staff.find(marker='user-menu').click()
    await staff.should_see(marker='menu-coach')
    await staff.should_not_see(marker='menu-plan')
    await staff.open('/plan')
    await staff.should_see('Only the shop owner can plan changes.')
    await staff.should_not_see(marker='plan-form')
    await staff.should_not_see(marker='plan-run')
