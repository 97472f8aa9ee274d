"""What the tools of one answer read: the shop's analytics and profile, its clock at the question, the live snapshot,
a knowledge search, and the passages the answer numbers [1], [2], ..."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from ..types import PassageLike, Retrieve

if TYPE_CHECKING:
    from engine.analytics import Analytics
    from engine.clock import Clock
    from engine.profile import ShopProfile
    from engine.snapshot import Snapshot


class Shop(Protocol):
    """What the coach reads of a shop's engine (engine.ShopEngine fits): its profile, per-day aggregates and clock."""
    @property
    def profile(self) -> ShopProfile: ...
    @property
    def analytics(self) -> Analytics: ...
    @property
    def clock(self) -> Clock: ...


@dataclass
class Context:
    shop: Shop | None = None  # None: no history to look up (only the live snapshot and the knowledge base)
    now: float = 0.0  # the shop's clock when the question was asked: what "today" and "yesterday" mean
    snapshot: Snapshot | None = None
    retrieve: Retrieve | None = None
    passages: list[PassageLike] = field(default_factory=list)  # numbered from 1 in this order, in the answer too

    @property
    def profile(self) -> ShopProfile | None:
        return self.shop.profile if self.shop is not None else None

    @property
    def today(self) -> date:
        """The shop's local date at the question."""
        if self.shop is not None:
            return self.shop.profile.local(self.now).date()
        if self.snapshot is not None:
            from datetime import datetime
            from zoneinfo import ZoneInfo
            return datetime.fromtimestamp(self.now, ZoneInfo(self.snapshot.timezone)).date()
        raise ValueError('No shop is known, so there is no "today" to count from.')

    def has(self, need: str) -> bool:
        return {'history': self.shop is not None, 'live': self.snapshot is not None,
                'knowledge': self.retrieve is not None, '': True}[need]
