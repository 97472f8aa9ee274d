"""Analytics: any period of a shop's history, by barber, service, weekday, hour or day, from per-day aggregates.

    analytics = engine.analytics                           # ShopEngine keeps one and applies every event to it
    period = period_for('last_month', today)               # or Period(start, end) for a custom range (both included)
    report = analytics.report(period, 'barber', now=clock.now())
    report.covered                                         # the dates it actually covered
    report.figures['revenue'], report.change('revenue')    # and report.previous / report.year_before (or None)
    [(row.key, row.figures['revenue']) for row in report.rows]
    FIGURES['revenue'].kind                                # 'money': how to put any figure into words

- `Analytics(profile)`: `apply(event)` is O(1) and puts the event on its local day (a late one too);
  `report(period, by=None, *, now) -> Report` is O(days in the period). `now` is the shop's clock: it says what
  today is and how far today's opening hours have gone. `first_day` is the start of the history (its first completed
  service).
- `Period(start, end, unit=None, label='')`: local dates. `period_for(preset, today, week_starts=0)` for PRESETS:
  today, yesterday, this/last week (weeks start on `week_starts`: 0 Monday ... 6 Sunday), this/last month, quarter
  and year, last 7/30/90 days and last 12 months (those include today). `previous(covered)` and
  `year_before(covered)` say what a period is compared with (see periods.py).
- `Report`: `period` as asked; `covered`, the part of it from the start of the history up to today (None: none);
  `by`; `figures`, every name of FIGURES (a count is an int, 0 when nothing happened; other figures are floats, None
  when there is nothing to divide by); `rows`, a `Row(key, figures)` per group with the figures that grouping has
  (`FIGURES[name].groupings`); `previous` and `year_before`, Reports of the compared dates with the same grouping,
  None where the history does not reach them ("no comparison", never zeros); `change(name, against='previous')`.
  Row keys: a barber's or service's name (every one of the profile, then others who count in the period; None for
  a booking that asked for any barber), a weekday (0 Monday), an hour (0-23), or a date.
- FIGURES, by name: `Figure(name, kind, label, groupings, definition)`; kind is 'money', 'count', 'share' (0..1),
  'rating' (stars) or 'minutes'. Definitions are the live dashboard's where it has the figure (a day reads the same
  on every screen); GROUPINGS = ('barber', 'service', 'weekday', 'hour', 'day').
- Tables (tables.py), as the Reports page, its CSV files and the report API's CSV show them: `table(report)` for
  a grouped report (COLUMNS per grouping; numbers rounded as they read: money to the cent, shares in percent),
  `headline(report)` for the period's figures with the periods compared, `Table.csv()`. `parse_range(start, end)`
  checks a custom range given as text (RangeError names the field: 'from' or 'to', with what to do).
  `weekday_hours(analytics, period, now)`: visits by (weekday, hour), for a heatmap.
- Persistence, pure: `codec.dump(analytics, days=None) -> Dump(definitions, state, days)` (bytes; pass
  `analytics.take_changed()` to dump only the days changed since last time) and `codec.load(profile, definitions,
  state, days) -> Analytics`, which goes on from there; it raises StaleAggregates for other DEFINITIONS. The store
  keeps them: store/aggregates.py; scripts/rebuild_aggregates.py rebuilds them from the event log.
"""
from . import codec
from .book import Analytics
from .figures import FIGURES, GROUPINGS, Figure, Grouping, Value
from .grid import weekday_hours
from .periods import PRESETS, Period, Preset, period_for
from .ranges import RangeError, parse_range
from .report import Report, Row
from .tables import Table, headline, table

__all__ = ['FIGURES', 'GROUPINGS', 'PRESETS', 'Analytics', 'Figure', 'Grouping', 'Period', 'Preset', 'RangeError',
           'Report', 'Row', 'Table', 'Value', 'codec', 'headline', 'parse_range', 'period_for', 'table',
           'weekday_hours']
