"""Standard security headers on every HTTP response: no framing (clickjacking), no content sniffing, no address
sent to other sites. The kiosk may be framed, so a TV's signage player can show it inside its own page."""
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin'}
NO_FRAMING = {'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'"}
FRAMABLE = '/kiosk/'  # read-only, nothing to click: nothing to gain by framing it


class SecurityHeaders:
    """Plain ASGI, so streamed responses (/metrics/stream) pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        headers = HEADERS if scope['path'].startswith(FRAMABLE) else {**HEADERS, **NO_FRAMING}

        async def send_with_headers(message: Message) -> None:
            if message['type'] == 'http.response.start':
                response_headers = MutableHeaders(scope=message)
                for name, value in headers.items():
                    response_headers.setdefault(name, value)
            await send(message)
        await self.app(scope, receive, send_with_headers)
