"""GET /api/shops/{shop_id}/forecast?days=N: where today and the days ahead will land, for other programs."""
from typing import Annotated, Any

from fastapi import Depends, Query
from nicegui import app

from engine.forecast import MAX_DAYS, forecast, forecast_json
from shops import Shops

from .auth import shop_access
from .metrics import running_engine

FORECAST_DOC = f"""Revenue (service prices and retail, tips apart) and visits (completed services) for today and the
days after it, each with `expected` and an 80% interval (`low`, `high`: the figure falls below `low` one day in ten
and above `high` one in ten). Today is what was taken so far (`taken_revenue`, `taken_visits`) plus the rest of the
day; `hours` is today's revenue by local hour (taken in the hours gone, expected after). `booked`: appointments on
the book now. `total` adds up the days (its interval as of independent days). Learned from the shop's own history:
its weekdays since the latest change of level (`learned_from`), the book against what it usually holds that far
ahead, public holidays where the shop's country is set. `notes` say what to know about it. `days`: 1 to {MAX_DAYS},
today included."""


def create(shops: Shops) -> None:
    access = shop_access(lambda: shops.store, 'figures')

    @app.get('/api/shops/{shop_id}/forecast', tags=['metrics'], summary='Where today and the days ahead will land',
             description=FORECAST_DOC,
             responses={401: {'description': 'No or unknown API token'},
                        403: {'description': 'The token is of another shop, or may not read figures'},
                        422: {'description': '`days` is not a whole number from 1 to the most allowed'}})
    async def shop_forecast(shop_id: Annotated[str, Depends(access)],
                            days: Annotated[int, Query(ge=1, le=MAX_DAYS, description='Days to forecast, today '
                                                       f'included: 1 to {MAX_DAYS}')] = 7) -> dict[str, Any]:
        engine = running_engine(shops, shop_id)  # on the loop, as the engine: a few ms
        return forecast_json(forecast(engine.analytics, engine.clock.now(), days))
