"""What the shop's TV shows, as bindable fields. Names are cut to what a room full of strangers may read."""
from dataclasses import field
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui.binding import bindable_dataclass

from engine import Snapshot


@bindable_dataclass
class KioskChair:
    barber: str = ''
    status: str = 'Free'
    detail: str = ''
    busy: bool = False


SHOWN = ('ready', 'shop_name', 'time', 'status', 'is_open', 'peak', 'walk_in_wait', 'bookings', 'rating', 'review',
         'queue', 'appointments', 'revenue', 'stale', 'made_at')  # what the screen binds to


@bindable_dataclass(bindable_fields=list(SHOWN))
class KioskState:
    show_money: bool = False
    ready: bool = False
    shop_name: str = ''
    time: str = ''
    status: str = ''
    is_open: bool = True
    peak: str = ''
    walk_in_wait: str = ''
    bookings: str = ''
    rating: str = ''
    review: str = ''
    queue: str = ''
    appointments: list[str] = field(default_factory=list)
    revenue: str = ''
    stale: str = ''  # a quiet sentence while the figures are not live
    made_at: float = 0.0  # when the engine took the snapshot shown (wall clock), for measuring delivery
    chairs: list[KioskChair] = field(default_factory=list)

    def receive(self, update: Snapshot | str) -> None:
        if isinstance(update, str):
            self.stale = f'Figures paused since {self.time}'
            return
        shown = _shown(update, self.show_money)
        for name in SHOWN:
            setattr(self, name, getattr(shown, name))  # a bindable property pushes only a changed value
        if len(self.chairs) != len(shown.chairs):
            self.chairs = [KioskChair() for _ in shown.chairs]
        for mine, theirs in zip(self.chairs, shown.chairs, strict=True):
            mine.barber, mine.status, mine.detail, mine.busy = theirs.barber, theirs.status, theirs.detail, theirs.busy

    def update(self, s: Snapshot) -> None:
        zone = ZoneInfo(s.timezone)
        self.stale = ''
        self.made_at = s.made_at
        self.shop_name = s.shop_name
        self.time = f'{datetime.fromtimestamp(s.at, zone):%H:%M}'
        self.status = 'Open' if s.is_open else s.status
        self.is_open = s.is_open
        self.peak = 'Peak hour' if s.is_peak else ''
        self.walk_in_wait = '—' if s.walk_in_wait_minutes is None else \
            'No wait' if s.walk_in_wait_minutes < 1 else f'~{s.walk_in_wait_minutes:.0f} min'
        self.bookings = str(s.today.bookings) if s.day_is_today else '0'
        self.rating = '—' if s.rating is None else f'{s.rating:.1f} ★'
        five = s.latest_five_star
        self.review = f'“{five.text}” — {first_name(five.name)}' if five else ''
        more = f' and {s.waiting - len(s.queue)} more' if s.waiting > len(s.queue) else ''  # the snapshot names a few
        self.queue = ', '.join(first_and_initial(name) for name in s.queue) + more or 'Nobody waiting'
        self.appointments = [f'{datetime.fromtimestamp(a.at, zone):%H:%M}  {first_and_initial(a.name)} · {a.service}'
                             for a in s.next_appointments]
        self.revenue = f'${s.today.revenue:,.0f}' if self.show_money else ''
        if len(self.chairs) != len(s.chairs):
            self.chairs = [KioskChair() for _ in s.chairs]
        for view, chair in zip(self.chairs, s.chairs, strict=True):
            view.barber = chair.barber
            view.busy = chair.customer is not None
            view.status = 'Busy' if view.busy else 'Free'
            view.detail = f'{chair.service} · ~{chair.minutes_left} min left' if view.busy else 'Ready now'
        self.ready = True


def first_name(name: str) -> str:
    return name.split()[0] if name.strip() else 'A customer'


def first_and_initial(name: str) -> str:
    """'Marcus Thompson' -> 'Marcus T.': enough for a customer to recognise themselves, no more."""
    parts = name.replace('.', ' ').split()
    if not parts:
        return 'A customer'
    return parts[0] if len(parts) == 1 else f'{parts[0]} {parts[-1][0].upper()}.'


_latest: dict[tuple[str, bool], tuple[Snapshot, KioskState]] = {}  # per shop and money shown or not


def _shown(snapshot: Snapshot, show_money: bool) -> KioskState:
    """Every TV of a shop shows the same: worked out once per snapshot, then copied to each screen."""
    key = (snapshot.shop_id, show_money)
    latest = _latest.get(key)
    if latest is None or latest[0] is not snapshot:
        state = latest[1] if latest else KioskState(show_money=show_money)
        state.update(snapshot)
        latest = _latest[key] = (snapshot, state)
    return latest[1]
