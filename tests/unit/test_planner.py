"""The what-if planner (engine/planner, planning/): what an owner relies on when they try a change on their shop."""
import asyncio
from datetime import date, datetime
from functools import cache

import pytest

from engine import ShopEngine, SimClock, demo_profile
from engine.planner import Cancelled, PlanError, SetPrice, learn, parse, plan, run_plan
from planning import start
from tests.plan_workers import until_workers

from .test_forecast import _walk_ins

NOW = datetime(2026, 11, 24, 13, 30)


@cache
def demo() -> ShopEngine:
    profile = demo_profile('America/New_York')
    engine = ShopEngine.simulated(profile, SimClock(start=NOW.replace(tzinfo=profile.tz).timestamp(), speed=0),
                                  seed=7, history_days=120)
    engine.advance()
    return engine


def _today(engine: ShopEngine) -> date:
    return engine.profile.local(engine.clock.now()).date()


def test_with_no_change_the_two_arms_agree():
    engine = demo()
    result = run_plan(plan(engine.analytics, _today(engine), [], weeks=2, seeds=3))
    for name, figure in result.figures.items():
        assert figure.before == figure.after, name  # the same futures: nothing but a change can differ
        assert figure.change.low == figure.change.high == 0, name
    assert result.figures['revenue'].before.low < result.figures['revenue'].before.high  # futures do differ


def test_a_barber_added_on_the_busiest_day_lowers_waits_and_walk_outs():
    engine = demo()
    model = learn(engine.analytics, _today(engine))
    busiest = max(range(7), key=lambda day: sum(model.behaviour.arrivals[day]))
    assert busiest == 5  # Saturday, the demo's busiest day
    result = run_plan(plan(engine.analytics, _today(engine), parse([{'kind': 'add_barber', 'weekdays': [busiest]}]),
                           weeks=4, seeds=4))
    assert result.figures['average_wait'].change.high < 0  # lower in every future
    assert result.figures['walk_outs'].change.high < 0
    assert result.figures['visits'].change.low >= 0  # the walk-ins kept are served
    assert any('no followers of their own' in line for line in result.assumptions)


def test_a_real_shops_model_is_learned_from_its_own_history_not_the_demos():
    profile = demo_profile('Europe/London')
    now = NOW.replace(tzinfo=profile.tz).timestamp()
    engine = ShopEngine(profile, SimClock(start=now, speed=0))
    engine.apply_all(_walk_ins(profile, date(2026, 9, 1), date(2026, 11, 23), set()))  # ~28 walk-ins a day
    model = learn(engine.analytics, _today(engine))
    assert 7 * 25 < sum(map(sum, model.behaviour.arrivals)) < 7 * 31  # customers a week, by hour
    assert model.behaviour.booked_share == 0 and model.behaviour.services[0] > 0 == sum(model.behaviour.services[1:])
    assert all(abs(speed - 29 / 30) < 0.02 for speed in model.behaviour.speeds.values())  # 29 minutes for 30
    result = run_plan(plan(engine.analytics, _today(engine), [], weeks=2, seeds=2))
    visits = result.figures['visits'].before.median
    assert abs(visits - model.actual['visits']) < 0.1 * model.actual['visits']  # the model takes what the shop took


def test_a_price_change_uses_the_elasticity_the_owner_gives():
    engine, today = demo(), _today(demo())
    flat = run_plan(plan(engine.analytics, today, [SetPrice('Haircut', 45.0, elasticity=0.0)], weeks=1, seeds=2))
    assert flat.figures['visits'].change.low == flat.figures['visits'].change.high == 0  # nobody stays away
    assert flat.figures['revenue'].change.low > 0
    assert any('elasticity of 0' in line for line in flat.assumptions)
    default = plan(engine.analytics, today, parse([{'kind': 'price', 'service': 'Haircut', 'price': 45}]), weeks=1)
    assert any('elasticity of -0.5' in line and 'x0.88' in line for line in default.assumptions)
    assert sum(default.after.behaviour.services) < sum(default.before.behaviour.services) * 1.0001


def test_changes_that_cannot_be_tried_say_what_to_do_naming_the_field():
    engine, today = demo(), _today(demo())
    with pytest.raises(PlanError, match='kind is one of') as error:
        parse([{'kind': 'paint_the_walls'}])
    assert error.value.field == 'changes[0].kind'
    with pytest.raises(PlanError, match="write it as {'kind': 'add_barber'"):
        parse([{'kind': 'add_barber', 'days': ['Saturday']}])
    with pytest.raises(PlanError, match='No barber is called') as error:
        plan(engine.analytics, today, parse([{'kind': 'rebooking', 'rate': 0.4},
                                             {'kind': 'remove_barber', 'name': 'Zed'}]))
    assert error.value.field == 'changes[1].name'
    with pytest.raises(PlanError, match='No barber would work on Sunday'):
        plan(engine.analytics, today, parse([{'kind': 'remove_barber', 'name': name, 'weekdays': ['Sunday']}
                                             for name in engine.profile.barbers]))


async def test_the_workers_give_the_same_result_report_progress_and_stop_when_cancelled():
    engine = demo()
    seen = []
    run = start(engine, [{'kind': 'add_barber', 'weekdays': ['Saturday']}], weeks=1, seeds=2,
                on_progress=lambda done, total: seen.append((done, total)))
    result = await run.result()
    assert seen == [(1, 2), (2, 2)]  # seeds done
    assert result == run_plan(run.plan)  # the workers' numbers are this process's

    run = start(engine, [], weeks=26, seeds=32)  # minutes of work: it must not get to the end
    task = asyncio.ensure_future(run.result())
    workers = await until_workers(run)
    assert workers and all(w.is_alive() for w in workers)
    run.cancel()
    with pytest.raises(Cancelled):
        await task
    assert not any(w.is_alive() for w in workers)
    assert run.progress[0] < run.progress[1]
