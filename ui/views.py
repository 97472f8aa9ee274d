"""The views each page kind shows of a shop's snapshot, built once per snapshot by the live fan-out (shops/live.py)."""
from collections.abc import Mapping
from functools import partial

from coach.figures import describe
from engine import ShopEngine, Snapshot
from engine.forecast import PeriodForecast, forecast_period

from .dashboard import view as dashboard
from .kiosk import view as kiosk

BUILDERS = {'dashboard': dashboard.build, 'kiosk': kiosk.build, 'kiosk_money': kiosk.build_with_money,
            'coach': lambda snapshot, before: describe(snapshot)}


def builders(engines: Mapping[str, ShopEngine]) -> dict:
    """BUILDERS, the dashboard's with today's forecast made from the shop's engine (its analytics)."""
    def today(snapshot: Snapshot) -> PeriodForecast | None:
        engine = engines.get(snapshot.shop_id)
        if engine is None or engine.failure:
            return None
        return forecast_period(engine.analytics, snapshot.at, 'today')
    return {**BUILDERS, 'dashboard': partial(dashboard.build, forecaster=today)}
