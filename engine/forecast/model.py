"""The day model of one figure (revenue or visits): a day is its weekday's level plus what its book says.

- Level: the mean of the same weekday's last WEEKS usable days since the latest step (steps.py); a weekday with no
  day since the step takes its days before it, times the step's ratio.
- Book: the bookings made at least k days before the day (k: how far ahead it is), against the same count on the
  days of its level: each booking more (or fewer) than usual moves the day by `slope`, the shop's own (least squares
  over its past days, per lead; never negative).
- Interval: the 10% and 90% quantiles of the model's relative errors on the shop's past days, each predicted from
  the days before it only (on its own side of the step), per lead; with fewer than ERRORS_MIN of them, a normal
  interval of their spread (at least SPREAD).
- Unusable days (closed, no visit at all, public holidays) are neither levels nor errors. Public holidays get the
  factor seen on the shop's past ones (their figure over their level); with none seen, they are forecast as usual.
"""
import numpy as np

from .steps import latest_step

WEEKS = 8  # same weekdays in a level
ERRORS_MIN = 20  # past days' errors needed for an empirical interval
SPREAD = 0.15  # relative spread assumed until a shop has that many
Z80 = 1.2816  # a normal's 90% quantile


class DayModel:
    def __init__(self, values: np.ndarray, usable: np.ndarray, holidays: np.ndarray, last: int) -> None:
        """`values` per day of the history and the days ahead (index `last` is the last past day)."""
        self.values, self.usable, self.last = values, usable, last
        past = np.flatnonzero(usable[:last + 1])
        step = latest_step(values[past], past % 7)
        self.start = int(past[step]) if step is not None else 0
        before, after = values[past[past < self.start]], values[past[past >= self.start]]
        self.ratio = float(after.mean() / before.mean()) if len(before) and len(after) and before.mean() else 1.0
        self.days = past[past >= 7]  # past days with a level (their refs), for the slopes and errors
        self.refs = np.array([self.refs_of(d, d - 1, self.start if d >= self.start else 0) for d in self.days],
                             dtype=int).reshape(len(self.days), WEEKS)
        has = (self.refs >= 0).sum(1) >= 2
        self.days, self.refs = self.days[has], self.refs[has]
        self.levels = _mean(values, self.refs)
        self.holiday_factor = self._holiday_factor(holidays)
        self.slopes: dict[int, float] = {}
        self.errors: dict[int, tuple[float, float]] = {}

    def refs_of(self, day: int, last: int, start: int) -> list[int]:
        """The last WEEKS usable same weekdays before `day`, up to `last` and from `start`; -1 pads."""
        found, d = [], day - 7
        while d > last:
            d -= 7
        while d >= start and len(found) < WEEKS:
            if self.usable[d]:
                found.append(d)
            d -= 7
        return found + [-1] * (WEEKS - len(found))

    def learn(self, bucket: int, booked: np.ndarray) -> None:
        """The slope and the error quantiles of the book's lead `bucket`; `booked`: that count per day."""
        extra = booked[self.days] - _mean(booked, self.refs)
        actual = self.values[self.days] - self.levels
        squares = float(extra @ extra)
        slope = max(0.0, float(extra @ actual) / squares) if squares > 0 else 0.0
        predicted = np.maximum(self.levels + slope * extra, 1e-9)
        relative = self.values[self.days] / predicted - 1
        if len(relative) >= ERRORS_MIN:
            errors = float(np.quantile(relative, 0.1)), float(np.quantile(relative, 0.9))
        else:
            spread = max(float(relative.std()) if len(relative) > 2 else 0.0, SPREAD)
            errors = -Z80 * spread, Z80 * spread
        self.slopes[bucket], self.errors[bucket] = slope, errors

    def level(self, day: int) -> tuple[float, list[int]]:
        """The weekday's level for a day ahead, and the days it was taken from."""
        days = [d for d in self.refs_of(day, self.last, self.start) if d >= 0]
        if days:
            return float(self.values[days].mean()), days
        days = [d for d in self.refs_of(day, self.last, 0) if d >= 0]
        return (float(self.values[days].mean()) * self.ratio if days else 0.0), days

    def predict(self, day: int, bucket: int, booked: np.ndarray, holiday: bool) -> tuple[float, float, float]:
        """Expected, low and high for a day ahead; `booked`: the bucket's count per day (learn it first)."""
        mean, days = self.level(day)
        if not days:
            return 0.0, 0.0, 0.0
        expected = max(0.0, mean + self.slopes[bucket] * (booked[day] - booked[days].mean()))
        if holiday and self.holiday_factor is not None:
            expected *= self.holiday_factor
        low, high = self.errors[bucket]
        return expected, expected * max(0.0, 1 + low), expected * (1 + high)

    def _holiday_factor(self, holidays: np.ndarray) -> float | None:
        past = [d for d in np.flatnonzero(holidays[:self.last + 1]) if d >= 7]
        ratios = []
        for d in past:
            days = [r for r in self.refs_of(d, d - 1, 0) if r >= 0]
            if days and self.values[days].mean() > 0:
                ratios.append(self.values[d] / self.values[days].mean())
        return float(np.median(ratios)) if ratios else None


def _mean(values: np.ndarray, refs: np.ndarray) -> np.ndarray:
    """Per row of ref indices (-1: none), the mean of the values."""
    mask = refs >= 0
    return np.where(mask, values[np.maximum(refs, 0)], 0.0).sum(1) / np.maximum(mask.sum(1), 1)
