"""The tools over the live shop: who is in the chairs and waiting now, and the latest notifications."""
from __future__ import annotations

from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from engine.alerts import KINDS

from .context import Context
from .registry import TOOLS


class FloorArgs(BaseModel):
    model_config = ConfigDict(extra='forbid')


class NotificationsArgs(BaseModel):
    model_config = ConfigDict(extra='forbid')
    limit: int = Field(8, ge=1, le=30, description='How many, newest first')
    kind: Literal[KINDS] | None = Field(None, description='Only this kind')  # type: ignore[valid-type]


@TOOLS.tool(needs='live')
def floor_now(ctx: Context, args: FloorArgs) -> dict:
    """The shop right now: open or closed, each chair's barber, client, service and minutes left, how many wait and
    for how long, and the next appointments."""
    s = ctx.snapshot
    assert s is not None
    zone = ZoneInfo(s.timezone)
    return {
        'at': _local(s.at, zone), 'status': s.status, 'open': s.is_open,
        'chairs': [{'barber': c.barber, 'client': c.customer, 'service': c.service, 'minutes_left': c.minutes_left}
                   for c in s.chairs],
        'busy_chairs': s.busy_chairs, 'in_shop': s.customers_in_shop, 'waiting': s.waiting, 'queue': list(s.queue),
        'average_wait_last_hour_minutes': _round(s.avg_wait_minutes),
        'walk_in_wait_minutes': _round(s.walk_in_wait_minutes), 'peak_hour': s.is_peak,
        'next_appointments': [{'at': _local(a.at, zone), 'client': a.name, 'service': a.service, 'barber': a.barber}
                              for a in s.next_appointments[:5]],
    }


@TOOLS.tool(needs='live')
def notifications(ctx: Context, args: NotificationsArgs) -> dict:
    """The shop's latest notifications (reviews, long waits, walk-outs, no-shows, goals reached, quiet stretches,
    insights at closing), newest first, each with the figures behind it."""
    s = ctx.snapshot
    assert s is not None
    zone = ZoneInfo(s.timezone)
    chosen = [n for n in reversed(s.notifications) if args.kind is None or n.kind == args.kind][:args.limit]
    return {'notifications': [{'at': _local(n.at, zone), 'kind': n.kind, 'priority': n.priority, 'title': n.title,
                               'body': n.body} for n in chosen],
            'count': len(chosen)}


def _local(at: float, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(at, zone).strftime('%a %d %b %H:%M')


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
