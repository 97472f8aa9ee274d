"""The forecast tool: where today, this week, this month or the next 7 days will land (engine.forecast), with the
80% range and what was taken so far, each in words."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.forecast import PERIODS, Range, forecast_period
from engine.words import spoken

from . import periods
from .context import Context
from .registry import TOOLS

NAMES = {'today': 'Today', 'this_week': 'This week', 'this_month': 'This month', 'next_7_days': 'The next 7 days'}


class ForecastArgs(BaseModel):
    model_config = ConfigDict(extra='forbid')
    period: Literal[PERIODS] = Field('today', description="'today' (how the day will end), 'this_week', "  # type: ignore
                                                          "'this_month' (where they will land) or 'next_7_days'")


@TOOLS.tool(needs='history')
def forecast(ctx: Context, args: ForecastArgs) -> dict:
    """Where revenue and visits will land for today, this week, this month or the next 7 days: what was taken so
    far plus the forecast of the days left, with an 80% range (one time in ten below `low`, one above `high`), from
    the shop's own history and the bookings on its book. Use it for 'where will this month land', 'how will today
    end', 'forecast for next week'."""
    made = forecast_period(ctx.shop.analytics, ctx.now, args.period)  # type: ignore[union-attr]
    span = made.period
    days = made.forecast.days
    return {
        'period': periods.as_dict(span) | {'name': NAMES[args.period]},
        'revenue': _range('money', made.revenue), 'visits': _range('count', made.visits),
        'taken': {'revenue': round(made.taken_revenue, 2), 'revenue_text': spoken('money', made.taken_revenue),
                  'visits': made.taken_visits, 'through': ctx.today.isoformat()},
        'days_left': sum(1 for d in days if d.is_open),
        'days': [{'day': d.day.isoformat(), 'open': d.is_open, 'revenue': _range('money', d.revenue),
                  'booked': d.booked} | ({'holiday': d.holiday} if d.holiday else {}) for d in days],
        'notes': list(made.forecast.notes),
    }


def _range(kind: str, value: Range) -> dict:
    return {'expected': round(value.expected, 2), 'low': round(value.low, 2), 'high': round(value.high, 2),
            'text': spoken(kind, value.expected), 'range': f'{spoken(kind, value.low)} to {spoken(kind, value.high)}'}
