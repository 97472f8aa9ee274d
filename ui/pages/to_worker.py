"""In a cluster, the way a browser gets to the worker that runs its shop (ui/placement.py sends it here).

The proxy in front (deploy/haproxy.cfg) routes by its persistence cookie: this answer sets that cookie to the shop's
worker and sends the browser back to its page, which the proxy then takes there.
"""
from typing import Annotated

from fastapi import Query
from fastapi.responses import RedirectResponse
from nicegui import app

from shops.placement import COOKIE

from ..auth import safe_target
from ..placement import TO_WORKER


def create() -> None:
    @app.get(TO_WORKER, include_in_schema=False)  # a browser's way, not the API
    def to_worker(worker: Annotated[str, Query(pattern=r'^[\w.-]{1,64}$')], to: str = '/') -> RedirectResponse:
        response = RedirectResponse(safe_target(to), status_code=303)
        response.set_cookie(COOKIE, worker, path='/', samesite='lax', httponly=True)
        return response
