"""What one TV screen shows, as bindable fields, copied from the shop's kiosk view (view.py) as it changes."""
from dataclasses import field

from nicegui.binding import bindable_dataclass

from shops import CatchingUp, Published, Update

from .view import KioskView

FIELDS = ('ready', 'shop_name', 'time', 'status', 'is_open', 'peak', 'walk_in_wait', 'bookings', 'rating', 'review',
          'queue', 'appointments', 'revenue', 'stale', 'made_at')  # what the screen binds to
COPIED = FIELDS[1:13] + ('made_at',)  # from the view


@bindable_dataclass
class KioskChair:
    barber: str = ''
    status: str = 'Free'
    detail: str = ''
    busy: bool = False


@bindable_dataclass(bindable_fields=list(FIELDS))
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
    appointments: tuple[str, ...] = ()
    revenue: str = ''
    stale: str = ''  # a quiet sentence while the figures are not live
    made_at: float = 0.0  # when the engine took the snapshot shown (wall clock), for measuring delivery
    chairs: list[KioskChair] = field(default_factory=list)

    def receive(self, update: Update) -> None:
        if isinstance(update, CatchingUp):
            self.stale = "Catching up on the shop's history: the figures appear in a moment"
            return
        if not isinstance(update, Published):
            self.stale = f'Figures paused since {self.time}'
            return
        self.copy(update.view('kiosk_money' if self.show_money else 'kiosk'))

    def copy(self, view: KioskView) -> None:
        for name in COPIED:
            setattr(self, name, getattr(view, name))  # a bindable property pushes only a changed value
        self.stale, self.ready = '', True
        if len(self.chairs) != len(view.chairs):
            self.chairs = [KioskChair() for _ in view.chairs]
        for mine, theirs in zip(self.chairs, view.chairs, strict=True):
            mine.barber, mine.status, mine.detail, mine.busy = theirs.barber, theirs.status, theirs.detail, theirs.busy
