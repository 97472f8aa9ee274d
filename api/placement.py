"""In a cluster, a read of a shop's live figures goes to the worker that runs the shop: only it has the engine.

The worker that got the request answers 307 to the same address with the proxy's persistence cookie set to the
shop's worker (deploy/haproxy.py), so a client that keeps cookies (a browser's EventSource, httpx, curl -b -c)
follows it there; while no worker runs the shop (seconds after one died), 503 with Retry-After. Posting events needs
none of this: any worker stores them (shops/ingest.py).
"""
import re

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.middleware.base import BaseHTTPMiddleware

from shops import Shops
from shops.placement import COOKIE, RETRY_AFTER

ENGINE_READS = re.compile(r'/api/shops/([^/]+)/(?:metrics|metrics/stream|report|forecast)')


class ToTheShopsWorker(BaseHTTPMiddleware):
    def __init__(self, app_, shops: Shops) -> None:
        super().__init__(app_)
        self.shops = shops

    async def dispatch(self, request: Request, call_next):
        found = ENGINE_READS.fullmatch(request.url.path) if request.method == 'GET' else None
        if found is None or self.shops.placement is None or self.shops.runs(found[1]):
            return await call_next(request)
        holder = self.shops.placement.holder(found[1])
        if holder is None:
            return JSONResponse({'detail': f'The shop is moving to another worker: try again in {RETRY_AFTER} s.'},
                                status_code=503, headers={'Retry-After': str(RETRY_AFTER)})
        target = request.url.path + (f'?{request.url.query}' if request.url.query else '')
        response = RedirectResponse(target, status_code=307)
        response.set_cookie(COOKIE, holder, path='/', samesite='lax')
        return response
