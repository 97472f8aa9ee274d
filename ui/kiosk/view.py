"""What the shop's TV shows, in words, built once per shop and snapshot (shops/live.py) for every screen of the shop.

Names are cut to what a room full of strangers may read; money is shown only where the owner allowed it (a view of
its own, 'kiosk_money').
"""
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from engine import Snapshot, words

NOTHING = '—'


@dataclass(frozen=True, slots=True)
class KioskChairView:
    barber: str
    busy: bool
    status: str
    detail: str


@dataclass(frozen=True, slots=True)
class KioskView:
    shop_name: str
    time: str
    status: str
    is_open: bool
    peak: str
    walk_in_wait: str
    bookings: str
    rating: str
    review: str
    queue: str
    appointments: tuple[str, ...]
    revenue: str  # empty unless money is shown
    made_at: float
    chairs: tuple[KioskChairView, ...]


def build(s: Snapshot, before: KioskView | None = None, *, show_money: bool = False) -> KioskView:
    zone = ZoneInfo(s.timezone)
    five = s.latest_five_star
    more = f' and {s.waiting - len(s.queue)} more' if s.waiting > len(s.queue) else ''  # the snapshot names a few
    wait = s.walk_in_wait_minutes
    return KioskView(
        shop_name=s.shop_name,
        time=f'{datetime.fromtimestamp(s.at, zone):%H:%M}',
        status='Open' if s.is_open else s.status,
        is_open=s.is_open,
        peak='Peak hour' if s.is_peak else '',
        walk_in_wait=NOTHING if wait is None else 'No wait' if wait < 1 else f'~{words.minutes(wait)}',
        bookings=str(s.so_far_today.bookings),
        rating=words.stars(s.rating, places=1, nothing=NOTHING),
        review=f'“{five.text}” — {first_name(five.name)}' if five else '',
        queue=', '.join(first_and_initial(name) for name in s.queue) + more or 'Nobody waiting',
        appointments=tuple(f'{datetime.fromtimestamp(a.at, zone):%H:%M}  {first_and_initial(a.name)} · {a.service}'
                           for a in s.next_appointments),
        revenue=words.money(s.so_far_today.revenue) if show_money else '',
        made_at=s.made_at,
        chairs=tuple(KioskChairView(chair.barber, chair.customer is not None,
                                    'Busy' if chair.customer is not None else 'Free',
                                    f'{chair.service} · ~{chair.minutes_left} min left' if chair.customer is not None
                                    else 'Ready now') for chair in s.chairs),
    )


def build_with_money(s: Snapshot, before: KioskView | None = None) -> KioskView:
    return build(s, before, show_money=True)


def first_name(name: str) -> str:
    return name.split()[0] if name.strip() else 'A customer'


def first_and_initial(name: str) -> str:
    """'Marcus Thompson' -> 'Marcus T.': enough for a customer to recognise themselves, no more."""
    parts = name.replace('.', ' ').split()
    if not parts:
        return 'A customer'
    return parts[0] if len(parts) == 1 else f'{parts[0]} {parts[-1][0].upper()}.'
