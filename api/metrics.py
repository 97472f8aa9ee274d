"""GET /api/shops/{shop_id}/metrics and /metrics/stream: the shop's live snapshot, for other programs.

The stream is server-sent events: a snapshot as soon as the shop's figures change (looked at ten times a second)
and at least one a second, so a follower sees an accepted event within ~0.1 s and the clock move meanwhile. It ends
when its token is revoked (at once from Settings, within seconds otherwise), with an `error` event saying so.
"""
import asyncio
import json
import time
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from nicegui import app
from nicegui.server import Server

from engine import ShopEngine, Snapshot
from shops import Shops
from store.tokens import hash_token

from .auth import UNKNOWN, bearer, shop_access

FIGURES = ('revenue', 'tips', 'bookings', 'reviews', 'satisfaction', 'utilization')
CHECK_EVERY = 0.1  # seconds between looks at the engine, for the stream
AT_LEAST_EVERY = 1.0  # seconds: a snapshot even when nothing happened
RETRY_AFTER = 5  # seconds, for a shop still catching up on its history (asking moves it ahead of the others)
SNAPSHOT_DOC = """The shop's figures now: `today` (revenue, tips, bookings, reviews, satisfaction, utilization,
services) and `last_week` (the same weekday a week before, at the same time of day), `trends` (percentage change
against last week, null when there is nothing to compare), and the live floor: `chairs`, `queue`, `waiting`,
`avg_wait_minutes`, `next_appointments`, `recent` events. Times are epoch seconds; `day` is the shop's local date
the figures describe: before opening, the last open day, while `so_far_today` has the calendar day's up to now."""


def snapshot_json(snapshot: Snapshot) -> dict[str, Any]:
    """The snapshot as plain JSON, with its trends; events carry their `kind` as when they were posted."""
    data = asdict(snapshot)
    data['recent'] = [event.to_dict() for event in snapshot.recent]
    data['trends'] = {figure: snapshot.trend(figure) for figure in FIGURES}
    data['busy_chairs'] = snapshot.busy_chairs
    return jsonable_encoder(data)


def running_engine(shops: Shops, shop_id: str) -> ShopEngine:
    """The shop's engine, looked up on each use (a restart replaces it); 503 while it starts (with Retry-After, and
    the shop then starts before those nobody waits for) or when it stopped."""
    engine = shops.engines.get(shop_id)
    if engine is None:
        progress = shops.catching_up(shop_id)
        raise HTTPException(503, f'The shop is catching up on its history after a restart ({progress.ready:,} of '
                                 f'{progress.total:,} shops ready): try again in {RETRY_AFTER} seconds.'
                            if progress else 'The shop is starting: try again in a few seconds.',
                            headers={'Retry-After': str(RETRY_AFTER)})
    if engine.failure is not None:
        raise HTTPException(503, f'{engine.failure}.')
    return engine


def create(shops: Shops) -> None:
    access = shop_access(lambda: shops.store, 'figures')

    @app.get('/api/shops/{shop_id}/metrics', tags=['metrics'], summary="The shop's live figures",
             description=SNAPSHOT_DOC, responses={401: {'description': 'No or unknown API token'},
                                                  403: {'description': 'The token is of another shop, or may not '
                                                                       'read figures'}})
    async def metrics(shop_id: Annotated[str, Depends(access)]) -> dict[str, Any]:  # on the loop, as the engine
        return snapshot_json(running_engine(shops, shop_id).snapshot())

    @app.get('/api/shops/{shop_id}/metrics/stream', tags=['metrics'], summary="Follow the shop's figures live",
             description='Server-sent events (`text/event-stream`): each message is `event: snapshot` with the '
                         'snapshot of GET /metrics as its JSON `data`; one as soon as the figures change and at '
                         'least one a second, until the client disconnects, or until the token is revoked: then a '
                         'last `event: error` with `{"detail": ...}` and the stream ends.',
             response_class=StreamingResponse,
             responses={200: {'content': {'text/event-stream': {}}, 'description': 'A stream of snapshots'}})
    async def stream(request: Request, shop_id: Annotated[str, Depends(access)],
                     credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> StreamingResponse:
        if shops.catching_up(shop_id) is None:  # else the stream starts with the shop's first snapshot
            running_engine(shops, shop_id)
        return StreamingResponse(_snapshots(shops, shop_id, request, credentials.credentials),
                                 media_type='text/event-stream',
                                 headers={'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no'})


async def _snapshots(shops, shop_id: str, request: Request, token: str):
    """Until the client goes, the server stops, or the token is revoked (shops.token_watch tells)."""
    revoked = asyncio.Event()

    def on_token(shop: str | None) -> None:
        if shop is None:
            revoked.set()
    key = ('api', hash_token(token))
    shops.token_watch.watch(key, on_token)
    try:
        yield 'retry: 2000\n\n'
        seen, sent_at = None, 0.0
        while not revoked.is_set() and not await request.is_disconnected() and not _server_exiting():
            engine = shops.engines.get(shop_id)
            if engine is not None and engine.failure is None:
                state = (id(engine), engine.metrics.events_applied)  # a restart replaces the engine: that is news too
                if state != seen or time.monotonic() - sent_at >= AT_LEAST_EVERY:
                    seen, sent_at = state, time.monotonic()
                    data = json.dumps(snapshot_json(engine.snapshot()), separators=(',', ':'))
                    yield f'event: snapshot\ndata: {data}\n\n'
            await asyncio.sleep(CHECK_EVERY)
        if revoked.is_set():
            yield f'event: error\ndata: {json.dumps({"detail": UNKNOWN})}\n\n'
    finally:
        shops.token_watch.unwatch(key, on_token)


def _server_exiting() -> bool:
    """uvicorn waits for open responses before it shuts down, so an endless stream ends when the server is asked to."""
    server = getattr(Server, 'instance', None)
    return bool(server is not None and server.should_exit)
