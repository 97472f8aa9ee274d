"""Analytics: any period of a shop's history, by barber, service, weekday, hour or day, from per-day aggregates.

    analytics = Analytics(profile)            # ShopEngine keeps one: engine.analytics
    analytics.apply(event)                    # O(1) per event, on the event's local day
    period = period_for('last_month', today, week_starts=0)       # or Period(start, end) for a custom range
    report = analytics.report(period, by='barber', now=clock.now())
    report.figures['revenue'], report.change('revenue'), report.covered
    [(row.key, row.figures['revenue']) for row in report.rows]
    FIGURES['revenue'].kind                   # 'money': how to put any figure into words

- `Period(start, end, unit=None, label='')`: local dates, both included; `period_for(preset, today, week_starts)`
  for PRESETS (today, yesterday, this/last week, month, quarter, year, last 7/30/90 days, last 12 months).
- `Analytics.report(period, by=None, *, now) -> Report`: `by` is one of GROUPINGS ('barber', 'service', 'weekday',
  'hour', 'day'). A Report has `figures` (every name of FIGURES), `rows` (a Row(key, figures) per group, with the
  figures that grouping has), `covered` (the dates it covered: from the start of the shop's history up to today;
  None if none), and `previous` and `year_before`: Reports of the compared periods (Period.previous, year_before),
  or None where the history does not reach them. `change(name, against='previous')` is the relative change.
- FIGURES: each figure's kind ('money', 'count', 'share' 0..1, 'rating' stars, 'minutes'), label, groupings and
  definition. Definitions are the live dashboard's where it has the figure, so a day reads the same on every screen.
- Persistence (pure, no I/O): `codec.dump(analytics, days)` and `codec.load(profile, state, days)` turn the days
  and the visits under way into bytes and back; the store keeps them (store/aggregates.py). DEFINITIONS changes
  when a measure's meaning does: stored aggregates of another version are rebuilt from the event log.
"""
from .book import Analytics
from .figures import FIGURES, GROUPINGS, Figure, Grouping, Value
from .periods import PRESETS, Period, Preset, period_for
from .report import Report, Row

__all__ = ['FIGURES', 'GROUPINGS', 'PRESETS', 'Analytics', 'Figure', 'Grouping', 'Period', 'Preset', 'Report', 'Row',
           'Value', 'period_for']
