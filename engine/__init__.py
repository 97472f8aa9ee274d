"""The domain: events, the simulated shop, incremental metrics and one engine per shop. No UI imports here."""
from .clock import Clock, SimClock
from .events import (
    Booked,
    Cancelled,
    CheckedIn,
    Event,
    LeftUnserved,
    NoShow,
    Reviewed,
    ServiceCompleted,
    ServiceStarted,
    WalkedOut,
)
from .profile import ShopProfile, demo_profile
from .shop import ShopEngine
from .simulation import SimulatedFeed, Simulation
from .snapshot import ChairStatus, DayFigures, Snapshot

__all__ = ['Booked', 'Cancelled', 'ChairStatus', 'CheckedIn', 'Clock', 'DayFigures', 'Event', 'LeftUnserved', 'NoShow',
           'Reviewed', 'ServiceCompleted', 'ServiceStarted', 'ShopEngine', 'ShopProfile', 'SimClock', 'SimulatedFeed',
           'Simulation', 'Snapshot', 'WalkedOut', 'demo_profile']
