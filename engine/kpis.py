"""The figures the leading salon and barber platforms show owners, kept per day and per barber: O(1) per event."""
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .client_figures import RETENTION_DAYS, ClientBook, ratio
from .events import Booked, Cancelled, CheckedIn, Event, NoShow, Reviewed, ServiceCompleted, ServiceStarted, WalkedOut
from .metrics import Metrics
from .snapshot import BarberRow, Kpis

LATE_CANCEL_SECONDS = 24 * 3600  # a cancellation this close to the appointment counts as late


@dataclass(slots=True)
class BarberDay:
    revenue: float = 0.0
    services: int = 0
    busy_seconds: float = 0.0
    retail_visits: int = 0
    reviews: int = 0
    stars: int = 0


@dataclass(slots=True)
class KpiDay:
    check_ins: int = 0
    walk_ins: int = 0
    walk_outs: int = 0  # walk-ins who left unserved
    due: int = 0  # appointments whose time fell on this day (booked, not cancelled in time)
    no_shows: int = 0
    cancellations: int = 0
    late_cancellations: int = 0
    barbers: dict[str, BarberDay] = field(default_factory=lambda: defaultdict(BarberDay))


class KpiBook:
    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.clients = ClientBook(metrics)
        self.days: dict[date, KpiDay] = defaultdict(KpiDay)
        self.started: dict[str, float] = {}  # visit -> start of its service
        self.appointments: dict[str, float] = {}  # open bookings: visit -> appointment time
        self._spans: dict[date, tuple[float, float] | None] = {}
        self.version = 0  # events applied: a period's sums are kept while no event comes (a snapshot every second)
        self._sums: dict[tuple[date, int], tuple[int, Kpis, list[tuple[str, BarberDay]], float]] = {}

    def apply(self, e: Event) -> None:
        self.version += 1
        self.clients.apply(e)
        if isinstance(e, Booked):
            self.appointments[e.customer] = e.appointment_at
        elif isinstance(e, Cancelled):
            appointment = self.appointments.pop(e.customer, None)
            if appointment is not None:
                day = self.days[self.metrics.day_of(appointment)]
                day.cancellations += 1
                day.late_cancellations += appointment - e.at < LATE_CANCEL_SECONDS
        elif isinstance(e, NoShow):
            appointment = self.appointments.pop(e.customer, e.at)
            day = self.days[self.metrics.day_of(appointment)]
            day.due += 1
            day.no_shows += 1
        elif isinstance(e, CheckedIn):
            appointment = self.appointments.pop(e.customer, None)
            day = self.days[self.metrics.day_of(e.at)]
            day.check_ins += 1
            day.walk_ins += e.walk_in
            if appointment is not None:
                self.days[self.metrics.day_of(appointment)].due += 1
        elif isinstance(e, WalkedOut):
            self.days[self.metrics.day_of(e.at)].walk_outs += 1
        elif isinstance(e, ServiceStarted):
            self.started[e.customer] = e.at
        elif isinstance(e, ServiceCompleted):
            barber = self.days[self.metrics.day_of(e.at)].barbers[e.barber]
            barber.revenue += e.price + e.retail
            barber.services += 1
            barber.busy_seconds += e.at - self.started.pop(e.customer, e.at)
            barber.retail_visits += e.retail > 0
        elif isinstance(e, Reviewed):
            barber = self.days[self.metrics.day_of(e.at)].barbers[e.barber]
            barber.reviews += 1
            barber.stars += e.stars

    def kpis(self, today: date, days: int, now: float) -> Kpis:
        """Over the `days` days up to `today`, today's open time counted as far as `now`."""
        sums = self._sums.get((today, days))
        if sums is None or sums[0] != self.version:
            if len(self._sums) > 16:
                self._sums.clear()
            sums = self._sums[(today, days)] = (self.version, *self._sum(today, days))
        _, kpis, per_barber, settled_seconds = sums
        open_seconds = settled_seconds + self._open_seconds(today, now)
        rebookings = self.clients.figures(today, days).barbers
        return replace(kpis, barbers=tuple(_barber_row(name, b, open_seconds, rebookings.get(name, (0, 0)))
                                           for name, b in per_barber))

    def _sum(self, today: date, days: int) -> tuple[Kpis, list[tuple[str, BarberDay]], float]:
        """The period's figures but the barbers' (their utilization grows with today's open time), the barbers'
        sums, and one chair's open time over the days before today."""
        period = [self.days[d] for d in (today - timedelta(n) for n in range(days)) if d in self.days]
        per_barber: dict[str, BarberDay] = defaultdict(BarberDay)
        for day in period:
            for name, b in day.barbers.items():
                total = per_barber[name]
                total.revenue += b.revenue
                total.services += b.services
                total.busy_seconds += b.busy_seconds
                total.retail_visits += b.retail_visits
                total.reviews += b.reviews
                total.stars += b.stars
        services = sum(b.services for b in per_barber.values())
        due = sum(d.due for d in period)
        booked = due + sum(d.cancellations for d in period)
        clients = self.clients.figures(today, days)
        retention = dict(zip(RETENTION_DAYS, clients.retention, strict=True))
        kpis = Kpis(
            days=days,
            average_ticket=ratio(sum(b.revenue for b in per_barber.values()), services),
            retail_attachment=ratio(sum(b.retail_visits for b in per_barber.values()), services),
            no_show_rate=ratio(sum(d.no_shows for d in period), due),
            late_cancel_rate=ratio(sum(d.late_cancellations for d in period), booked),
            walk_in_share=ratio(sum(d.walk_ins for d in period), sum(d.check_ins for d in period)),
            walk_ins_lost=ratio(sum(d.walk_outs for d in period), sum(d.walk_ins for d in period)),
            rebooking_rate=clients.rebooking_rate,
            new_clients=clients.new_clients,
            returning_clients=clients.returning_clients,
            retention_30=retention[30],
            retention_60=retention[60],
            retention_90=retention[90],
            barbers=(),
        )
        settled_seconds = sum(span[1] - span[0] for n in range(1, days)
                              if (span := self._span(today - timedelta(n))) is not None)
        return kpis, sorted(per_barber.items()), settled_seconds

    def _open_seconds(self, today: date, now: float) -> float:
        """One chair's open time today, as far as it has gone."""
        span = self._span(today)
        return 0.0 if span is None else max(0.0, min(span[1], now) - span[0])

    def _span(self, day: date) -> tuple[float, float] | None:
        if day not in self._spans:
            self._spans[day] = self.metrics.profile.open_span(day)
        return self._spans[day]


def _barber_row(name: str, b: BarberDay, open_seconds: float, rebookings: tuple[int, int]) -> BarberRow:
    visits, rebooked = rebookings
    return BarberRow(name, b.revenue, b.services, ratio(b.busy_seconds, open_seconds), ratio(b.revenue, b.services),
                     ratio(b.stars, b.reviews), ratio(rebooked, visits))

