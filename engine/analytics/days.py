"""The days of a period as arrays, and every figure worked out from them: for the whole period, per day, per weekday,
or taken apart by barber, service or hour."""
from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Literal

import numpy as np

from . import clients
from .figures import FIGURES, SUMS, Grouping, Value, ratio, values
from .hours import by_hour
from .measures import MEASURES, WIDTH, Axis, Key, Source
from .periods import Period

RETENTION = (30, 60, 90)


class Days:
    """The covered days as arrays [day, slot, measure] (a last slot of zeros stands for a key never seen), and the
    open time and running services of each."""

    def __init__(self, book: Source, covered: Period, now: float, today: date) -> None:
        self.book, self.covered, self.now, self.today = book, covered, now, today
        self.dates = covered.dates()
        rows = [book.days.get(day) for day in self.dates]
        slots = len(book.slots) + 1
        self.kinds = {'count': _stack([row and row.counts for row in rows], slots, WIDTH['count']),
                      'amount': _stack([row and row.amounts for row in rows], slots, WIDTH['amount'])}
        self.spans = [self._open_span(day) for day in self.dates]
        self.open = np.array([span[1] - span[0] if span else 0.0 for span in self.spans])  # one chair's seconds
        self.running = np.zeros(len(self.dates))  # chair time of services started and not completed (yet)
        self.running_hours: dict[int, float] = {}
        for start in book.started.values():
            index = (book.local(start)[0] - covered.start).days
            if 0 <= index < len(self.dates):
                for hour, seconds in book.chair_time(start, now if self.dates[index] == today else math.inf):
                    self.running[index] += seconds
                    self.running_hours[hour] = self.running_hours.get(hour, 0.0) + seconds

    def _open_span(self, day: date) -> tuple[float, float] | None:
        span = self.book.span(day)
        if span is not None and day == self.today:
            span = (span[0], max(span[0], min(span[1], self.now)))
        return span

    def figures(self, by: Literal['day', 'weekday'] | None) -> dict[str, list[Value]]:
        """Every figure for the whole period (one value), per day, or per weekday (the weekdays it holds)."""
        kinds, running, open_seconds = self.kinds, self.running, self.open
        if by is None:
            kinds = {kind: m.sum(0, keepdims=True) for kind, m in kinds.items()}
            running, open_seconds = running.sum(keepdims=True), open_seconds.sum(keepdims=True)
        elif by == 'weekday':
            weekdays = np.array([day.weekday() for day in self.dates])
            kinds = {kind: np.stack([m[weekdays == w].sum(0) for w in self.weekdays()]) for kind, m in kinds.items()}
            running, open_seconds = (np.array([a[weekdays == w].sum() for w in self.weekdays()])
                                     for a in (running, open_seconds))

        def measure(name: str) -> np.ndarray:
            m = MEASURES[name]
            return kinds[m.kind][:, 0, m.offset]

        out = {name: values(name, formula(measure)) for name, formula in SUMS.items()}
        chairs = self.book.profile.chairs * open_seconds
        out['utilization'] = values('utilization', ratio(measure('chair_seconds') + running, chairs))
        if by is None:
            out.update(self._clients())
        elif by == 'day':
            out.update(self._clients_by_day())
        return out

    def weekdays(self) -> list[int]:
        return sorted({day.weekday() for day in self.dates})

    def groups(self, by: Grouping) -> tuple[list, dict[str, list[Value]]]:
        if by == 'day':
            return self.dates, self.figures('day')
        if by == 'weekday':
            return self.weekdays(), self.figures('weekday')
        return self._by_axis(by)

    def _by_axis(self, axis: Axis) -> tuple[list[Key], dict[str, list[Value]]]:
        """By barber, service or hour: the period's sums taken apart by the axis's keys. Every barber and service of
        the profile is listed; others (who left the menu or the team) while they count in the period."""
        book, profile = self.book, self.book.profile
        sums = {kind: m.sum(0) for kind, m in self.kinds.items()}
        hours = self._open_hours() if axis == 'hour' else {}
        listed = {'barber': list(profile.barbers), 'service': [s.name for s in profile.services], 'hour': []}[axis]
        seen = [key for key in book.slots.keys(axis) if key not in listed
                and any(sums[kind][book.slots.find(axis, key)].any() for kind in sums)]
        keys: list[Key] = [*listed, *sorted(seen, key=lambda k: (k is None, k))]
        if axis == 'hour':
            keys = sorted(set(keys) | set(hours))
        slots = [book.slots.find(axis, key) for key in keys]
        slots = np.array([-1 if slot is None else slot for slot in slots], dtype=int)

        def measure(name: str) -> np.ndarray:
            m = MEASURES[name]
            return sums[m.kind][slots, m.offset]

        out = {name: values(name, formula(measure)) for name, formula in SUMS.items()
               if axis in FIGURES[name].groupings}
        if axis == 'barber':
            out['utilization'] = values('utilization', ratio(measure('service_seconds'), self.open.sum()))
        elif axis == 'hour':
            busy = measure('chair_seconds') + np.array([self.running_hours.get(h, 0.0) for h in keys])
            open_chairs = profile.chairs * np.array([hours.get(h, 0.0) for h in keys])
            out['utilization'] = values('utilization', ratio(busy, open_chairs))
        return keys, out

    def _open_hours(self) -> dict[int, float]:
        """One chair's open seconds in each local hour, over the period."""
        hours: dict[int, float] = {}
        for span in self.spans:
            for hour, seconds in by_hour(self.book.profile, *span) if span else ():
                hours[hour] = hours.get(hour, 0.0) + seconds
        return hours

    def _first_visits(self) -> np.ndarray:
        return self.kinds['count'][:, 0, MEASURES['first_visits'].offset]

    def _clients(self) -> dict[str, list[Value]]:
        start, end, rows = self.covered.start, self.covered.end, self.book.days.get
        seen = clients.clients(rows, start, end)
        out: dict[str, list[Value]] = {'clients': [seen], 'returning_clients': [seen - int(self._first_visits().sum())]}
        for within in RETENTION:
            out[f'retention_{within}'] = [clients.retention(rows, start, end, within)]
        return out

    def _clients_by_day(self) -> dict[str, list[Value]]:
        """Each day as its own one-day period (the dashboard's Today column), worked out for all days at once from
        the visits of each day, from 90 days before the first, by gap up to 90 days."""
        longest = max(RETENTION)
        origin = self.covered.start - timedelta(longest)
        span = (self.covered.end - origin).days + 1
        exact = np.zeros((span, longest + 1))  # visits by day and gap
        seen = np.zeros(span)  # clients by day: a visit with gap 0 is the client's second that day
        for j in range(span):
            row = self.book.days.get(origin + timedelta(j))
            if row is not None and row.gaps:
                gaps = np.frombuffer(row.gaps, np.uint16)
                exact[j] = np.bincount(gaps[gaps <= longest], minlength=longest + 1)
                seen[j] = len(gaps) - exact[j, 0]
        index = np.arange(len(self.dates)) + longest
        out: dict[str, list[Value]] = {'clients': values('clients', seen[index]),
                                       'returning_clients': values('clients', seen[index] - self._first_visits())}
        for within in RETENTION:
            window = index - within
            gaps = np.arange(1, within + 1)
            back = exact[window[:, None] + gaps[None, :], gaps[None, :]].sum(1)
            out[f'retention_{within}'] = values(f'retention_{within}', ratio(back, seen[window]))
        return out


def _stack(rows: list, slots: int, width: int) -> np.ndarray:
    """[day, slot, measure]; a row shorter than the shop's slots is zero beyond."""
    stacked = np.zeros((len(rows), slots * width))
    for i, row in enumerate(rows):
        if row:
            stacked[i, :len(row)] = np.frombuffer(row, row.typecode)
    return stacked.reshape(len(rows), slots, width)
