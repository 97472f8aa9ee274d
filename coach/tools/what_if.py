"""The what-if tool: a change tried on a model of the shop learned from its own history (engine.planner), run over the
same simulated futures with and without it; each figure's change as a range over the futures, and the assumptions.

Small enough to answer in a chat (4 weeks x 4 futures by default, about half a second of CPU), run in a thread so
the event loop keeps serving pages; the /plan page runs the long ones in worker processes (planning/).
"""
from __future__ import annotations

import asyncio
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.planner import FIGURES, KINDS, PlanResult, Spread, parse, plan, run_plan
from engine.words import signed, spoken

from .context import Context
from .registry import TOOLS

KIND = {'revenue': 'money', 'visits': 'count', 'walk_outs': 'count', 'average_wait': 'minutes',
        'utilization': 'share'}


class ChangeArgs(BaseModel):
    """One change; which fields count depends on `kind`."""
    model_config = ConfigDict(extra='forbid')
    kind: Literal[tuple(KINDS)] = Field(description='add_barber (weekdays, name), remove_barber (name, weekdays), '  # type: ignore
                                                    'hours (weekday, opens, closes; neither: closed), price (service, '
                                                    'price, elasticity), rebooking (rate)')
    weekdays: list[str] | None = Field(None, description="Weekday names, e.g. ['Saturday']; remove_barber: none is "
                                                         'every day')
    name: str | None = Field(None, description="add_barber: the new barber's name; remove_barber: a barber's name")
    weekday: str | None = Field(None, description='hours: the weekday')
    opens: str | None = Field(None, description="hours: 'HH:MM'")
    closes: str | None = Field(None, description="hours: 'HH:MM'")
    service: str | None = Field(None, description="price: the service's name on the menu")
    price: float | None = Field(None, gt=0, le=1000, description='price: the new price in dollars')
    elasticity: float | None = Field(None, ge=-3, le=0, description='price: demand x (new/old) ^ elasticity; '
                                                                    'default -0.5')
    rate: float | None = Field(None, ge=0, le=1, description='rebooking: share of visits rebooked before leaving')


class WhatIfArgs(BaseModel):
    model_config = ConfigDict(extra='forbid')
    changes: list[ChangeArgs] = Field(min_length=1, max_length=5, description='The changes, tried together')
    weeks: int = Field(4, ge=1, le=8, description='Weeks simulated ahead')
    seeds: int = Field(4, ge=2, le=8, description='Simulated futures (the range is over them)')


@TOOLS.tool(needs='history')
async def what_if(ctx: Context, args: WhatIfArgs) -> dict:
    """What a change would do: add or remove a barber on given weekdays, change opening hours, a service's price,
    or rebooking at checkout. The shop as it is and as changed run over the same simulated futures; returns revenue,
    visits and walk-outs a week, the average wait and utilization before, after and the change, each as a range
    over the futures, and the assumptions made. Takes a second or two."""
    changes = parse([change.model_dump(exclude_none=True) for change in args.changes])
    made = plan(ctx.shop.analytics, ctx.today, changes, args.weeks, args.seeds)  # type: ignore[union-attr]
    result = await asyncio.to_thread(run_plan, made)  # the simulation: off the event loop
    menu = {service.name: service.price for service in ctx.profile.services}  # type: ignore[union-attr]
    asked = [change.model_dump(exclude_none=True) for change in args.changes]
    return _json(result, [c | {'was': menu[c['service']]} if c['kind'] == 'price' and c['service'] in menu else c
                          for c in asked])


def _json(result: PlanResult, changes: list[dict]) -> dict:
    """Each figure's before, after and change (median, low, high over the futures, in numbers and words)."""
    return {
        'changes': changes, 'from': result.first.isoformat(), 'weeks': result.weeks, 'futures': result.seeds,
        'figures': {name: {'label': figure.label, 'unit': figure.unit,
                           'before': _spread(KIND[name], figure.before), 'after': _spread(KIND[name], figure.after),
                           'change': _spread(KIND[name], figure.change, signed)}
                    for name, figure in result.figures.items() if name in FIGURES},
        'actual': {name: round(value, 2) for name, value in result.actual.items()},
        'assumptions': list(result.assumptions),
    }


def _spread(kind: str, spread: Spread, say=spoken) -> dict:
    return {'median': round(spread.median, 4), 'low': round(spread.low, 4), 'high': round(spread.high, 4),
            'text': say(kind, spread.median), 'range': f'{say(kind, spread.low)} to {say(kind, spread.high)}'}
