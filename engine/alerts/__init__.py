"""Notifications: rules over the shop's events and clock that tell the owner what deserves a look."""
from ..snapshot import Notification
from .engine import AlertEngine
from .model import KINDS, AlertSettings

__all__ = ['KINDS', 'AlertEngine', 'AlertSettings', 'Notification']
