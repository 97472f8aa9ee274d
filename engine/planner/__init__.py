"""What-if planner: the shop as it is against the shop with a change, on a model learned from its own history.

    from engine.planner import parse, plan, run_plan
    what_if = plan(engine.analytics, today, parse([{'kind': 'add_barber', 'weekdays': ['Saturday']}]))
    result = run_plan(what_if)               # in this process; planning.PlanRunner runs it in worker processes
    result.figures['revenue'].change         # Spread(low, median, high) of after - before, per week
    result.assumptions                       # what was learned and assumed, in words

- `learn(analytics, today, weeks=8) -> ShopModel` (learn.py): the shop's profile and Behaviour (engine/behaviour.py:
  arrivals by weekday and hour, service mix, booking habits, barbers' speeds) from its last weeks.
- Changes (changes.py, applied in apply.py): AddBarber, RemoveBarber, SetHours, SetPrice (with an elasticity,
  ELASTICITY by default), SetRebooking; `parse(list of dicts)` for plain data, raising PlanError naming the field.
- `plan(analytics, today, changes, weeks=8, seeds=8) -> Plan`: plain data; `Plan.seeds` are the futures,
  `Plan.run(seed, cancelled)` one seed's (before, after) Outcomes (raises Cancelled), `Plan.result(outcomes)` the
  PlanResult; `result_json(PlanResult)` plain JSON.
"""
from .apply import NEW_HOURS_DEMAND, apply
from .changes import (
           ELASTICITY,
           KINDS,
           AddBarber,
           Change,
           PlanError,
           RemoveBarber,
           SetHours,
           SetPrice,
           SetRebooking,
           parse,
)
from .learn import ShopModel, learn
from .plan import FIGURES, Plan, PlanFigure, PlanResult, Spread, plan, result_json, run_plan
from .run import Cancelled, Outcome, simulate

__all__ = ['ELASTICITY', 'FIGURES', 'KINDS', 'NEW_HOURS_DEMAND', 'AddBarber', 'Cancelled', 'Change', 'Outcome', 'Plan',
           'PlanError', 'PlanFigure', 'PlanResult', 'RemoveBarber', 'SetHours', 'SetPrice', 'SetRebooking',
           'ShopModel', 'Spread', 'apply', 'learn', 'parse', 'plan', 'result_json', 'run_plan',
           'simulate']
