"""A stand-in for OpenAI, Anthropic and Gemini on 127.0.0.1: each one's streaming wire format, scripted to fail.

The real SDK clients talk to it (base_url pointed here). A raw ASGI app under uvicorn in a thread, so it can
watch for the client's disconnect while it streams or stalls.
"""
from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

import uvicorn

from .provider_wire import STALL, WIRE, error_body


@dataclass(frozen=True)
class Call:
    """A tool call a scripted model makes: the tool's name and its arguments as the model writes them (JSON text,
    malformed if the test wants; Gemini sends an object, so there they must decode)."""
    name: str
    arguments: str = '{}'


@dataclass(frozen=True)
class Reply:
    """One scripted response; the default is a normal three-chunk answer. With `calls`, the model asks for those tools
    after its text chunks (none by default: Reply.calling)."""
    status: int = 200
    chunks: tuple[str, ...] = ('Fill the quiet ', 'afternoons with ', 'a rebooking offer [1].')
    calls: tuple[Call, ...] = ()
    retry_after: str | None = None
    hang: bool = False  # never send headers
    stall_after: int | None = None  # send this many text chunks, then nothing until the client leaves
    error_after: int | None = None  # send this many text chunks, then an in-stream error
    chunk_delay: float = 0.0
    paced: bool = False  # chunk_delay counted from the first chunk, so a long stream keeps its rate under load

    @classmethod
    def calling(cls, *calls: Call, chunks: tuple[str, ...] = ()) -> Reply:
        return cls(chunks=chunks, calls=calls)


@dataclass
class Seen:
    provider: str
    path: str
    headers: dict[str, str]
    body: dict
    disconnected: bool = False
    at: float = field(default_factory=time.monotonic)


class StandIn:
    def __init__(self) -> None:
        self.scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self.seen: list[Seen] = []
        self.default = Reply()  # when nothing is scripted
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    # --- used by tests ---
    def script(self, provider: str, *replies: Reply) -> None:
        self.scripts[provider].extend(replies)

    def requests(self, provider: str) -> list[Seen]:
        return [s for s in self.seen if s.provider == provider]

    def reset(self) -> None:
        self.scripts.clear()
        self.seen.clear()

    def base_url(self, provider: str) -> str:
        return f'http://127.0.0.1:{self.port}' + ('/v1' if provider == 'openai' else '')

    def start(self) -> None:
        sock = socket.socket()
        sock.bind(('127.0.0.1', 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level='warning', lifespan='off', interface='asgi3',
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={'sockets': [sock]}, daemon=True)
        self._thread.start()
        while not self._server.started:
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(5)

    # --- the server ---
    async def app(self, scope, receive, send) -> None:
        body = b''
        while True:
            message = await receive()
            body += message.get('body', b'')
            if not message.get('more_body'):
                break
        provider = _provider_of(scope['path'])
        seen = Seen(provider, scope['path'], {k.decode(): v.decode() for k, v in scope['headers']},
                    json.loads(body or b'{}'))
        self.seen.append(seen)
        reply = self.scripts[provider].popleft() if self.scripts[provider] else self.default
        state = {'finished': False}
        gone = asyncio.Event()

        async def watch() -> None:
            message = await receive()
            if message['type'] == 'http.disconnect' and not state['finished']:
                seen.disconnected = True
                gone.set()

        watcher = asyncio.create_task(watch())
        try:
            await self._respond(provider, reply, send, gone, state)
        finally:
            watcher.cancel()

    async def _respond(self, provider: str, reply: Reply, send, gone: asyncio.Event, state: dict) -> None:
        if reply.hang:
            await gone.wait()
            return
        if reply.status != 200:
            headers = [(b'content-type', b'application/json')]
            if reply.retry_after is not None:
                headers.append((b'retry-after', reply.retry_after.encode()))
            state['finished'] = True
            await send({'type': 'http.response.start', 'status': reply.status, 'headers': headers})
            await send({'type': 'http.response.body', 'body': json.dumps(error_body(provider, reply.status)).encode()})
            return
        await send({'type': 'http.response.start', 'status': 200,
                    'headers': [(b'content-type', b'text/event-stream'), (b'cache-control', b'no-cache')]})
        started = time.monotonic()
        for sent, event in enumerate(WIRE[provider](reply), 1):
            if event is STALL:
                await gone.wait()
                return
            await send({'type': 'http.response.body', 'body': event.encode(), 'more_body': True})
            if reply.chunk_delay:
                due = started + sent * reply.chunk_delay - time.monotonic() if reply.paced else reply.chunk_delay
                await asyncio.sleep(max(0.0, due))
            if gone.is_set():
                return
        state['finished'] = True
        await send({'type': 'http.response.body', 'body': b'', 'more_body': False})


def _provider_of(path: str) -> str:
    if path.endswith('/chat/completions'):
        return 'openai'
    if path.endswith('/messages'):
        return 'anthropic'
    if ':streamGenerateContent' in path:
        return 'gemini'
    raise ValueError(f'the stand-in does not serve {path}')
