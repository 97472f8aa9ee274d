"""Periods of a shop's local days: presets as owners name them, and what each is compared with.

A period is a range of local dates, both ends included. A calendar period (a day, week, month, quarter or year) knows
its unit, so "this month" on the 15th is compared with last month's 1st to 15th, not with the 15 days before.
"""
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

Unit = Literal['day', 'week', 'month', 'quarter', 'year']
Preset = Literal['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month', 'this_quarter',
                 'last_quarter', 'this_year', 'last_year', 'last_7_days', 'last_30_days', 'last_90_days',
                 'last_12_months']

PRESETS: dict[str, str] = {  # name -> what an owner reads
    'today': 'Today', 'yesterday': 'Yesterday', 'this_week': 'This week', 'last_week': 'Last week',
    'this_month': 'This month', 'last_month': 'Last month', 'this_quarter': 'This quarter',
    'last_quarter': 'Last quarter', 'this_year': 'This year', 'last_year': 'Last year', 'last_7_days': 'Last 7 days',
    'last_30_days': 'Last 30 days', 'last_90_days': 'Last 90 days', 'last_12_months': 'Last 12 months',
}
SAME_WEEKDAYS = timedelta(days=364)  # 52 weeks: a year before, on the same weekdays


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates from `start` to `end`, both included. `unit`: the calendar period it is (None: a plain range)."""
    start: date
    end: date
    unit: Unit | None = None
    label: str = ''

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f'A period ends on or after its start ({self.start} to {self.end}).')

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def dates(self) -> list[date]:
        return [self.start + timedelta(n) for n in range(self.days)]

    def within(self, first: date, last: date) -> 'Period | None':
        """The part of the period from `first` to `last` (e.g. the shop's history up to today); None if no part."""
        start, end = max(self.start, first), min(self.end, last)
        return replace(self, start=start, end=end) if start <= end else None

    def previous(self, covered: 'Period') -> 'Period | None':
        """What `covered` (a part of this period) is compared with: the same part of the calendar period before
        (month to date: last month to the same date, cut at its end), or, for a plain range, as many days just
        before it."""
        if self.unit is None:
            return replace(covered, start=covered.start - timedelta(covered.days),
                           end=covered.start - timedelta(1), label='')
        before = self.start - timedelta(7 if self.unit == 'week' else 1)  # a week starts on the shop's weekday
        return self._same_part(covered, before if self.unit == 'week' else _unit_start(self.unit, before))

    def year_before(self, covered: 'Period') -> 'Period | None':
        """Months, quarters and years against the same ones a year before; days, weeks and plain ranges against the
        same weekdays 52 weeks before, so a Saturday is compared with a Saturday."""
        if self.unit in ('month', 'quarter', 'year'):
            return self._same_part(covered, _unit_start(self.unit, _a_year_before(self.start)))
        return replace(covered, start=covered.start - SAME_WEEKDAYS, end=covered.end - SAME_WEEKDAYS, label='')

    def _same_part(self, covered: 'Period', other_start: date) -> 'Period | None':
        assert self.unit is not None
        other_end = _unit_end(self.unit, other_start)
        start = other_start + (covered.start - self.start)
        end = min(other_start + (covered.end - self.start), other_end)
        return Period(start, end, self.unit) if start <= end else None


def period_for(preset: Preset, today: date, week_starts: int = 0) -> Period:
    """The period a preset names on `today` (the shop's local date). `week_starts`: 0 Monday ... 6 Sunday.

    "This ..." periods run to their calendar end; a report covers them up to today. "Last N days" include today.
    """
    if preset not in PRESETS:
        raise ValueError(f'Unknown period {preset!r}: choose one of {", ".join(PRESETS)}.')
    if not 0 <= week_starts <= 6:
        raise ValueError('week_starts is a weekday number: 0 (Monday) to 6 (Sunday).')
    label = PRESETS[preset]
    if preset.startswith('last_') and preset.endswith('_days'):
        return Period(today - timedelta(int(preset.split('_')[1]) - 1), today, label=label)
    if preset == 'last_12_months':
        return Period(_a_year_before(today) + timedelta(1), today, label=label)
    unit: Unit = {'today': 'day', 'yesterday': 'day'}.get(preset) or preset.split('_')[1]  # type: ignore[assignment]
    start = _unit_start(unit, today, week_starts)
    if preset == 'yesterday' or preset.startswith('last_'):
        start = _unit_start(unit, start - timedelta(1), week_starts)
    return Period(start, _unit_end(unit, start), unit, label)


def _unit_start(unit: Unit, day: date, week_starts: int = 0) -> date:
    if unit == 'day':
        return day
    if unit == 'week':
        return day - timedelta((day.weekday() - week_starts) % 7)
    if unit == 'month':
        return day.replace(day=1)
    if unit == 'quarter':
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _unit_end(unit: Unit, start: date) -> date:
    if unit == 'day':
        return start
    if unit == 'week':
        return start + timedelta(6)
    months = {'month': 1, 'quarter': 3, 'year': 12}[unit]
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1) - timedelta(1)


def _a_year_before(day: date) -> date:
    """The same date a year before; 29 February becomes the 28th."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)
