"""The dashboard's figures in words, built once per shop and snapshot (shops/live.py), shared by every dashboard.

Each part is built on its own: one that fails keeps what it showed before and says so, and the others go on. A view
knows which of its fields differ from the view before it, so a dashboard that showed that one copies only those.
"""
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from engine import Snapshot, words
from engine.forecast import PeriodForecast

from ..shared import icon_text

log = logging.getLogger(__name__)
Forecaster = Callable[[Snapshot], PeriodForecast | None]  # today's forecast for the snapshot's shop and time
PARTS = ('cards', 'activity', 'chart', 'services', 'kpis')
METRICS = ('revenue', 'bookings', 'satisfaction', 'utilization')
KPI_ROWS = (('Average ticket', 'average_ticket', 'money'), ('Retail attachment', 'retail_attachment', '%'),
            ('No-show rate', 'no_show_rate', '%'), ('Late cancellations', 'late_cancel_rate', '%'),
            ('Walk-in share', 'walk_in_share', '%'), ('Walk-ins lost', 'walk_ins_lost', '%'),
            ('Rebooking rate', 'rebooking_rate', '%'), ('New clients', 'new_clients', 'count'),
            ('Returning clients', 'returning_clients', 'count'), ('Retention 30 days', 'retention_30', '%'),
            ('Retention 60 days', 'retention_60', '%'), ('Retention 90 days', 'retention_90', '%'))


@dataclass(slots=True)
class DashboardView:
    snapshot: Snapshot
    fields: dict[str, Any]  # what pages bind to (ui/dashboard/state.py FIELDS), by name
    metrics: dict[str, tuple[str, str, str]]  # card -> value, detail, trend (markup)
    chairs: tuple[str, ...]  # each chair's markup: its barber and who is in it
    since: Snapshot | None = None  # the snapshot of the view this one was compared with
    changed: tuple[str, ...] = ()  # the fields that differ from that view
    cards_changed: bool = True  # the metrics or the chairs differ from that view
    errors: dict[str, str] = field(default_factory=dict)
    forecast_minute: float | None = None  # the shop's minute the forecast shown was made in


def build(snapshot: Snapshot, before: DashboardView | None, forecaster: Forecaster | None = None) -> DashboardView:
    view = DashboardView(snapshot, dict(before.fields) if before else {}, dict(before.metrics) if before else {},
                         before.chairs if before else (), forecast_minute=before.forecast_minute if before else None)
    fields = view.fields
    local = datetime.fromtimestamp(snapshot.at, ZoneInfo(snapshot.timezone))
    fields.update(ready=True, shop_name=snapshot.shop_name, local_time=f'{local:%a %H:%M:%S}', status=snapshot.status,
                  is_open=snapshot.is_open, last_update=f'{local:%H:%M:%S}', updated='Live', engine_ok=True,
                  speed=snapshot.speed, made_at=snapshot.made_at)
    for part in PARTS:
        try:
            PART_BUILDERS[part](view, snapshot)
            fields[f'{part}_error'] = ''
        except Exception as error:
            log.exception('%s could not be shown', part)
            fields[f'{part}_error'] = f'This part could not be updated ({type(error).__name__}).'
    _forecast(view, snapshot, forecaster)
    if before is None:
        view.changed = tuple(fields)
    else:
        view.since = before.snapshot
        view.changed = tuple(name for name, value in fields.items() if before.fields.get(name) != value)
        view.cards_changed = view.metrics != before.metrics or view.chairs != before.chairs
    return view


def _cards(view: DashboardView, s: Snapshot) -> None:
    if s.is_open:
        notice = ''
    elif s.day_is_today:
        notice = f"{s.status}. Showing today's final figures."
    else:
        notice = f'{s.status}. Showing {words.long_day(s.day)}, the last open day.'
    view.fields['notice'] = notice
    today = s.today
    view.metrics = {
        'revenue': (words.money(today.revenue), f'plus {words.money(today.tips)} in tips', _trend(s, 'revenue')),
        'bookings': (str(today.bookings), 'appointments on the book', _trend(s, 'bookings')),
        'satisfaction': (words.stars(today.satisfaction), words.plural(today.reviews, 'review'),
                         _trend(s, 'satisfaction')),
        'utilization': (words.percent(today.utilization), f'{s.busy_chairs} of {len(s.chairs)} chairs busy now',
                        _trend(s, 'utilization')),
    }


def _trend(s: Snapshot, figure: str) -> str:
    """An arrow and the change against the same weekday last week, as markup."""
    trend, weekday = s.trend(figure), f'{s.day:%a}'
    if trend is None:
        return icon_text.markup('trending_flat', f'no figure for last {weekday}', 'text-grey-6')
    icon, color = ('trending_up', 'positive') if trend > 0.5 else ('trending_down', 'negative') \
        if trend < -0.5 else ('trending_flat', 'grey-7')
    return icon_text.markup(icon, f'{words.change(trend)} vs last {weekday}', f'text-{color}')


def _forecast(view: DashboardView, s: Snapshot, forecaster: Forecaster | None) -> None:
    """Where today will land and the rest of the day's curve, made at most once a minute of the shop's clock (the
    views in between keep it): nothing while the shop is closed, nor without a history to learn from."""
    minute = s.at // 60
    if view.forecast_minute == minute and 'revenue_forecast' in view.fields:
        return
    view.forecast_minute = minute
    line, curve = '', []
    try:
        ahead = forecaster(s) if forecaster is not None and s.is_open and s.day_is_today else None
        if ahead is not None and ahead.forecast.learned_from.get('revenue') and ahead.forecast.today.is_open:
            line = words.likely_close(ahead.revenue.expected, ahead.revenue.low, ahead.revenue.high)
            now, by_hour = datetime.fromtimestamp(s.at, ZoneInfo(s.timezone)).hour, dict(ahead.forecast.hours)
            curve = [round(by_hour.get(hour, 0.0)) if hour >= now else None for hour in s.hours]
    except Exception:
        log.exception('the forecast could not be made')  # the card and chart show what they know without it
    view.fields.update(revenue_forecast=line, expected_revenue=curve)


def _activity(view: DashboardView, s: Snapshot) -> None:
    view.fields.update(in_shop=str(s.customers_in_shop), waiting=f'{s.waiting} waiting',
                       avg_wait=words.minutes(s.avg_wait_minutes),
                       peak='Peak hour' if s.is_peak else 'Normal' if s.is_open else 'Closed')
    chairs = []
    for chair in s.chairs:
        busy = chair.customer is not None
        text = f'{chair.customer} · {chair.service} · ~{chair.minutes_left} min left' if busy else 'Free'
        chairs.append(icon_text.markup('chair', chair.barber, 'text-primary' if busy else 'text-grey-5',
                                       'font-medium w-16 shrink-0')
                      + f'<span class="text-sm text-grey-8 truncate">{escape(text)}</span>')
    view.chairs = tuple(chairs)


def _chart(view: DashboardView, s: Snapshot) -> None:
    view.fields.update(hours=[f'{h}:00' for h in s.hours], hourly_revenue=list(s.hourly_revenue),
                       hourly_last_week=list(s.hourly_revenue_last_week), arrivals=list(s.arrivals),
                       expected_arrivals=list(s.expected_arrivals or []))


def _services(view: DashboardView, s: Snapshot) -> None:
    before = s.last_week.services
    rows = [{'service': name, 'count': count, 'last_week': before.get(name, 0),
             'change': _change_text(count, before.get(name, 0))} for name, count in s.today.services.items()]
    view.fields['services'] = sorted(rows, key=lambda row: (-row['count'], row['service']))


def _kpis(view: DashboardView, s: Snapshot) -> None:
    day, month = s.kpis_day, s.kpis_month
    view.fields['kpi_rows'] = [{'figure': title, 'day': _kpi_text(getattr(day, name), kind),
                                'month': _kpi_text(getattr(month, name), kind)} for title, name, kind in KPI_ROWS]
    view.fields['barber_rows'] = [
        {'barber': row.barber, 'revenue': round(row.revenue), 'services': row.services,
         'utilization': None if row.utilization is None else round(row.utilization * 100),
         'ticket': None if row.average_ticket is None else round(row.average_ticket),
         'rating': None if row.rating is None else round(row.rating, 2),
         'rebooked': None if row.rebooking_rate is None else round(row.rebooking_rate * 100)}
        for row in month.barbers]


PART_BUILDERS = {'cards': _cards, 'activity': _activity, 'chart': _chart, 'services': _services, 'kpis': _kpis}


def _kpi_text(value: float | None, kind: str) -> str:
    if kind == 'money':
        return words.money_cents(value)
    return words.NOTHING if value is None else words.count(value) if kind == 'count' else words.percent(value)


def _change_text(now: int, before: int) -> str:
    if before == 0:
        return 'new today' if now else ''
    return f'{(now - before) / before:+.0%}'
