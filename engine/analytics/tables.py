"""A report as tables: the columns each grouping shows and the numbers as every screen and file shows them.

The Reports page's tables, their CSV files and the report API's CSV are all made here, so a number reads the same on
the screen and in the file: money to the cent, shares in percent to one decimal, ratings to two, minutes to one.
"""
import csv
import io
from dataclasses import dataclass
from datetime import date

from .figures import FIGURES, Grouping, Value
from .report import Report

COLUMNS: dict[Grouping, tuple[str, ...]] = {  # the figures each table shows, in order
    'barber': ('revenue', 'visits', 'average_ticket', 'tips', 'utilization', 'rebooking_rate', 'new_clients',
               'no_shows', 'reviews', 'rating'),
    'service': ('revenue', 'visits', 'average_ticket', 'retail_attachment', 'rebooking_rate', 'new_clients',
                'bookings', 'cancellations', 'no_shows'),
    'weekday': ('revenue', 'visits', 'average_ticket', 'walk_ins', 'walk_outs', 'average_wait', 'utilization',
                'no_shows', 'rating'),
    'hour': ('revenue', 'visits', 'bookings', 'walk_ins', 'walk_outs', 'average_wait', 'utilization'),
    'day': ('revenue', 'visits', 'average_ticket', 'tips', 'clients', 'new_clients', 'walk_ins', 'no_shows',
            'average_wait', 'utilization', 'rating'),
}
KEY_HEADER: dict[Grouping, str] = {'barber': 'Barber', 'service': 'Service', 'weekday': 'Weekday', 'hour': 'Hour',
                                   'day': 'Date'}
WEEKDAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
UNITS = {'money': ' ($)', 'share': ' (%)', 'minutes': ' (min)'}
Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[tuple[str, str], ...]  # (name, header); the first is 'key', what the row is of
    rows: tuple[dict[str, Cell], ...]

    def csv(self) -> str:
        """The table as CSV: the headers, then each row with the numbers as shown (blank: nothing to show)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator='\n')
        writer.writerow(header for _, header in self.columns)
        for row in self.rows:
            writer.writerow('' if row[name] is None else row[name] for name, _ in self.columns)
        return out.getvalue()


def header(name: str) -> str:
    """A figure's column header, with its unit: 'Revenue ($)', 'Utilization (%)'."""
    figure = FIGURES[name]
    return figure.label + ('' if figure.label.endswith('(%)') else UNITS.get(figure.kind, ''))


def cell(name: str, value: Value) -> int | float | None:
    """A figure as a table shows it: a number (so a table sorts it as one), rounded as it reads."""
    if value is None:
        return None
    kind = FIGURES[name].kind
    if kind == 'count':
        return int(value)
    shown = round(value * 100, 1) if kind == 'share' else round(value, {'money': 2, 'rating': 2, 'minutes': 1}[kind])
    return int(shown) if shown == int(shown) else shown  # 12630, not 12630.0: as a browser shows it, so in the file


def key_text(by: Grouping, key: object) -> str:
    if by == 'weekday':
        return WEEKDAYS[key]  # type: ignore[index]
    if by == 'hour':
        return f'{key:02d}:00'
    if by == 'day':
        return key.isoformat() if isinstance(key, date) else str(key)
    if key is None:
        return 'Any barber' if by == 'barber' else 'Not named'
    return str(key)


def table(report: Report) -> Table:
    """The report's rows (it must have a grouping) as a table of COLUMNS[report.by]."""
    if report.by is None:
        raise ValueError('A table needs a report grouped by barber, service, weekday, hour or day.')
    names = COLUMNS[report.by]
    columns = (('key', KEY_HEADER[report.by]), *((name, header(name)) for name in names))
    rows = tuple({'key': key_text(report.by, row.key), **{name: cell(name, row.figures.get(name)) for name in names}}
                 for row in report.rows)
    return Table(columns, rows)


def headline(report: Report, names: tuple[str, ...] | None = None) -> Table:
    """The period's figures, one row each: its value, the period before's and the change in percent (one decimal),
    and the same against the year before."""
    columns = (('key', 'Figure'), ('value', 'Value'), ('previous', 'Period before'), ('change', 'Change (%)'),
               ('year_before', 'Year before'), ('year_change', 'Change on the year before (%)'))
    rows = []
    for name in names or tuple(FIGURES):
        before = [other.figures.get(name) if other is not None else None
                  for other in (report.previous, report.year_before)]
        changes = [report.change(name, against) for against in ('previous', 'year_before')]
        rows.append({'key': header(name), 'value': cell(name, report.figures[name]),
                     'previous': cell(name, before[0]), 'change': _percent(changes[0]),
                     'year_before': cell(name, before[1]), 'year_change': _percent(changes[1])})
    return Table(columns, tuple(rows))


def _percent(change: float | None) -> float | None:
    return None if change is None else cell('retention_30', change)  # a share, in percent
