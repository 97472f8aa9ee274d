"""GET /api/health: whether the service is up, for anyone; what runs and how (engine, open pages, knowledge index,
coach providers), for the owner's signed-in browser or a monitoring token only."""
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from nicegui import app

from engine.loop import EngineLoop
from store.accounts import get_account
from store.db import Database
from store.tokens import shop_for_token

monitor_bearer = HTTPBearer(auto_error=False, scheme_name='Monitoring token',
                            description='A monitoring token, made in Settings > Tokens: `Authorization: Bearer '
                                        '<token>`. Without it (or the owner signed in) the answer is `status` only.')
UNKNOWN = ('This monitoring token is unknown or revoked: make one in Settings > Tokens (Monitoring tokens) and send '
           'it as "Authorization: Bearer <token>", or leave the header out for the status alone.')
DESCRIPTION = """`status` is `ok` or `degraded` (the engine stopped or failing, or the store not open), for anyone.
With a monitoring token, or signed in as the owner, the answer adds `engine_running`, `seconds_since_tick`, `ticks`,
`engine_errors`, `shops`, `shops_ready` (started; the others are catching up on their history), `shops_watched`,
`sessions` (open pages), `subscribers`, `pages_per_shop`, `knowledge`, `coach_providers` and the store's state."""


def create(loop: EngineLoop, details: Callable[[], dict], store: Callable[[], Database]) -> None:
    """`details` adds what the composition root knows: sessions, the knowledge index, the store."""
    @app.get('/api/health', tags=['health'], summary='Whether the service is up', description=DESCRIPTION,
             responses={401: {'description': 'A monitoring token was sent, and it is unknown or revoked'}})
    async def health(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(monitor_bearer)]) -> dict:
        more = details()
        healthy = loop.running and not loop.errors and more.get('store') != 'failed'
        status = {'status': 'ok' if healthy else 'degraded'}
        if not await _may_see_details(store(), credentials):
            return status
        return {
            **status,
            'engine_running': loop.running,
            'seconds_since_tick': loop.seconds_since_tick(),
            'ticks': loop.ticks,  # with main.py's `tick_seconds`: a bench sampling both reads each tick's time once
            'engine_errors': len(loop.errors),
            'shops_stopped': {shop_id: engine.failure for shop_id, engine in loop.engines.items() if engine.failure},
            'shops_watched': loop.snapshots,  # snapshotted in the last tick: the others have no page open
            **more,
        }


async def _may_see_details(db: Database, credentials: HTTPAuthorizationCredentials | None) -> bool:
    """A monitoring token, or the session of a browser signed in as an owner (the settings page's System panel)."""
    if credentials is not None and credentials.credentials:
        if await shop_for_token(db, 'monitor', credentials.credentials) is None:
            raise HTTPException(401, UNKNOWN, headers={'WWW-Authenticate': 'Bearer'})
        return True
    user_id = app.storage.user.get('user_id')
    account = await get_account(db, user_id) if user_id else None
    return (account is not None and account.session_epoch == app.storage.user.get('epoch', 0)
            and any(shop.role == 'owner' for shop in account.shops))
