"""What a shop is: its chairs and barbers, its service menu, its opening hours and when it is busy."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    price: float
    minutes: int
    weight: float = 1.0  # how often it is chosen, relative to the others


@dataclass(frozen=True, slots=True)
class Hours:
    opens: time
    closes: time


@dataclass(frozen=True)
class ShopProfile:
    id: str
    name: str
    timezone: str
    barbers: tuple[str, ...]
    services: tuple[Service, ...]
    hours: dict[int, Hours]  # by weekday (Monday = 0); a missing day is closed
    peak_hours: tuple[tuple[int, int], ...] = ((10, 14), (17, 19))  # [start, end) local hours
    daily_revenue_goal: float = 1500.0
    country: str | None = None  # ISO 3166 code (e.g. 'US', 'GB'): the forecast knows its public holidays; None: none
    tz: ZoneInfo = field(init=False, repr=False, compare=False)
    _services: dict[str, Service] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.hours:
            raise ValueError('A shop needs at least one open day.')
        if self.country is not None:
            import holidays  # only for shops whose country is given
            if self.country not in holidays.list_supported_countries():
                raise ValueError(f'Unknown country {self.country!r}: give its two-letter ISO code, such as US or GB.')
        object.__setattr__(self, 'tz', ZoneInfo(self.timezone))
        object.__setattr__(self, '_services', {s.name: s for s in self.services})

    @property
    def chairs(self) -> int:
        return len(self.barbers)

    def service(self, name: str) -> Service:
        return self._services[name]

    def is_peak(self, hour: int) -> bool:
        return any(start <= hour < end for start, end in self.peak_hours)

    def local(self, at: float) -> datetime:
        return datetime.fromtimestamp(at, self.tz)

    def instant(self, day: date, clock_time: time) -> float:
        return datetime.combine(day, clock_time, self.tz).timestamp()

    def open_span(self, day: date) -> tuple[float, float] | None:
        """Opening and closing instants of a day, or None when the shop is closed that day."""
        hours = self.hours.get(day.weekday())
        if hours is None:
            return None
        return self.instant(day, hours.opens), self.instant(day, hours.closes)

    def to_dict(self) -> dict:
        """The profile as plain JSON-able data, the shape the store keeps."""
        return {
            'barbers': list(self.barbers),
            'services': [{'name': s.name, 'price': s.price, 'minutes': s.minutes, 'weight': s.weight}
                         for s in self.services],
            'hours': {str(day): [f'{h.opens:%H:%M}', f'{h.closes:%H:%M}'] for day, h in sorted(self.hours.items())},
            'peak_hours': [list(span) for span in self.peak_hours],
            'daily_revenue_goal': self.daily_revenue_goal,
            **({'country': self.country} if self.country else {}),
        }

    @classmethod
    def from_dict(cls, shop_id: str, name: str, timezone: str, data: dict) -> 'ShopProfile':
        return cls(
            id=shop_id,
            name=name,
            timezone=timezone,
            barbers=tuple(data['barbers']),
            services=tuple(Service(**s) for s in data['services']),
            hours={int(day): Hours(time.fromisoformat(opens), time.fromisoformat(closes))
                   for day, (opens, closes) in data['hours'].items()},
            peak_hours=tuple(tuple(span) for span in data.get('peak_hours', ((10, 14), (17, 19)))),
            daily_revenue_goal=float(data.get('daily_revenue_goal', 1500.0)),
            country=data.get('country') or None,
        )

    def last_open_day(self, before: date) -> date:
        day = before - timedelta(days=1)
        while day.weekday() not in self.hours:
            day -= timedelta(days=1)
        return day


def demo_profile(timezone: str = 'UTC', shop_id: str = 'demo') -> ShopProfile:
    """The simulated shop every fresh install starts with."""
    weekday = Hours(time(9), time(20))
    return ShopProfile(
        id=shop_id,
        name='Demo Barbershop',
        timezone=timezone,
        barbers=('Marco', 'Dee', 'Sam', 'Luis'),
        services=(
            Service('Haircut', 35, 30, weight=5),
            Service('Skin fade', 40, 40, weight=3),
            Service('Beard trim', 20, 15, weight=2),
            Service('Cut & beard', 50, 45, weight=3),
            Service('Hot towel shave', 35, 30, weight=1),
            Service('Kids cut', 25, 25, weight=1),
        ),
        hours={0: weekday, 1: weekday, 2: weekday, 3: weekday, 4: weekday,
               5: Hours(time(9), time(19)), 6: Hours(time(10), time(19))},
    )
