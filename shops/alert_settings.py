"""A shop's notification settings as the owner saved them (Settings > Notifications), in the store's shop settings."""
from dataclasses import asdict

from engine.alerts import AlertSettings
from store.db import Database
from store.shop_settings import get_setting, set_setting

NUMBERS = ('long_wait_minutes', 'quiet_minutes', 'quiet_idle_chairs', 'rush_horizon_minutes')  # the owner sets these
KEY = 'alerts'


async def load(db: Database, shop_id: str) -> AlertSettings:
    """The shop's saved alert settings, or the defaults."""
    saved = await get_setting(db, shop_id, KEY, None) or {}
    settings = AlertSettings()
    settings.enabled.update(saved.get('enabled', {}))
    for field in NUMBERS:
        if field in saved:
            setattr(settings, field, saved[field])
    if 'booking_milestones_day' in saved:
        settings.booking_milestones_day = tuple(saved['booking_milestones_day'])
    return settings


async def save(db: Database, shop_id: str, settings: AlertSettings) -> None:
    data = asdict(settings)
    await set_setting(db, shop_id, KEY, {key: data[key] for key in ('enabled', 'booking_milestones_day', *NUMBERS)})
