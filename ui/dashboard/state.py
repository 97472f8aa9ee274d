"""What one dashboard tab shows, as bindable fields: copied from the shop's view (view.py, built once per snapshot)
and pushed to the browser only where a value changed."""
from dataclasses import field

from nicegui.binding import bindable_dataclass

from shops import CatchingUp, Published, Update

from .view import METRICS, PARTS, DashboardView

FIELDS = ('ready', 'shop_name', 'local_time', 'status', 'is_open', 'notice', 'updated', 'engine_ok', 'speed', 'in_shop',
          'waiting', 'avg_wait', 'peak', 'hours', 'hourly_revenue', 'hourly_last_week', 'arrivals', 'expected_arrivals',
          'services', 'kpi_rows', 'barber_rows', 'made_at', 'revenue_forecast', 'expected_revenue', 'catching_up',
          *[f'{p}_error' for p in PARTS])  # what pages bind to


@bindable_dataclass
class MetricView:
    value: str = ''
    detail: str = ''
    trend: str = ''  # markup: an arrow and the change against last week


@bindable_dataclass
class ChairView:
    markup: str = ''  # the chair's icon, its barber and who is in it, as one element


@bindable_dataclass(bindable_fields=list(FIELDS))
class SessionState:
    ready: bool = False  # False until the first snapshot: skeletons hold the place
    shop_name: str = ''
    local_time: str = ''
    status: str = ''
    is_open: bool = False
    notice: str = ''  # why the figures are not today's, when they are not
    catching_up: str = ''  # while the shop catches up on its history after a restart: how far it is
    updated: str = 'Connecting…'  # the connection badge: 'Live', or why the figures have stopped
    connected: bool = False  # the page's socket is up (connection_badge.py): till then the badge says 'Connecting…'
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
    revenue_forecast: str = ''  # 'likely to close at $X ($low–$high)'; empty while closed or without history
    expected_revenue: list[float | None] = field(default_factory=list)  # per chart hour: the forecast from now on
    services: list[dict] = field(default_factory=list)
    kpi_rows: list[dict] = field(default_factory=list)
    barber_rows: list[dict] = field(default_factory=list)
    cards_error: str = ''
    activity_error: str = ''
    chart_error: str = ''
    services_error: str = ''
    kpis_error: str = ''
    shown: object = None  # the snapshot whose view this tab shows; None: the next view is copied whole

    def receive(self, update: Update) -> None:
        """The shop's latest snapshot, a sentence saying why its figures have stopped, or that they are coming."""
        if isinstance(update, Published):
            self.catching_up = ''
            self.copy(update.view('dashboard'))
            return
        if isinstance(update, CatchingUp):
            self.catching_up, self.updated, self.engine_ok = str(update), 'Catching up…', False
            return
        self.engine_ok, self.catching_up = False, ''
        self.updated = update + (f' (last update {self.last_update})' if self.last_update else '')
        self.shown = None  # the next snapshot is copied in full, which sets these back

    def copy(self, view: DashboardView) -> None:
        """Only the values that differ reach the page: a bindable property propagates a change, not an assignment.

        A tab that showed the view before needs only the fields that changed since (at 1x, the clock).
        """
        delta = self.shown is not None and self.shown is view.since
        for name in view.changed if delta else view.fields:
            setattr(self, name, view.fields[name])
        if not delta or view.cards_changed:
            for name in METRICS:
                mine = getattr(self, name)
                mine.value, mine.detail, mine.trend = view.metrics.get(name, ('', '', ''))
            if len(self.chairs) != len(view.chairs):
                self.chairs = [ChairView() for _ in view.chairs]
            for mine, markup in zip(self.chairs, view.chairs, strict=True):
                mine.markup = markup
        self.shown = view.snapshot
