"""The rest of today: the share of a day the same weekdays had still to come at this time, and the appointments still
on today's book against those days'.

    rest = (1 - done) x level + slope x (appointments left today - the same weekdays' appointments left)

`done` is the share of the day's figure the same weekdays had taken by this time of day (their hourly curve). The
pace so far is left out on purpose: scaling the rest by how the morning went made the backtest worse (bench/forecast.py:
11.3% against 7.3% at 13:00), the appointments left already carry what is known of the afternoon. The interval comes
from the same sum worked out at this time of day on the shop's past days: quantiles of its error over their level.
"""
from dataclasses import dataclass

import numpy as np

from .model import ERRORS_MIN, SPREAD, Z80, DayModel


@dataclass(frozen=True, slots=True)
class Rest:
    expected: float
    low: float
    high: float
    hourly: np.ndarray  # expected per local hour from now on (the current hour: its part still to come)


def rest_of_today(model: DayModel, hourly: np.ndarray, left: np.ndarray, today: int, hour: int, fraction: float,
                  slope: float) -> Rest:
    """`hourly`: the figure per day and local hour (today: so far); `left`: appointments on the book per day and
    appointment hour (booked less cancelled); the time of day is `hour` and `fraction` of it."""
    mean, days = model.level(today)
    if not days:
        return Rest(0.0, 0.0, 0.0, np.zeros(24))
    curve = hourly[days].sum(0)
    weights = _to_come(hour, fraction)
    expected = _rest(curve, weights, mean, left[today], left[days], slope)
    to_come = curve * weights
    shape = to_come / to_come.sum() if to_come.sum() > 0 else to_come
    low, high = _errors(model, hourly, left, weights, slope)
    return Rest(expected, max(0.0, expected + low * mean), expected + high * mean, expected * shape)


def _to_come(hour: int, fraction: float) -> np.ndarray:
    """Per local hour, the part of it still to come."""
    weights = np.zeros(24)
    weights[hour] = 1 - fraction
    weights[hour + 1:] = 1
    return weights


def _rest(curve: np.ndarray, weights: np.ndarray, mean: float, left_today: np.ndarray, left_usual: np.ndarray,
          slope: float) -> float:
    total = curve.sum()
    to_come = float(curve @ weights) / total if total > 0 else 1.0
    extra = float(left_today @ weights) - float((left_usual @ weights).mean())
    return max(0.0, to_come * mean + slope * extra)


def _errors(model: DayModel, hourly: np.ndarray, left: np.ndarray, weights: np.ndarray,
            slope: float) -> tuple[float, float]:
    """Quantiles of (actual rest - predicted rest) / level over the past days, at this time of day: `_rest` for all
    of them at once."""
    mask = model.refs >= 0
    refs = np.maximum(model.refs, 0)
    curves = (hourly[refs] * mask[..., None]).sum(1)
    totals = curves.sum(1)
    to_come = np.divide(curves @ weights, totals, out=np.ones(len(totals)), where=totals > 0)
    usual = ((left[refs] @ weights) * mask).sum(1) / mask.sum(1)
    predicted = np.maximum(0.0, to_come * model.levels + slope * (left[model.days] @ weights - usual))
    fair = model.levels > 0
    errors = ((hourly[model.days] @ weights - predicted) / np.where(fair, model.levels, 1.0))[fair]
    if len(errors) >= ERRORS_MIN:
        return float(np.quantile(errors, 0.1)), float(np.quantile(errors, 0.9))
    spread = max(float(np.std(errors)) if len(errors) > 2 else 0.0, SPREAD)
    return -Z80 * spread, Z80 * spread
