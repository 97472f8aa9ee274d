"""One browser tab as nicegui.js drives it: GET the page, then Engine.IO v4 / Socket.IO over a websocket, with acks.

Spoken by hand over aiohttp's websocket (not python-socketio's client) so that every frame's payload can be counted
and timed where it arrives, and so that a thousand tabs cost the load generator little of the machine's CPU.
"""
import asyncio
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

ACK_SECONDS = 3.0  # nicegui.js: setInterval(ack, 3000)
STEP_TIMEOUT = 30.0  # GET, websocket open and Socket.IO connect, each
OPEN_CONCURRENCY = 32  # sessions being opened at once, at most
_QUERY = re.compile(r"query: \{'client_id': '([0-9a-f-]+)', 'next_message_id': (\d+)")
_ELEMENTS = re.compile(r'parseElements\(String\.raw`(.*?)`\)', re.S)
_ELSEWHERE = 'Opening the shop…'  # ui/placement.py: a cluster's worker that does not run the page's shop
PLACEMENT_HOPS = 3


@dataclass
class Page:
    client_id: str
    next_message_id: int
    elements: dict[str, dict]

    @property
    def clock_id(self) -> str | None:
        """The shop clock's element: its `data-made` prop is the wall time the engine took the snapshot shown."""
        return next((i for i, e in self.elements.items() if 'data-made' in e.get('props', {})), None)

    def find(self, **wanted: Any) -> dict | None:
        """The first element whose props (or tag/text) have these values, with its id under 'id'."""
        for element_id, element in self.elements.items():
            values = {**element.get('props', {}), 'tag': element.get('tag'), 'text': element.get('text')}
            if all(values.get(k) == v for k, v in wanted.items()):
                return {**element, 'id': int(element_id)}
        return None


def parse_page(text: str) -> Page:
    query, elements = _QUERY.search(text), _ELEMENTS.search(text)
    if query is None or elements is None:
        raise ValueError('the page has no NiceGUI client id (not a NiceGUI page, or an error page)')
    raw = elements.group(1)
    for entity, char in (('&#36;', '$'), ('&#96;', '`'), ('&gt;', '>'), ('&lt;', '<'), ('&amp;', '&')):
        raw = raw.replace(entity, char)  # as nicegui.js's parseElements
    return Page(query.group(1), int(query.group(2)), json.loads(raw))


@dataclass
class Session:
    http: aiohttp.ClientSession
    base: str
    path: str
    deflate: bool = True  # Chromium negotiates permessage-deflate; the server then compresses every frame
    shop: int = 0  # which of the run's shops (targets) the page shows
    page: Page | None = None
    ws: aiohttp.ClientWebSocketResponse | None = None
    started: float = 0.0
    get_s: float | None = None  # page GET
    connect_s: float | None = None  # websocket open + Socket.IO connect (the implicit handshake), after the GET
    first_update_s: float | None = None  # from the start of the GET to the first `update` event
    bytes: int = 0  # websocket payload bytes received (UTF-8 text after inflating; binary frames as they are)
    messages: int = 0
    updates: int = 0
    events: dict[str, int] = field(default_factory=dict)  # event name -> count
    updated_elements: dict[str, int] = field(default_factory=dict)  # element id -> times it came in an update
    ticks: dict[float, float] = field(default_factory=dict)  # snapshot's wall time -> wall time its update arrived
    next_message_id: int = 0
    error: str = ''
    disconnected: bool = False  # closed by the server or the network, not by us
    closing: bool = False
    on_update: Callable[[dict], None] | None = None  # sees each update's payload (a chat reads its answer there)
    opened: str = ''  # the path the server last asked the browser to open (ui.navigate.to)
    _tasks: list[asyncio.Task] = field(default_factory=list)

    async def open(self) -> None:
        """GET + connect; raises on failure (the caller counts it). Updates then flow until close()."""
        self.started = time.monotonic()
        path = self.path
        for _ in range(PLACEMENT_HOPS):
            text = await self._get(path)
            if parse_page(text).find(text=_ELSEWHERE) is None:
                break
            path = await self._sent_to(path, text)
        self.get_s = time.monotonic() - self.started
        await self._open_socket(text)

    async def _get(self, path: str) -> str:
        async with self.http.get(self.base + path, timeout=aiohttp.ClientTimeout(total=STEP_TIMEOUT)) as r:
            if r.status != 200:
                raise RuntimeError(f'GET {path} answered {r.status}')
            return await r.text()

    async def _sent_to(self, path: str, text: str) -> str:
        """Where a cluster's worker that does not run the shop sends the browser (ui/placement.py, through its socket):
        /to-worker, which sets the proxy's cookie and redirects back to the page."""
        hop = Session(self.http, self.base, path, self.deflate)
        await hop._open_socket(text)
        try:
            if not await hop.wait_for_event('open', STEP_TIMEOUT):
                raise RuntimeError(f'{path} said the shop is elsewhere but did not send the browser there')
            return hop.opened
        finally:
            await hop.close()

    async def _open_socket(self, text: str) -> None:
        self.page = parse_page(text)
        self.next_message_id = self.page.next_message_id
        query = (f'client_id={self.page.client_id}&next_message_id={self.page.next_message_id}'
                 f'&implicit_handshake=true&document_id={uuid.uuid4()}&tab_id={uuid.uuid4()}&old_tab_id=null'
                 '&EIO=4&transport=websocket')
        opened = time.monotonic()
        self.ws = await self.http.ws_connect(f'{self.base}/_nicegui_ws/socket.io/?{query}', autoping=True,
                                             compress=15 if self.deflate else 0, timeout=aiohttp.ClientWSTimeout(
                                                 ws_receive=None, ws_close=5), max_msg_size=2 ** 22)
        await asyncio.wait_for(self._connect(), STEP_TIMEOUT)
        self.connect_s = time.monotonic() - opened
        self._tasks = [asyncio.create_task(self._read()), asyncio.create_task(self._ack())]

    async def _connect(self) -> None:
        opened = await self.ws.receive_str()  # 0{"sid":…,"pingInterval":…}
        self._count(opened)
        if not opened.startswith('0'):
            raise RuntimeError(f'no Engine.IO open packet: {opened[:80]}')
        await self.ws.send_str('40')  # Socket.IO connect to "/"; the server does the handshake in its connect handler
        while True:
            data = await self.ws.receive_str()
            self._count(data)
            if data.startswith('40'):
                return
            if data.startswith('44'):
                raise RuntimeError(f'connection refused: {data[2:200]}')
            await self._handle(data, time.monotonic())

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                now = time.monotonic()
                if message.type == aiohttp.WSMsgType.TEXT:
                    self._count(message.data)
                    await self._handle(message.data, now)
                elif message.type == aiohttp.WSMsgType.BINARY:
                    self.bytes += len(message.data)
                else:
                    break
        except Exception as error:  # noqa: BLE001 - a load generator counts what goes wrong and goes on
            self.error = self.error or f'{type(error).__name__}: {error}'
        if not self.closing:
            self.disconnected = True

    def _count(self, data: str) -> None:
        self.bytes += len(data.encode())

    async def _handle(self, data: str, now: float) -> None:
        if data == '2':  # Engine.IO ping from the server
            await self.ws.send_str('3')
        elif data.startswith('42'):
            name, payload = json.loads(data[2:])[:2]
            self.messages += 1
            self.events[name] = self.events.get(name, 0) + 1
            if isinstance(payload, dict) and isinstance(payload.get('_id'), int):
                self.next_message_id = max(self.next_message_id, payload['_id'] + 1)
            if name == 'update':
                self._on_update(payload, now, time.time())
            elif name == 'open' and isinstance(payload, dict):
                self.opened = payload.get('path', '')
        elif data.startswith('41'):  # the server disconnected the namespace
            self.disconnected = True

    def _on_update(self, payload: dict, now: float, wall: float) -> None:
        self.updates += 1
        if self.first_update_s is None:
            self.first_update_s = now - self.started
        for element_id in payload:
            if element_id != '_id':
                self.updated_elements[element_id] = self.updated_elements.get(element_id, 0) + 1
        clock = payload.get(self.page.clock_id) if self.page and self.page.clock_id else None
        made = clock.get('props', {}).get('data-made') if isinstance(clock, dict) else None
        if made:
            self.ticks.setdefault(made, wall)
        if self.on_update is not None:
            self.on_update(payload)

    async def _ack(self) -> None:
        acked = -1
        while not self.ws.closed:
            await asyncio.sleep(ACK_SECONDS)
            if self.next_message_id > acked and not self.ws.closed:
                await self.emit('ack', {'client_id': self.page.client_id, 'next_message_id': self.next_message_id})
                acked = self.next_message_id

    async def emit(self, name: str, data: dict) -> None:
        await self.ws.send_str('42' + json.dumps([name, data], separators=(',', ':')))

    async def element_event(self, element: dict, event_type: str, args: list[str]) -> None:
        """What nicegui.js sends for an element's listener: {id, client_id, listener_id, args (JSON strings)}."""
        listener = next(e['listener_id'] for e in element.get('events', []) if e['type'] == event_type)
        await self.emit('event', {'id': element['id'], 'client_id': self.page.client_id, 'listener_id': listener,
                                  'args': args})

    async def wait_for_event(self, name: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.events.get(name, 0) == 0 and time.monotonic() < deadline and not self.disconnected:
            await asyncio.sleep(0.05)
        return self.events.get(name, 0) > 0

    async def close(self) -> None:
        self.closing = True
        if self.ws is not None and not self.ws.closed:
            try:
                await asyncio.wait_for(self.ws.close(), 5)
            except (TimeoutError, aiohttp.ClientError, OSError):
                pass
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def sign_in(http: aiohttp.ClientSession, base: str, email: str, password: str) -> None:
    """As a person would: the sign-in page, the two fields typed, the button clicked, and the address it then opens
    (/login/finish, which gives the cookie jar a new, signed-in session)."""
    session = Session(http, base, '/login')
    await session.open()
    try:
        page = session.page
        fields = [page.find(label='Email'), page.find(label='Password'), page.find(tag='q-btn', label='Sign in')]
        if None in fields:
            raise RuntimeError('the sign-in page has no Email, Password or Sign in element')
        for element, value in ((fields[0], email), (fields[1], password)):
            change = next(e['type'] for e in element['events'] if e['type'].startswith('update:'))  # update:value
            await session.element_event(element, change, [json.dumps(value)])
        await session.element_event(fields[2], 'click', [])
        if not await session.wait_for_event('open', 20):
            raise RuntimeError('signing in did not navigate to the dashboard within 20 s')
        # the redirect to the dashboard is not followed: a page opened and left unconnected would count as open
        async with http.get(base + session.opened, allow_redirects=False,
                            timeout=aiohttp.ClientTimeout(total=STEP_TIMEOUT)) as r:
            if r.status != 303 or r.headers.get('Location', '').startswith('/login'):
                raise RuntimeError(f'signing in was refused: {r.status} {r.headers.get("Location")}')
    finally:
        await session.close()


async def switch_shop(http: aiohttp.ClientSession, base: str, shop_name: str) -> None:
    """As a person would: the user menu opened, the shop picked in its field; the choice stays with this browser."""
    session = Session(http, base, '/')
    await session.open()
    try:
        arrived: dict[str, dict] = {}  # the menu's items come in an update once it is first clicked
        session.on_update = lambda payload: arrived.update({k: v for k, v in payload.items() if isinstance(v, dict)})
        button = session.page.find(tag='q-btn', icon='account_circle')
        if button is None:
            raise RuntimeError('the dashboard has no user menu')
        await session.element_event(button, 'click', [])
        field, deadline = None, time.monotonic() + 20
        while field is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            field = next(({**e, 'id': int(i)} for i, e in arrived.items()
                          if e.get('props', {}).get('label') == 'Shop' and 'options' in e.get('props', {})), None)
        option = next((o for o in (field or {}).get('props', {}).get('options', []) if o['label'] == shop_name), None)
        if option is None:
            raise RuntimeError(f'the user menu has no shop {shop_name!r}')
        if (field['props'].get('model-value') or {}).get('label') == shop_name:
            return  # already the shop shown
        change = next(e['type'] for e in field['events'] if e['type'].startswith('update:'))  # update:model-value
        await session.element_event(field, change, [json.dumps(option)])
        if not await session.wait_for_event('open', 20):
            raise RuntimeError(f'choosing {shop_name!r} did not reload the dashboard within 20 s')
    finally:
        await session.close()


def new_browser() -> aiohttp.ClientSession:
    """A browser: its own cookie jar (a signed-in person), no limit on connections."""
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.CookieJar(unsafe=True))


Target = tuple[aiohttp.ClientSession, str]  # a browser (its cookie jar) and the page it opens


async def open_sessions(targets: list[Target], url: str, n: int, ramp: float,
                        deflate: bool) -> tuple[list[Session], list[Session]]:
    """n sessions over the targets in turn, --ramp a second; the opened ones and the failed ones."""
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)

    async def one(index: int) -> Session:
        await asyncio.sleep(index / ramp)
        http, path = targets[index % len(targets)]
        session = Session(http, url, path, deflate, shop=index % len(targets))
        async with gate:
            try:
                await session.open()
            except Exception as error:  # noqa: BLE001 - counted, reported, and the run goes on
                session.error = f'open: {type(error).__name__}: {error}'
        return session
    sessions = await asyncio.gather(*(one(i) for i in range(n)))
    return [s for s in sessions if not s.error], [s for s in sessions if s.error]
