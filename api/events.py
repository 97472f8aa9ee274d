"""POST /api/shops/{shop_id}/events: a shop's booking or till system sends real events in.

All or nothing per request: every event is checked first, and one bad event rejects the whole request (422, every
bad field named), so a client fixes the batch and simply sends it again. Events are stored (committed) before the
answer and then applied to the shop's engine; open dashboards show them at the next tick, within a second.
"""
import json
import logging
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from nicegui import app
from pydantic import TypeAdapter, ValidationError

from engine.events import event_from_dict
from store.events import insert_new_events

from . import event_models
from .auth import shop_access
from .event_models import Accepted, Batch, EventIn

log = logging.getLogger(__name__)

MAX_EVENTS = 5000
MAX_BYTES = 8 * 1024 * 1024
DEMO = 'This shop runs the demo simulation; switch it to live mode in Settings to send real events.'
DESCRIPTION = f"""Send one event (a JSON object with `kind`) or a batch: `{{"events": [...]}}` with at most
{MAX_EVENTS:,} events. Kinds: Booked, Cancelled, NoShow, CheckedIn, ServiceStarted, ServiceCompleted, Reviewed.

* **All or nothing**: every event is checked first; if any is wrong, nothing is stored and the answer is 422
  listing every bad field as `{{"loc": ["events", 3, "price"], "msg": "..."}}`. Fix them and send the batch again.
* **Idempotent by event id**: an id this shop already stored is not stored or counted again; it is reported in
  `duplicates`. After a timeout, resend the same batch.
* **Durable**: the events are committed to the database before the 200 answer, then applied to the shop's live
  figures (open dashboards show them within a second).
* Times (`at`, `appointment_at`): ISO 8601 with a zone, or epoch seconds; `at` at most 5 minutes ahead of now.
* `customer` is one visit, from booking to review. `client` (optional, on Booked and CheckedIn) is the person, the
  same on every visit: with it the dashboard counts new and returning clients, retention, and rebooking (the
  client's next visit booked while in the shop or within 15 minutes of checkout).
* 401: no or unknown token. 403: the token is of another shop, or was made without "Post events". 409: the shop
  runs the demo simulation. 413: more than {MAX_EVENTS:,} events (or 8 MiB) in one request.
"""
_one = TypeAdapter(EventIn)
_batch = TypeAdapter(Batch)


def create(ctx) -> None:
    """`ctx` is the AppContext: its store, its engines and the per-shop locks."""
    @app.post('/api/shops/{shop_id}/events', tags=['events'], summary='Send real events of the shop',
              description=DESCRIPTION, response_model=Accepted, openapi_extra=_request_body(),
              responses={401: {'description': 'No or unknown API token'},
                         403: {'description': 'The token is of another shop, or may not post events'},
                         409: {'description': 'The shop runs the demo simulation'},
                         413: {'description': 'Too many events in one request'},
                         422: {'description': 'Every bad field, named; nothing was stored'}})
    async def post_events(request: Request,
                          shop_id: Annotated[str, Depends(shop_access(lambda: ctx.store, 'events'))]):
        engine = _live_engine(ctx, shop_id)
        if int(request.headers.get('content-length') or 0) > MAX_BYTES:
            raise HTTPException(413, f'Send at most {MAX_BYTES // 1024 // 1024} MiB per request: split the batch.')
        body = await request.body()
        if len(body) > MAX_BYTES:  # chunked bodies carry no length up front
            raise HTTPException(413, f'Send at most {MAX_BYTES // 1024 // 1024} MiB per request: split the batch.')
        try:
            events = _validate(body, {'profile': engine.profile, 'now': engine.clock.now()})
        except _Invalid as invalid:
            return JSONResponse({'detail': invalid.errors}, status_code=422)
        rows = [event.model_dump() for event in events]
        async with ctx.shop_lock(shop_id):
            engine = _live_engine(ctx, shop_id)  # the mode may have changed while the body was read
            new_ids = await insert_new_events(ctx.store, shop_id, rows)
            _apply(engine, rows, new_ids)
        return Accepted(accepted=len(new_ids), duplicates=len(rows) - len(new_ids))


class _Invalid(Exception):
    def __init__(self, errors: list[dict]) -> None:
        self.errors = errors


def _live_engine(ctx, shop_id: str):
    engine = ctx.engines.get(shop_id)
    if engine is None:
        raise HTTPException(503, 'The shop is starting: try again in a few seconds.')
    if engine.feed is not None:
        raise HTTPException(409, DEMO)
    return engine


def _validate(body: bytes, context: dict) -> list[Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise _Invalid([_error(['body'], f'The body is not JSON ({error}): send one event object or '
                                         '{"events": [...]}.', 'json_invalid')]) from None
    if not isinstance(data, dict):
        raise _Invalid([_error([], 'Send one event as a JSON object, or a batch as {"events": [...]}.', 'body_type')])
    is_batch = 'events' in data
    if is_batch and isinstance(data['events'], list) and len(data['events']) > MAX_EVENTS:
        raise HTTPException(413, f'Send at most {MAX_EVENTS:,} events per request (this one has '
                                 f'{len(data["events"]):,}): split it into several batches.')
    try:
        if is_batch:
            return _batch.validate_python(data, context=context).events
        return [_one.validate_python(data, context=context)]
    except ValidationError as error:
        raise _Invalid([_error(_loc(e['loc']) + (['kind'] if e['type'].startswith('union_tag') else []), _msg(e),
                               e['type']) for e in error.errors()]) from None


def _apply(engine, rows: list[dict], new_ids: set[str]) -> None:
    """The new events, first of each id, in time order; stored already, so an engine failure is logged, not lost."""
    fresh, seen = [], set()
    for row in rows:
        if row['id'] in new_ids and row['id'] not in seen:
            seen.add(row['id'])
            fresh.append(row)
    try:
        for row in sorted(fresh, key=lambda r: r['at']):
            engine.apply(event_from_dict(row))
    except Exception:
        log.exception('shop %s: stored events could not be applied to the engine', engine.profile.id)


def _loc(loc: tuple) -> list:
    """Without the tag pydantic puts after an event's index: ["events", 3, "price"], or ["price"] for one event."""
    parts = list(loc)
    at = 2 if parts[:1] == ['events'] and len(parts) > 2 and isinstance(parts[1], int) else 0
    if len(parts) > at + 1 and parts[at] in event_models.KINDS:
        del parts[at]
    return parts


def _msg(error: dict) -> str:
    kind = error['type']
    if kind == 'missing':
        return 'Required: add this field.'
    if kind == 'extra_forbidden':
        return 'Unknown field: remove it, or check its spelling.'
    if kind in ('union_tag_invalid', 'union_tag_not_found'):
        return f'Give "kind" as one of {", ".join(event_models.KINDS)}.'
    if error['loc'] and error['loc'][-1] in ('price', 'tip', 'retail') and kind != 'missing':
        return 'Give an amount of 0 or more (at most 100,000), such as 35.0.'
    if error['loc'] and error['loc'][-1] == 'stars':
        return 'Give whole stars from 1 to 5.'
    message = error['msg'].removeprefix('Value error, ')
    return f'{message[0].upper()}{message[1:]}.' if not message.endswith('.') else message


def _error(loc: list, msg: str, kind: str) -> dict:
    return {'loc': loc, 'msg': msg, 'type': kind}


def _request_body() -> dict:
    """The body is read by hand (to check it against the shop and name every field), so describe it for /docs."""
    schema = TypeAdapter(EventIn | Batch).json_schema()
    defs = schema.pop('$defs', {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if '$ref' in node:
                return inline(defs[node['$ref'].rsplit('/', 1)[-1]])
            return {key: inline(value) for key, value in node.items() if key != 'discriminator'}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node
    return {'requestBody': {'required': True, 'content': {'application/json': {'schema': inline(schema)}}}}
