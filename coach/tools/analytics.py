"""The tools over the shop's history (engine.analytics): figures for a period, two periods compared, a ranking, and
a change taken apart. Every result says the dates it actually covered."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.analytics import FIGURES, GROUPINGS, Period, Report
from engine.analytics.figures import Value
from engine.words import spoken

from . import periods
from .context import Context
from .registry import TOOLS

FigureName = Literal[tuple(FIGURES)]  # type: ignore[valid-type]
GroupingName = Literal[tuple(GROUPINGS)]  # type: ignore[valid-type]
ADDITIVE = frozenset(name for name, f in FIGURES.items() if f.kind in ('money', 'count'))
PERIOD = Field(description=f"The period: {periods.FORMS}. Dates are the shop's local dates.")
AGAINST = Field('previous', description="What to compare with: 'previous' (the period before, the same part of it "
                                        "for a period under way), 'year_before', or another period in the same forms.")
FIGURE = Field(description='The figure, by name: ' + '; '.join(f'{n} ({f.label.lower()})' for n, f in FIGURES.items()))


class _Args(BaseModel):
    model_config = ConfigDict(extra='forbid')


class FiguresArgs(_Args):
    figures: list[FigureName] = Field(min_length=1, max_length=8, description=FIGURE.description)  # type: ignore
    period: str = PERIOD
    by: GroupingName | None = Field(None, description='Break the figures down by barber, service, weekday, hour or '
                                                      'day (one row each)')  # type: ignore[valid-type]
    barber: str | None = Field(None, description="One barber's figures (a name from the shop's team)")
    service: str | None = Field(None, description="One service's figures (a name from the shop's menu)")


class CompareArgs(_Args):
    figure: FigureName = FIGURE  # type: ignore[valid-type]
    period: str = PERIOD
    against: str = AGAINST
    barber: str | None = Field(None, description='Compare this barber only')
    service: str | None = Field(None, description='Compare this service only')


class RankArgs(_Args):
    figure: FigureName = FIGURE  # type: ignore[valid-type]
    by: GroupingName = Field(description='What to rank: barber, service, weekday, hour or day')  # type: ignore
    period: str = PERIOD
    n: int = Field(3, ge=1, le=31, description='How many to list')
    order: Literal['top', 'bottom'] = Field('top', description="'top': highest first; 'bottom': lowest first")


class ExplainArgs(_Args):
    figure: FigureName = FIGURE  # type: ignore[valid-type]
    period: str = PERIOD
    against: str = AGAINST


@TOOLS.tool(needs='history')
def figures(ctx: Context, args: FiguresArgs) -> dict:
    """The shop's figures for a period, with the period before and the year before where the history reaches them
    (a period under way against the same days of the one before); for one barber or service, or broken down by
    barber, service, weekday, hour or day. Use it for any question about how much, how many, what rate or what
    rating."""
    if args.by and (args.barber or args.service):
        raise ValueError('Give a barber or service, or a breakdown (by), not both.')
    period = periods.parse(args.period, ctx.today)
    axis, key = _filter(ctx, args.barber, args.service)
    names = list(dict.fromkeys(args.figures))
    by = axis or args.by
    _check_groupings(names, by)
    report = _report(ctx, period, by)
    out = _head(period, report) | ({axis: key} if axis else {})
    if report.covered is None:
        return out
    previous, year_before = report.previous, report.year_before
    now, before, year = (_values(r, axis, key, names) if r else None for r in (report, previous, year_before))
    out['figures'] = {name: _figure(name, now[name], before and before[name], year and year[name]) for name in names}
    out['compared_with'] = {'previous': periods.as_dict(previous and previous.covered),
                            'year_before': periods.as_dict(year_before and year_before.covered)}
    if args.by:
        out['rows'] = [{'key': _key(row.key, args.by), **{n: _round(row.figures.get(n)) for n in names}}
                       for row in report.rows]
    return out


@TOOLS.tool(needs='history')
def compare(ctx: Context, args: CompareArgs) -> dict:
    """One figure in two periods: the values, the difference and the change in percent. Use it for 'compared with',
    'up or down', 'more than last ...' questions."""
    period = periods.parse(args.period, ctx.today)
    axis, key = _filter(ctx, args.barber, args.service)
    _check_groupings([args.figure], axis)
    report = _report(ctx, period, axis)
    other = _other(ctx, report, args.against, axis)
    now = _values(report, axis, key, [args.figure])[args.figure] if report.covered else None
    before = _values(other, axis, key, [args.figure])[args.figure] if other and other.covered else None
    kind = FIGURES[args.figure].kind
    out = {'figure': args.figure, 'label': FIGURES[args.figure].label, 'kind': kind} | ({axis: key} if axis else {})
    out['this'] = {'period': periods.as_dict(report.covered or period), 'value': _round(now), 'text': spoken(kind, now)}
    out['other'] = {'period': periods.as_dict(other.covered if other else None), 'value': _round(before),
                    'text': spoken(kind, before)}
    if other is None or other.covered is None:
        out['note'] = "The shop's history does not reach the other period, so there is no comparison."
    out |= _difference(kind, now, before)
    return out


@TOOLS.tool(needs='history')
def rank(ctx: Context, args: RankArgs) -> dict:
    """The best or worst barbers, services, weekdays, hours or days of a period by one figure, with each one's value
    (and share of the total for money and counts). Use it for 'who was best', 'which service', 'busiest day'."""
    period = periods.parse(args.period, ctx.today)
    _check_groupings([args.figure], args.by)
    report = _report(ctx, period, args.by)
    kind = FIGURES[args.figure].kind
    out = _head(period, report) | {'figure': args.figure, 'label': FIGURES[args.figure].label, 'by': args.by,
                                   'order': args.order}
    if report.covered is None:
        return out
    rows = [(row.key, row.figures.get(args.figure)) for row in report.rows
            if row.key is not None and row.figures.get(args.figure) is not None]
    rows.sort(key=lambda r: r[1], reverse=args.order == 'top')
    total = report.figures.get(args.figure)
    out['total'] = {'value': _round(total), 'text': spoken(kind, total)}
    out['rows'] = [{'rank': i, 'key': _key(key, args.by), 'value': _round(value), 'text': spoken(kind, value)}
                   | ({'share': round(value / total, 4)} if args.figure in ADDITIVE and total else {})
                   for i, (key, value) in enumerate(rows[:args.n], 1)]
    out['ranked'] = len(rows)
    return out


@TOOLS.tool(needs='history')
def explain_change(ctx: Context, args: ExplainArgs) -> dict:
    """Why a figure moved between two periods: revenue taken apart into visits x average ticket, and the barbers,
    services and weekdays that moved most. Use it for 'why' questions."""
    period = periods.parse(args.period, ctx.today)
    report = _report(ctx, period, None)
    other = _other(ctx, report, args.against, None)
    kind = FIGURES[args.figure].kind
    out = {'figure': args.figure, 'label': FIGURES[args.figure].label, 'kind': kind,
           'this': {'period': periods.as_dict(report.covered or period)},
           'other': {'period': periods.as_dict(other.covered if other else None)}}
    if report.covered is None or other is None or other.covered is None:
        out['note'] = 'The history does not reach both periods, so the change cannot be taken apart.'
        return out
    now, before = report.figures[args.figure], other.figures[args.figure]
    out['this'] |= {'value': _round(now), 'text': spoken(kind, now)}
    out['other'] |= {'value': _round(before), 'text': spoken(kind, before)}
    out |= _difference(kind, now, before)
    if args.figure in ('revenue', 'service_revenue'):
        out['drivers'] = {name: {'this': _round(report.figures[name]), 'other': _round(other.figures[name]),
                                 'text': f'{spoken(FIGURES[name].kind, report.figures[name])} against '
                                         f'{spoken(FIGURES[name].kind, other.figures[name])}'}
                          | _difference(FIGURES[name].kind, report.figures[name], other.figures[name])
                          for name in ('visits', 'average_ticket')}
    for by in ('barber', 'service', 'weekday'):
        if by in FIGURES[args.figure].groupings:
            out[f'by_{by}'] = _movers(ctx, report, other, args.figure, by)
    return out


def _movers(ctx: Context, report: Report, other: Report, figure: str, by: str) -> list[dict]:
    """The groups whose figure changed most, largest change first (at most four)."""
    kind = FIGURES[figure].kind
    now = {row.key: row.figures.get(figure) for row in _report_like(ctx, report, by, ctx.now).rows}
    before = {row.key: row.figures.get(figure) for row in _report_like(ctx, other, by, ctx.now).rows}
    moved = []
    for key in dict.fromkeys([*now, *before]):
        a, b = now.get(key), before.get(key)
        if key is None or (a is None and b is None):
            continue
        moved.append({'key': _key(key, by), 'this': _round(a), 'other': _round(b)} | _difference(kind, a, b))
    moved.sort(key=lambda m: abs(m.get('difference') or 0), reverse=True)
    return moved[:4]


def _report_like(ctx: Context, report: Report, by: str, now: float) -> Report:
    assert report.covered is not None
    return ctx.shop.analytics.report(report.covered, by, now=now)  # type: ignore[union-attr, arg-type]


def _report(ctx: Context, period: Period, by: str | None) -> Report:
    return ctx.shop.analytics.report(period, by, now=ctx.now)  # type: ignore[union-attr, arg-type]


def _other(ctx: Context, report: Report, against: str, by: str | None) -> Report | None:
    key = against.strip().lower().replace(' ', '_')
    if key in ('previous', 'before', 'period_before'):
        return report.previous
    if key in ('year_before', 'last_year_same_period', 'a_year_before'):
        return report.year_before
    return _report(ctx, periods.parse(against, ctx.today), by)


def _filter(ctx: Context, barber: str | None, service: str | None) -> tuple[str | None, str | None]:
    """('barber', name) or ('service', name) as the shop spells it; ValueError naming the choices otherwise."""
    if barber and service:
        raise ValueError('The figures are kept per barber and per service, not per barber and service together: '
                         'ask for one of them.')
    profile = ctx.shop.profile  # type: ignore[union-attr]
    for axis, wanted, known in (('barber', barber, profile.barbers),
                                ('service', service, [s.name for s in profile.services])):
        if wanted:
            found = next((name for name in known if name.casefold() == wanted.strip().casefold()), None)
            if found is None:
                raise ValueError(f'No {axis} is called {wanted!r}; the {axis}s are: {", ".join(known)}.')
            return axis, found
    return None, None


def _check_groupings(names: list[str], by: str | None) -> None:
    for name in names:
        if by and by not in FIGURES[name].groupings:
            ways = ', '.join(g for g in GROUPINGS if g in FIGURES[name].groupings)
            raise ValueError(f'{FIGURES[name].label} is not kept by {by}; it is kept by: {ways}.')


def _head(period: Period, report: Report) -> dict:
    covered = report.covered
    out = {'period': periods.as_dict(period), 'covered': periods.as_dict(covered)}
    if covered is None:
        out['note'] = "The shop's history has no day in this period."
    elif (covered.start, covered.end) != (period.start, period.end):
        out['note'] = 'Only part of the period is covered: up to today, from the start of the history.'
    return out


def _values(report: Report, axis: str | None, key: str | None, names: list[str]) -> dict[str, Value]:
    if axis is None:
        return {name: report.figures[name] for name in names}
    row = next((r for r in report.rows if r.key == key), None)
    return {name: row.figures.get(name) if row else _zero(name) for name in names}


def _zero(name: str) -> Value:
    return 0 if FIGURES[name].kind == 'count' else None


def _figure(name: str, value: Value, previous: Value, year_before: Value) -> dict:
    kind = FIGURES[name].kind
    return {'label': FIGURES[name].label, 'kind': kind, 'value': _round(value), 'text': spoken(kind, value),
            'previous': _round(previous), 'change': _change(value, previous),
            'year_before': _round(year_before), 'change_on_year_before': _change(value, year_before)}


def _difference(kind: str, now: Value, before: Value) -> dict:
    if now is None or before is None:
        return {'difference': None, 'change': None}
    difference = now - before
    word = 'up' if difference > 0 else 'down' if difference < 0 else 'unchanged'
    amount = spoken(kind, abs(difference)) if kind != 'share' else f'{abs(difference) * 100:.1f} points'
    return {'difference': _round(difference), 'change': _change(now, before),
            'difference_text': f'{word} {amount}' if difference else 'unchanged'}


def _change(now: Value, before: Value) -> float | None:
    return None if now is None or not before else round((now - before) / before, 4)


def _round(value: Value) -> Value:
    return round(value, 4) if isinstance(value, float) else value


def _key(key, by: str | None) -> str | None:
    """A row's key as a person reads it: a name, a weekday's name, an hour ('14:00'), or a date with its weekday."""
    if by == 'day':
        return f'{key.isoformat()} ({periods.WEEKDAYS[key.weekday()]})'
    if by == 'weekday':
        return periods.WEEKDAYS[key]
    if by == 'hour':
        return f'{key:02d}:00-{(key + 1) % 24:02d}:00'
    return key
