"""Forecast: where today, this week and this month will land, per day, with an 80% interval, from the shop's history.

    result = forecast(engine.analytics, clock.now(), days=7)     # today and the 6 days after
    result.today.revenue.expected, .low, .high                   # today: taken so far plus the rest
    [(d.day, d.revenue, d.visits, d.booked) for d in result.days]
    result.hours                                                 # today's revenue by hour, taken then expected
    result.total()                                               # (revenue, visits) Ranges of all its days
    month = forecast_period(engine.analytics, clock.now(), 'this_month')   # or today, this_week, next_7_days
    month.revenue, month.taken_revenue                           # the whole month; taken up to now

- `forecast(analytics, now, days=7) -> Forecast` (1 <= days <= MAX_DAYS): pure, a few milliseconds, made anew from
  the per-day aggregates on each call (nothing to refit or keep). `Forecast.days[0]` is today.
- `forecast_period(analytics, now, period, week_starts=0) -> PeriodForecast` for PERIODS.
- `Range(expected, low, high)`: the figure falls below `low` one day in ten and above `high` one in ten.
- `forecast_json(Forecast)`, `period_json(PeriodForecast)`: plain JSON (the API's answer, a coach tool's).
- The model (model.py, today.py): the weekday's level over its last 8 usable days since the latest step in the
  shop's level (steps.py), moved by the bookings on the book against what the book usually holds that far ahead, an
  interval from the model's own errors on the shop's past days; today: the share of the day the same weekdays had
  still to come, the pace so far and the appointments left. Public holidays where the profile's `country` is known
  (the `holidays` package). Why not a forecasting library: README, "Forecast".
"""
from .make import MAX_DAYS, PERIODS, forecast, forecast_period
from .result import DayForecast, Forecast, PeriodForecast, Range, forecast_json, period_json

__all__ = ['MAX_DAYS', 'PERIODS', 'DayForecast', 'Forecast', 'PeriodForecast', 'Range', 'forecast', 'forecast_json',
           'forecast_period', 'period_json']
