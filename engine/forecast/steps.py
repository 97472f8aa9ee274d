"""Where a shop's level stepped (a barber added, prices changed): the forecast learns from after the latest step only.

Each day is taken relative to its weekday's median, so a step shows on every weekday alike; the split of the days that
best tells two levels apart (a two-sample t statistic) is a step when it is clear (T_MIN) and large enough to matter
(RATIO_MIN); then the days after it are searched again for a later one (binary segmentation, latest first).
"""
import numpy as np

T_MIN = 5.0  # the best of ~150 splits of days with no step rarely passes 3.5
RATIO_MIN = 0.08  # steps smaller than 8% of the level are left to the interval
SIDE_MIN = 7  # days needed on each side of a step


def latest_step(values: np.ndarray, weekdays: np.ndarray) -> int | None:
    """The index (into `values`, the usable days in order) of the first day after the latest step; None: no step."""
    ratios = _relative(values, weekdays)
    start, found = 0, None
    while True:
        split = _best_split(ratios[start:])
        if split is None:
            return found
        start += split
        found = start


def _relative(values: np.ndarray, weekdays: np.ndarray) -> np.ndarray:
    ratios = np.ones(len(values))
    for weekday in set(weekdays.tolist()):
        same = weekdays == weekday
        median = np.median(values[same])
        ratios[same] = values[same] / median if median > 0 else 1.0
    return ratios


def _best_split(ratios: np.ndarray) -> int | None:
    n = len(ratios)
    if n < 2 * SIDE_MIN:
        return None
    cumulative = np.cumsum(ratios)
    squares = np.cumsum(ratios ** 2)
    left = np.arange(SIDE_MIN, n - SIDE_MIN + 1)
    right = n - left
    mean_left = cumulative[left - 1] / left
    mean_right = (cumulative[-1] - cumulative[left - 1]) / right
    spread = (squares[-1] - left * mean_left ** 2 - right * mean_right ** 2) / (n - 2)  # pooled variance
    t = np.abs(mean_right - mean_left) / np.sqrt(np.maximum(spread, 1e-12) * (1 / left + 1 / right))
    best = int(np.argmax(t))
    step = abs(mean_right[best] / mean_left[best] - 1) if mean_left[best] > 0 else np.inf
    return int(left[best]) if t[best] >= T_MIN and step >= RATIO_MIN else None
