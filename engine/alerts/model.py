"""What the alert engine hands out, and the owner's settings that shape it."""
from dataclasses import dataclass, field

FIVE_STAR = 'five_star_review'
LOW_REVIEW = 'low_review'
REVENUE_GOAL = 'revenue_goal'
BOOKING_MILESTONE = 'booking_milestone'
RUSH = 'rush'
LONG_WAIT = 'long_wait'
NO_SHOW = 'no_show'
QUIET = 'quiet'
INSIGHT = 'insight'
WALK_OUT = 'walk_out'
KINDS = (FIVE_STAR, LOW_REVIEW, REVENUE_GOAL, BOOKING_MILESTONE, RUSH, LONG_WAIT, WALK_OUT, NO_SHOW, QUIET, INSIGHT)

DEFAULT_WINDOWS = {  # seconds of silence after a rule fires; event rules rely on per-occurrence ids instead
    RUSH: 3600.0,
    LONG_WAIT: 3600.0,
    QUIET: 2 * 3600.0,
    WALK_OUT: 1800.0,  # a bad stretch loses several walk-ins: one warning, with the day's count
}


@dataclass
class AlertSettings:
    """The owner's settings; read at every evaluation, so a change takes effect at the next event or tick."""
    enabled: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(KINDS, True))  # a missing kind is on
    booking_milestones_day: tuple[int, ...] = (20, 30, 40)  # appointments on one day's book, net of cancellations
    booking_milestones_week: tuple[int, ...] = (150, 200)  # appointments booked for one ISO week
    long_wait_minutes: float = 20  # mean wait over the last hour above this is a warning
    quiet_minutes: float = 30  # length of an idle stretch worth a word
    quiet_idle_chairs: int = 2  # at least this many chairs idle the whole stretch, nobody waiting
    rush_horizon_minutes: int = 60  # how far ahead a rush is looked for
    windows: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WINDOWS))  # per kind; missing: 0
    insight_weeks: int = 4  # same-weekday days the closing revenue is compared with

    def is_on(self, kind: str) -> bool:
        return self.enabled.get(kind, True)

    def window(self, kind: str) -> float:
        return self.windows.get(kind, 0.0)
