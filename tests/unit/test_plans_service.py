"""The service layer's what-if plans (shops/plans.py): one at a time per shop, and none outlives the app."""

import pytest

from engine.planner import Cancelled
from shops import PlanBusy, Plans
from tests.plan_workers import until_workers

from .test_planner import demo

SATURDAY = [{'kind': 'add_barber', 'weekdays': ['Saturday']}]


async def test_one_plan_at_a_time_per_shop_and_closing_ends_every_worker():
    engine = demo()
    plans = Plans({engine.profile.id: engine})
    run, result = plans.start(engine.profile.id, SATURDAY, weeks=26, seeds=32)  # minutes of work
    with pytest.raises(PlanBusy, match='A plan is already running for this shop'):
        plans.start(engine.profile.id, SATURDAY, weeks=1, seeds=1)
    workers = await until_workers(run)
    assert workers and all(worker.is_alive() for worker in workers)
    await plans.close()  # the app's shutdown
    assert not any(worker.is_alive() for worker in workers)
    assert not plans.running
    with pytest.raises(Cancelled):
        await result


async def test_a_finished_plan_frees_the_shop_for_the_next():
    engine = demo()
    plans = Plans({engine.profile.id: engine})
    first = await plans.start(engine.profile.id, SATURDAY, weeks=1, seeds=1)[1]
    assert not plans.running
    second = await plans.start(engine.profile.id, SATURDAY, weeks=1, seeds=1)[1]
    assert first == second  # the same futures, the same shop
