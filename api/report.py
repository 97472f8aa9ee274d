"""GET /api/shops/{shop_id}/report?from=&to=&by=: any period's figures, compared, by a grouping; JSON or CSV."""
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import Response
from nicegui import app

from engine.analytics import GROUPINGS, Grouping, RangeError, Report, headline, parse_range, table
from engine.analytics.ranges import MAX_DAYS
from shops import Shops

from .auth import shop_access
from .metrics import running_engine

REPORT_DOC = f"""The shop's figures for the local dates `from` to `to` (both included; at most {MAX_DAYS:,} days), from
the same per-day aggregates as the dashboard and the Reports page. `covered` is the part of the range the shop's
history holds, up to today (null: none of it). `figures` holds every figure (money in the shop's currency, shares
0..1, ratings in stars, minutes; null where there is nothing to divide by); `previous` (as many days just before)
and `year_before` (the same weekdays 52 weeks before) hold the same for the dates compared, or are null where the
history does not reach them; `changes` are relative (0.12: up 12%). With `by`, `rows` has a row per barber, service,
weekday (0 Monday), hour (local) or day, with the figures that grouping has.

With `Accept: text/csv` the answer is a CSV file as the Reports page exports it: with `by`, its table (one row per
group); without, the period's figures against the periods compared. Numbers read as on the page: money to the cent,
shares in percent."""
CSV_EXAMPLE = 'Barber,Revenue ($),Visits,Average ticket ($),...\nMarco,12630.0,325,38.86,...\n'


def create(shops: Shops) -> None:
    access = shop_access(lambda: shops.store, 'figures')

    @app.get('/api/shops/{shop_id}/report', tags=['metrics'], summary="Any period's figures, compared",
             description=REPORT_DOC,
             responses={200: {'content': {'text/csv': {'example': CSV_EXAMPLE}},
                              'description': 'The report, as JSON or (with `Accept: text/csv`) as CSV'},
                        401: {'description': 'No or unknown API token'},
                        403: {'description': 'The token is of another shop, or may not read figures'},
                        422: {'description': '`from` or `to` missing or not a date, `to` before `from`, a range '
                                             f'longer than {MAX_DAYS:,} days, or `by` not one of '
                                             f'{", ".join(GROUPINGS)}; `loc` names the field'}})
    async def shop_report(request: Request, shop_id: Annotated[str, Depends(access)],
                          start: Annotated[str | None, Query(alias='from', description='First local date, '
                                                             'YYYY-MM-DD', examples=['2026-10-01'])] = None,
                          end: Annotated[str | None, Query(alias='to', description='Last local date (included), '
                                                           'YYYY-MM-DD', examples=['2026-10-31'])] = None,
                          by: Annotated[Grouping | None, Query(description='Rows per barber, service, weekday, '
                                                               'hour or day')] = None) -> Any:
        try:
            period = parse_range(start, end)
        except RangeError as error:
            raise HTTPException(422, [{'loc': ['query', error.field], 'msg': error.message,
                                       'type': 'value_error'}]) from None
        engine = running_engine(shops, shop_id)
        report = engine.analytics.report(period, by, now=engine.clock.now())  # on the loop: a year in ~10 ms
        if 'text/csv' in request.headers.get('accept', ''):
            made = table(report) if by else headline(report)
            name = f'report-{period.start}-{period.end}{f"-by-{by}" if by else ""}.csv'
            return Response(made.csv(), media_type='text/csv; charset=utf-8',
                            headers={'Content-Disposition': f'attachment; filename="{name}"'})
        return report_json(report)


def report_json(report: Report) -> dict[str, Any]:
    def part(other: Report | None) -> dict[str, Any] | None:
        if other is None or other.covered is None:
            return None
        return {'from': other.covered.start.isoformat(), 'to': other.covered.end.isoformat(), 'figures': other.figures}

    covered = report.covered
    return {
        'from': report.period.start.isoformat(), 'to': report.period.end.isoformat(), 'by': report.by,
        'covered': None if covered is None else {'from': covered.start.isoformat(), 'to': covered.end.isoformat()},
        'figures': report.figures,
        'previous': part(report.previous), 'year_before': part(report.year_before),
        'changes': {name: {'previous': report.change(name), 'year_before': report.change(name, 'year_before')}
                    for name in report.figures},
        'rows': [{'key': row.key.isoformat() if isinstance(row.key, date) else row.key, 'figures': row.figures}
                 for row in report.rows],
    }
