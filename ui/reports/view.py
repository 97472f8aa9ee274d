"""What the Reports page shows for a period, built at once from the shop's analytics: the headline in words, the
charts' options and the tables (engine/analytics/tables.py, as the CSV files and the report API have them)."""
from dataclasses import dataclass
from datetime import date

from engine import words
from engine.analytics import FIGURES, Analytics, Grouping, Period, Report, Table, headline, table, weekday_hours

from . import chart_options

HEADLINE = ('revenue', 'visits', 'average_ticket', 'tips', 'clients', 'new_clients', 'rebooking_rate', 'utilization',
            'no_show_rate', 'walk_ins', 'average_wait', 'rating')
TABLES: dict[Grouping, str] = {'barber': 'Barbers', 'service': 'Services', 'weekday': 'Weekdays',
                               'hour': 'Hours of the day'}


@dataclass(frozen=True, slots=True)
class Card:
    name: str
    label: str
    value: str
    change: str  # against the period before, in words
    year: str  # against the year before


@dataclass(frozen=True)
class ReportView:
    title: str  # the dates covered
    compared: str  # what the changes are against
    cards: tuple[Card, ...]
    charts: dict[str, dict]  # name -> ui.echart options
    tables: dict[str, Table]  # a grouping, or 'headline' -> its table
    includes_today: bool


def build(analytics: Analytics, period: Period, now: float) -> ReportView:
    today = analytics.local(now)[0]
    by_day = analytics.report(period, 'day', now=now)
    grouped = {by: analytics.report(period, by, now=now) for by in TABLES}
    cards = tuple(_card(by_day, name) for name in HEADLINE)
    charts = {
        'revenue': chart_options.trend(by_day, 'revenue'),
        'visits': chart_options.trend(by_day, 'visits'),
        'heatmap': chart_options.heatmap(weekday_hours(analytics, period, now)),
        'by_barber': chart_options.bars(grouped['barber'], 'revenue'),
        'by_service': chart_options.bars(grouped['service'], 'revenue'),
    }
    tables = {'headline': headline(by_day, HEADLINE), **{by: table(report) for by, report in grouped.items()}}
    return ReportView(_title(by_day, analytics.first_day), _compared(by_day), cards, charts, tables,
                      period.start <= today <= period.end)


def _card(report: Report, name: str) -> Card:
    kind = FIGURES[name].kind
    return Card(name, FIGURES[name].label, words.figure(kind, report.figures[name]),
                _change(report, name, 'previous'), _change(report, name, 'year_before'))


def _change(report: Report, name: str, against: str) -> str:
    change = report.change(name, against)  # type: ignore[arg-type]
    return words.change(None if change is None else change * 100)


def _title(report: Report, first: date | None) -> str:
    covered = report.covered
    if covered is None:
        since = f" The shop's history starts on {words.long_day(first)} {first.year}." if first else ''
        return f"No figures for {_dates(report.period)}: these dates are not in the shop's history yet.{since}"
    label = f'{report.period.label}: ' if report.period.label else ''
    return f'{label}{_dates(covered)}'


def _compared(report: Report) -> str:
    previous = report.previous.covered if report.previous else None
    year = report.year_before.covered if report.year_before else None
    parts = [f'changes against {_dates(previous)}' if previous else 'no period before in the history to compare with',
             f'and the year before, {_dates(year)}' if year else 'no year before to compare with']
    return f'{parts[0][0].upper()}{parts[0][1:]}; {parts[1]}.'


def _dates(period: Period) -> str:
    if period.start == period.end:
        return f'{words.day_label(period.start)} {period.start.year}'
    return f'{words.day_label(period.start)} {period.start.year} to {words.day_label(period.end)} {period.end.year}'
