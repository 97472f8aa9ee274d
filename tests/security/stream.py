"""An open /metrics/stream inside the test's own app, read chunk by chunk (httpx's ASGI transport would wait for the
whole body, which an open stream never ends)."""
import asyncio

from nicegui import app

BOUND = 30.0  # seconds: how long a hang may take before the test says so, never a measure of speed


class OpenStream:
    def __init__(self, path: str, token: str) -> None:
        self.chunks: asyncio.Queue[str] = asyncio.Queue()
        self.status: int | None = None
        scope = {'type': 'http', 'asgi': {'version': '3.0'}, 'http_version': '1.1', 'method': 'GET',
                 'scheme': 'http', 'path': path, 'raw_path': path.encode(), 'query_string': b'', 'root_path': '',
                 'headers': [(b'host', b'test'), (b'authorization', f'Bearer {token}'.encode())],
                 'client': ('127.0.0.1', 50000), 'server': ('test', 80)}
        self.task = asyncio.create_task(app(scope, self._receive, self._send))
        self._requested = False

    async def _receive(self) -> dict:
        if not self._requested:
            self._requested = True
            return {'type': 'http.request', 'body': b'', 'more_body': False}
        await asyncio.Event().wait()  # the client stays until the response ends (then this is cancelled)
        return {'type': 'http.disconnect'}

    async def _send(self, message: dict) -> None:
        if message['type'] == 'http.response.start':
            self.status = message['status']
        elif message.get('body'):
            await self.chunks.put(message['body'].decode())

    async def read_until(self, text: str) -> str:
        """Everything received up to and including the chunk holding `text`."""
        received = ''
        while text not in received:
            received += await asyncio.wait_for(self.chunks.get(), BOUND)
        return received

    async def ended(self) -> str:
        """Waits for the server to end the response; everything received meanwhile."""
        await asyncio.wait_for(asyncio.shield(self.task), BOUND)
        received = ''
        while not self.chunks.empty():
            received += self.chunks.get_nowait()
        return received

    async def close(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
