"""What one browser tab shows, as bindable fields: worked out once per shop and snapshot (`shown`), copied to each
tab, and pushed to the browser only where a value changed."""
import logging
from dataclasses import dataclass, field, fields
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from nicegui.binding import bindable_dataclass

from engine import Snapshot

from .components import icon_text

log = logging.getLogger(__name__)
PARTS = ('cards', 'activity', 'chart', 'services', 'kpis')


@bindable_dataclass
class MetricView:
    value: str = ''
    detail: str = ''
    trend: str = ''  # markup: an arrow and the change against last week


@bindable_dataclass
class ChairView:
    markup: str = ''  # the chair's icon, its barber and who is in it, as one element


SHOWN = ('ready', 'shop_name', 'local_time', 'status', 'is_open', 'notice', 'updated', 'engine_ok', 'speed', 'in_shop',
         'waiting', 'avg_wait', 'peak', 'hours', 'hourly_revenue', 'hourly_last_week', 'arrivals', 'expected_arrivals',
         'services', 'kpi_rows', 'barber_rows', 'made_at', *[f'{p}_error' for p in PARTS])  # what pages bind to


@bindable_dataclass(bindable_fields=list(SHOWN))
class SessionState:
    ready: bool = False  # False until the first snapshot: skeletons hold the place
    shop_name: str = ''
    local_time: str = ''
    status: str = ''
    is_open: bool = False
    notice: str = ''  # why the figures are not today's, when they are not
    updated: str = 'Connecting…'  # the connection badge: 'Live', or why the figures have stopped
    last_update: str = ''  # the shop's time of the latest snapshot shown
    engine_ok: bool = True
    speed: float = 1.0
    made_at: float = 0.0  # when the engine took the snapshot shown (wall clock), for measuring delivery
    revenue: MetricView = field(default_factory=MetricView)
    bookings: MetricView = field(default_factory=MetricView)
    satisfaction: MetricView = field(default_factory=MetricView)
    utilization: MetricView = field(default_factory=MetricView)
    in_shop: str = ''
    waiting: str = ''
    avg_wait: str = ''
    peak: str = ''
    chairs: list[ChairView] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)
    hourly_revenue: list[float] = field(default_factory=list)
    hourly_last_week: list[float] = field(default_factory=list)
    arrivals: list[int] = field(default_factory=list)
    expected_arrivals: list[float] = field(default_factory=list)  # empty until the shop has two weeks of history
    services: list[dict] = field(default_factory=list)
    kpi_rows: list[dict] = field(default_factory=list)
    barber_rows: list[dict] = field(default_factory=list)
    cards_error: str = ''
    activity_error: str = ''
    chart_error: str = ''
    services_error: str = ''
    kpis_error: str = ''
    snapshot: Snapshot | None = None  # the one shown

    def update(self, snapshot: Snapshot) -> None:
        """Each part updates on its own, so one that fails says so and the others keep going."""
        local = datetime.fromtimestamp(snapshot.at, ZoneInfo(snapshot.timezone))
        self.shop_name = snapshot.shop_name
        self.local_time = f'{local:%a %H:%M:%S}'
        self.status = snapshot.status
        self.is_open = snapshot.is_open
        self.last_update = f'{local:%H:%M:%S}'
        self.updated = 'Live'
        self.engine_ok = True
        self.speed = snapshot.speed
        self.made_at = snapshot.made_at
        for part in PARTS:
            try:
                getattr(self, f'_update_{part}')(snapshot)
                setattr(self, f'{part}_error', '')
            except Exception as error:
                log.exception('%s could not be shown', part)
                setattr(self, f'{part}_error', f'This part could not be updated ({type(error).__name__}).')
        self.ready = True

    def receive(self, update: Snapshot | str) -> None:
        """A snapshot, or a sentence saying why the shop's engine has stopped."""
        if isinstance(update, str):
            self.engine_ok = False
            self.updated = update + (f' (last update {self.last_update})' if self.last_update else '')
            self.snapshot = None  # the next snapshot is copied in full, which sets these back
        else:
            self.copy(shown(update))

    def copy(self, shop: 'ShopFigures') -> None:
        """Only the values that differ reach the page: a bindable property propagates a change, not an assignment.

        A page that showed the shop's previous snapshot needs only the fields that changed since (at 1x, the clock).
        """
        other, delta = shop.state, self.snapshot is not None and self.snapshot is shop.previous
        for name in shop.changed if delta else _PLAIN_FIELDS:
            setattr(self, name, getattr(other, name))
        if not delta or shop.nested_changed:
            for name in _METRICS:
                mine, theirs = getattr(self, name), getattr(other, name)
                for metric_field in _METRIC_FIELDS:
                    setattr(mine, metric_field, getattr(theirs, metric_field))
            if len(self.chairs) != len(other.chairs):
                self.chairs = [ChairView() for _ in other.chairs]
            for mine, theirs in zip(self.chairs, other.chairs, strict=True):
                mine.markup = theirs.markup
        self.snapshot = shop.snapshot

    def _update_cards(self, s: Snapshot) -> None:
        weekday = f'{s.day:%a}'
        if s.is_open:
            self.notice = ''
        elif s.day_is_today:
            self.notice = f"{s.status}. Showing today's final figures."
        else:
            self.notice = f'{s.status}. Showing {s.day:%A %-d %B}, the last open day.'
        _set(self.revenue, f'${s.today.revenue:,.0f}', f'plus ${s.today.tips:,.0f} in tips', s.trend('revenue'),
             weekday)
        _set(self.bookings, f'{s.today.bookings}', 'appointments on the book', s.trend('bookings'), weekday)
        satisfaction = s.today.satisfaction
        _set(self.satisfaction, '–' if satisfaction is None else f'{satisfaction:.2f} ★',
             f'{s.today.reviews} review{"s" * (s.today.reviews != 1)}', s.trend('satisfaction'), weekday)
        utilization = s.today.utilization
        _set(self.utilization, '–' if utilization is None else f'{utilization:.0%}',
             f'{s.busy_chairs} of {len(s.chairs)} chairs busy now', s.trend('utilization'), weekday)

    def _update_activity(self, s: Snapshot) -> None:
        self.in_shop = str(s.customers_in_shop)
        self.waiting = f'{s.waiting} waiting'
        self.avg_wait = '–' if s.avg_wait_minutes is None else f'{s.avg_wait_minutes:.0f} min'
        self.peak = 'Peak hour' if s.is_peak else 'Normal' if s.is_open else 'Closed'
        if len(self.chairs) != len(s.chairs):
            self.chairs = [ChairView() for _ in s.chairs]
        for view, chair in zip(self.chairs, s.chairs, strict=True):
            busy = chair.customer is not None
            text = f'{chair.customer} · {chair.service} · ~{chair.minutes_left} min left' if busy else 'Free'
            view.markup = icon_text.markup('chair', chair.barber, 'text-primary' if busy else 'text-grey-5',
                                           'font-medium w-16 shrink-0') \
                + f'<span class="text-sm text-grey-8 truncate">{escape(text)}</span>'

    def _update_chart(self, s: Snapshot) -> None:
        self.hours = [f'{h}:00' for h in s.hours]
        self.hourly_revenue = list(s.hourly_revenue)
        self.hourly_last_week = list(s.hourly_revenue_last_week)
        self.arrivals = list(s.arrivals)
        self.expected_arrivals = list(s.expected_arrivals or [])

    def _update_services(self, s: Snapshot) -> None:
        before = s.last_week.services
        rows = [{'service': name, 'count': count, 'last_week': before.get(name, 0),
                 'change': _change_text(count, before.get(name, 0))} for name, count in s.today.services.items()]
        self.services = sorted(rows, key=lambda row: (-row['count'], row['service']))

    def _update_kpis(self, s: Snapshot) -> None:
        day, month = s.kpis_day, s.kpis_month
        self.kpi_rows = [{'figure': title, 'day': _kpi_text(getattr(day, name), kind),
                          'month': _kpi_text(getattr(month, name), kind)}
                         for title, name, kind in KPI_ROWS]
        self.barber_rows = [{'barber': row.barber, 'revenue': round(row.revenue), 'services': row.services,
                             'utilization': None if row.utilization is None else round(row.utilization * 100),
                             'ticket': None if row.average_ticket is None else round(row.average_ticket),
                             'rating': None if row.rating is None else round(row.rating, 2),
                             'rebooked': None if row.rebooking_rate is None else round(row.rebooking_rate * 100)}
                            for row in month.barbers]


KPI_ROWS = (('Average ticket', 'average_ticket', 'money'), ('Retail attachment', 'retail_attachment', '%'),
            ('No-show rate', 'no_show_rate', '%'), ('Late cancellations', 'late_cancel_rate', '%'),
            ('Walk-in share', 'walk_in_share', '%'), ('Walk-ins lost', 'walk_ins_lost', '%'),
            ('Rebooking rate', 'rebooking_rate', '%'), ('New clients', 'new_clients', 'count'),
            ('Returning clients', 'returning_clients', 'count'), ('Retention 30 days', 'retention_30', '%'),
            ('Retention 60 days', 'retention_60', '%'), ('Retention 90 days', 'retention_90', '%'))


_METRICS = ('revenue', 'bookings', 'satisfaction', 'utilization')
_METRIC_FIELDS = tuple(f.name for f in fields(MetricView))
_PLAIN_FIELDS = (*SHOWN, 'last_update')


def _kpi_text(value: float | None, kind: str) -> str:
    if value is None:
        return '–'
    return f'${value:,.2f}' if kind == 'money' else f'{value:,}' if kind == 'count' else f'{value:.0%}'


def _set(view: MetricView, value: str, detail: str, trend: float | None, weekday: str) -> None:
    view.value = value
    view.detail = detail
    if trend is None:
        view.trend = icon_text.markup('trending_flat', f'no figure for last {weekday}', 'text-grey-6')
    else:
        icon, color = ('trending_up', 'positive') if trend > 0.5 else ('trending_down', 'negative') \
            if trend < -0.5 else ('trending_flat', 'grey-7')
        view.trend = icon_text.markup(icon, f'{trend:+.0f}% vs last {weekday}', f'text-{color}')


def _change_text(now: int, before: int) -> str:
    if before == 0:
        return 'new today' if now else ''
    return f'{(now - before) / before:+.0%}'


@dataclass(slots=True)
class ShopFigures:
    """A shop's figures for its latest snapshot, and which of them changed since the snapshot before."""
    state: SessionState = field(default_factory=SessionState)
    snapshot: Snapshot | None = None
    previous: Snapshot | None = None
    changed: tuple[str, ...] = _PLAIN_FIELDS
    nested_changed: bool = True  # the metric cards or the chairs


_shown: dict[str, ShopFigures] = {}


def shown(snapshot: Snapshot) -> ShopFigures:
    """Every page of a shop shows the same figures: they are worked out once per snapshot, then copied to each page."""
    shop = _shown.get(snapshot.shop_id)
    if shop is None:
        shop = _shown[snapshot.shop_id] = ShopFigures()
    if shop.snapshot is not snapshot:
        state = shop.state
        before, nested_before = {name: getattr(state, name) for name in _PLAIN_FIELDS}, _nested(state)
        state.update(snapshot)
        shop.changed = tuple(name for name in _PLAIN_FIELDS if getattr(state, name) != before[name])
        shop.nested_changed = _nested(state) != nested_before
        shop.previous, shop.snapshot = shop.snapshot, snapshot
    return shop


def _nested(state: SessionState) -> tuple:
    return (tuple(getattr(getattr(state, name), f) for name in _METRICS for f in _METRIC_FIELDS),
            tuple(chair.markup for chair in state.chairs))
