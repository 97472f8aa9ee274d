"""POST /api/shops/{shop_id}/events: a shop's booking or till system sends real events in.

All or nothing per request: every event is checked first, and one bad event rejects the whole request (422, every
bad field named), so a client fixes the batch and simply sends it again. Events are stored (committed) before the
answer and then applied to the shop's engine; open dashboards show them at the next tick, within a second.
Should applying a checked batch still fail (a fault the checks missed), its new events are taken back out of the
store and the engine rebuilt without them (shops/ingest.py): the answer is 422 naming the event, and the shop
runs on with everything it had before.
"""
import json
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from nicegui import app
from pydantic import TypeAdapter, ValidationError

from engine.bounds import problems
from engine.events import Event, event_from_dict
from shops import Shops
from shops.ingest import BatchFailed, NotTaken, ingest, intake
from shops.placement import RETRY_AFTER

from . import body_limits, event_models
from .auth import shop_access
from .event_models import Accepted, Batch, EventIn

MAX_EVENTS = 5000
MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 4  # {"events": [{"name": {}}]} still gets its field named; deeper is refused before parsing
MAX_OPENED = 2 * MAX_EVENTS + 2  # objects and lists: the body, its list, each event (and a mistyped field in each)
DESCRIPTION = f"""Send one event (a JSON object with `kind`) or a batch: `{{"events": [...]}}` with at most
{MAX_EVENTS:,} events. Kinds: Booked, Cancelled, NoShow, CheckedIn, ServiceStarted, ServiceCompleted, Reviewed.

* **All or nothing**: every event is checked first; if any is wrong, nothing is stored and the answer is 422
  listing every bad field as `{{"loc": ["events", 3, "price"], "msg": "..."}}`. Fix them and send the batch again.
  Should a checked batch still fail to apply (a fault of Chairside), it is not kept either: 422 naming the event.
* **Idempotent by event id**: an id this shop already stored is not stored or counted again; it is reported in
  `duplicates`. After a timeout, resend the same batch.
* **Durable**: the events are committed to the database before the 200 answer, then applied to the shop's live
  figures (open dashboards show them within a second).
* Types are strict: a number in quotes is not a number, and `walk_in` is `true` or `false`, not `"yes"`.
* Times (`at`, `appointment_at`): ISO 8601 with a zone, or epoch seconds, between the years 2000 and 2100; `at` at
  most 5 minutes ahead of now; `appointment_at` from a day before the booking's `at` to 400 days after it.
* Texts hold no control characters (tab and line breaks are fine); amounts are 0 to 100,000.
* `customer` is one visit, from booking to review. `client` (optional, on Booked and CheckedIn) is the person, the
  same on every visit: with it the dashboard counts new and returning clients, retention, and rebooking (the
  client's next visit booked while in the shop or within 15 minutes of checkout).
* 401: no or unknown token. 403: the token is of another shop, or was made without "Post events". 409: the shop
  runs the demo simulation. 413: more than {MAX_EVENTS:,} events (or 8 MiB) in one request. 422 with `loc`
  `["body"]`: not JSON, or nested more than {MAX_DEPTH} levels deep (checked before parsing). 503: the shop is
  starting, or its figures have stopped (the message says why): send the events later.
"""
_one = TypeAdapter(EventIn)
_batch = TypeAdapter(Batch)


def create(shops: Shops) -> None:
    @app.post('/api/shops/{shop_id}/events', tags=['events'], summary='Send real events of the shop',
              description=DESCRIPTION, response_model=Accepted, openapi_extra=_request_body(),
              responses={401: {'description': 'No or unknown API token'},
                         403: {'description': 'The token is of another shop, or may not post events'},
                         409: {'description': 'The shop runs the demo simulation'},
                         413: {'description': 'Too many events in one request'},
                         422: {'description': 'Every bad field, named; nothing was stored'}})
    async def post_events(request: Request,
                          shop_id: Annotated[str, Depends(shop_access(lambda: shops.store, 'events'))]):
        try:
            profile, now = await intake(shops, shop_id)
            body = await _read(request)
            try:
                rows, events = _validate(body, {'profile': profile, 'now': now})
            except _Invalid as invalid:
                return JSONResponse({'detail': invalid.errors}, status_code=422)
            try:
                done = await ingest(shops, shop_id, rows, events)
            except BatchFailed as failed:
                return JSONResponse({'detail': [_failed(failed)]}, status_code=422)
        except NotTaken as refused:
            retry = {'Retry-After': str(RETRY_AFTER)} if refused.status == 503 else None  # the shop starts in seconds
            raise HTTPException(refused.status, str(refused), headers=retry) from None
        return Accepted(accepted=done.accepted, duplicates=done.duplicates)


async def _read(request: Request) -> bytes:
    """At most MAX_BYTES, whether the length is announced or not (chunked): what is beyond is never held."""
    too_big = HTTPException(413, f'Send at most {MAX_BYTES // 1024 // 1024} MiB per request: split the batch.')
    if int(request.headers.get('content-length') or 0) > MAX_BYTES:
        raise too_big
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BYTES:
            raise too_big
    return bytes(body)


class _Invalid(Exception):
    def __init__(self, errors: list[dict]) -> None:
        self.errors = errors


def _validate(body: bytes, context: dict) -> tuple[list[dict], list[Event]]:
    """The body's events as the store takes them and as the engine does, or _Invalid naming every bad field
    (HTTPException for 413)."""
    too_deep, opened = body_limits.shape(body, MAX_DEPTH)
    if too_deep:
        raise _Invalid([_error(['body'], f'The body nests objects or lists more than {MAX_DEPTH} levels deep: send '
                                         'one event as a flat JSON object, or a batch as {"events": [{...}, ...]}.',
                               'json_too_deep')])
    if opened > MAX_OPENED:
        raise HTTPException(413, f'Send at most {MAX_EVENTS:,} events per request, each a flat JSON object: split it '
                                 'into several batches.')
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
        events = _batch.validate_python(data, context=context).events if is_batch else \
            [_one.validate_python(data, context=context)]
    except ValidationError as error:
        raise _Invalid([_error(_loc(e['loc']) + (['kind'] if e['type'].startswith('union_tag') else []), _msg(e),
                               e['type']) for e in error.errors()]) from None
    rows = [event.model_dump() for event in events]
    checked = [event_from_dict(row) for row in rows]
    _check(checked, is_batch)
    return rows, checked


def _check(events: list[Event], is_batch: bool) -> None:
    """The engine's own check (engine/bounds.py) before anything is stored. The models above are stricter, so it
    refuses nothing today: it keeps a gap between the two from ever letting in an event that would stop a shop."""
    errors = [_error((['events', index] if is_batch else []) + [field], f'The engine cannot apply this: it {problem}.',
                     'engine_bounds')
              for index, event in enumerate(events) for field, problem in problems(event)]
    if errors:
        raise _Invalid(errors)


def _failed(failed: BatchFailed) -> dict:
    return _error(['events', failed.index],
                  f'This event could not be applied to the figures ({type(failed.error).__name__}), so nothing of the '
                  'batch was stored. It is a fault of Chairside, logged for its maintainers: send the batch without '
                  'this event, or again after an update.',
                  'engine_failed')


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
    if kind == 'string_pattern_mismatch':
        return 'Remove the control characters (such as \\u0000) from this text.'
    if kind == 'bool_type':
        return 'Give true or false, as a JSON boolean (not "yes", 1 or a string).'
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
