"""Dashboards that ask the coach as a person would: the question typed into the chat's input, Send clicked, again.

Each chat is the dashboard of a staff member of its own (seeded by live_app.seed), because the coach allows one
user 10 questions a minute (coach.rules.RateLimiter, no setting) and the bench's owner is one user. An answer is
read from the updates of its markdown elements: the stand-in (live_stand_in) streams tok0 tok1 …, so the highest
number shown is how far the answer has got, whatever the HTML around it. Send hides while an answer streams and
shows again when it has ended: that is when the next question goes.
"""
import asyncio
import contextlib
import json
import re
import time
from dataclasses import dataclass, field

from bench.live_app import PASSWORD, staff_email
from bench.live_client import Session, Target, new_browser, sign_in
from bench.live_stand_in import WORD
from bench.live_stats import pct

QUESTION = 'How can I fill the quiet afternoons?'
ACCEPT_SECONDS = 15.0  # from Send to the answer beginning (Send hidden); else the question counts as refused
REFUSED_PAUSE = 5.0  # before asking again after a refusal (the chat's error line says why)
_NUMBER = re.compile(WORD + r'(\d+)')


@dataclass
class Chat:
    """One dashboard session asking the coach again and again, and what it saw of each answer."""
    session: Session
    tokens: int  # words per answer, as the stand-in sends them
    asked: int = 0
    started: int = 0  # questions accepted: an answer began streaming
    completed: int = 0  # answers that ended with every word shown
    partial: int = 0  # answers that ended short (the coach fell back, or failed)
    shown: int = 0  # words of the current answer shown so far
    asked_at: float = 0.0
    busy: bool = False
    error: str = ''  # the chat's error line, as last updated
    spans: list[list[float]] = field(default_factory=list)  # [began, ended] wall times of each streaming answer
    words: list[tuple[float, int]] = field(default_factory=list)  # (wall time, words newly shown)
    first_word: list[float] = field(default_factory=list)  # seconds from Send to the first word, per answer
    refusals: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        page = self.session.page
        self.input, self.send = page.find(**{'data-testid': 'chat-input'}), page.find(**{'data-testid': 'chat-send'})
        error = page.find(**{'data-testid': 'chat-error'})
        if self.input is None or self.send is None or error is None:
            raise RuntimeError('the dashboard has no chat input, Send button or error line')
        self._keys = {str(self.send['id']): 'send', str(error['id']): 'error'}
        self.session.on_update = self.receive

    def receive(self, payload: dict) -> None:
        now = time.time()
        elements = {k: e for k, e in payload.items() if isinstance(e, dict)}
        for element in elements.values():  # the answer first: its last words come with Send shown again
            if 'chat-answer' in (element.get('class') or []) and self.asked_at:
                numbers = _NUMBER.findall(element.get('props', {}).get('innerHTML', ''))
                top = max(map(int, numbers)) + 1 if numbers else 0
                if top > self.shown:
                    if not self.shown:
                        self.first_word.append(now - self.asked_at)
                    self.words.append((now, top - self.shown))
                    self.shown = top
        for key, element in elements.items():
            if self._keys.get(key) == 'error':
                self.error = element.get('text') or ''
            elif self._keys.get(key) == 'send' and ('hidden' in (element.get('class') or [])) != self.busy:
                self.busy = not self.busy
                if self.busy:
                    self.spans.append([now, 0.0])
                elif self.spans:
                    self.spans[-1][1] = now

    async def run(self, stop: asyncio.Event) -> None:
        """Asks until `stop` is set; the answer streaming then goes on until the session closes."""
        change = next(e['type'] for e in self.input['events'] if e['type'].startswith('update:'))
        while not stop.is_set() and not self.session.disconnected:
            self.shown, self.asked_at, began = 0, time.time(), len(self.spans)
            await self.session.element_event(self.input, change, [json.dumps(QUESTION)])
            await self.session.element_event(self.send, 'click', [])
            self.asked += 1
            if not await _until(lambda: len(self.spans) > began, ACCEPT_SECONDS):  # noqa: B023 - awaited here
                self.refusals.append(self.error or f'no answer began within {ACCEPT_SECONDS:.0f} s')
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), REFUSED_PAUSE)
                continue
            self.started += 1
            await _until(lambda: not self.busy, None)
            self.completed += self.shown >= self.tokens
            self.partial += self.shown < self.tokens


async def _until(condition, timeout: float | None) -> bool:
    deadline = time.monotonic() + timeout if timeout is not None else float('inf')
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return condition()


async def staff_targets(browsers: contextlib.AsyncExitStack, url: str, n: int) -> list[Target]:
    """A browser per seeded staff member, signed in; staff i sees shop i % shops (their only shop)."""
    async def one(number: int) -> Target:
        http = await browsers.enter_async_context(new_browser())
        await sign_in(http, url, staff_email(number), PASSWORD)
        return http, '/'
    return list(await asyncio.gather(*(one(i) for i in range(n))))


async def open_chats(targets: list[Target], url: str, shops: int, deflate: bool,
                     tokens: int) -> tuple[list[Chat], list[Session]]:
    """A dashboard per staff browser, each with its chat; the chats and the sessions that failed to open."""
    async def one(number: int) -> Chat | Session:
        http, path = targets[number]
        session = Session(http, url, path, deflate, shop=number % shops)
        try:
            await session.open()
            return Chat(session, tokens)
        except Exception as error:  # noqa: BLE001 - counted, reported, and the run goes on
            session.error = f'chat open: {type(error).__name__}: {error}'
            return session
    opened = await asyncio.gather(*(one(i) for i in range(len(targets))))
    return [c for c in opened if isinstance(c, Chat)], [s for s in opened if isinstance(s, Session)]


async def first_words(chats: list[Chat], timeout: float) -> None:
    """Until every chat shows words of an answer (or `timeout`): the window then opens with all of them streaming."""
    await _until(lambda: all(c.words or c.session.disconnected for c in chats), timeout)


async def warm_up(target: Target, url: str, tokens: int) -> None:
    """One question before anything is measured: the first loads the knowledge search's model (hundreds of MB)."""
    chats, failed = await open_chats([target], url, 1, True, tokens)
    for chat in chats:
        stop = asyncio.Event()
        asking = asyncio.create_task(chat.run(stop))
        await first_words(chats, 60)
        stop.set()
        asking.cancel()
        await asyncio.gather(asking, return_exceptions=True)
    await asyncio.gather(*(s.close() for s in [c.session for c in chats] + failed))


def figures(chats: list[Chat], start: float, end: float) -> dict:
    """Questions and answers over the run; words shown and streaming time within the window [start, end)."""
    window = end - start
    shown = sum(n for chat in chats for at, n in chat.words if start <= at < end)
    streaming = sum(max(0.0, min(b or end, end) - max(a, start)) for chat in chats for a, b in chat.spans)
    firsts = [s for chat in chats for s in chat.first_word]
    return {'chats': len(chats), 'asked': sum(c.asked for c in chats), 'started': sum(c.started for c in chats),
            'completed': sum(c.completed for c in chats), 'partial': sum(c.partial for c in chats),
            'streaming_at_end': sum(c.busy for c in chats), 'refused': sum(len(c.refusals) for c in chats),
            'refusal_samples': sorted({r for c in chats for r in c.refusals})[:3],
            'streams_mean': streaming / window, 'words_per_chat_second': shown / window / max(1, len(chats)),
            'words_per_stream_second': shown / streaming if streaming else None,
            'first_word_p50': pct(firsts, 0.5), 'first_word_max': max(firsts, default=None)}
