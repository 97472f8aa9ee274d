"""One tab's chat: checks and stores questions, runs each answer as a task, stops, regenerates, resumes.

The answer runs as a background task so the page stays responsive; Stop cancels it (see answer.py).
Each question and each final answer is stored as it happens, so a conversation survives a restart.
"""
import asyncio
import logging
from collections.abc import Callable

from nicegui import background_tasks, binding, ui

from coach import Turn
from shops import Shops
from store import conversations as talks
from store.errors import StoreError

from .answer import stream_answer
from .message import Answer
from .record import Record, from_messages, title_of
from .view import ChatView

log = logging.getLogger('chairside.chat')
CATCHING_UP = ('This shop is catching up on its history after a restart, so the coach sees none of its figures yet: '
               'ask again in a moment for an answer from them.')


class ChatSession:
    busy = binding.BindableProperty()  # an answer is streaming
    error = binding.BindableProperty()  # a sentence for the person, '' when all is well
    empty = binding.BindableProperty()  # nothing asked yet: show the suggestions
    can_regenerate = binding.BindableProperty()
    conversation_id = binding.BindableProperty()

    def __init__(self, shops: Shops, user_id: str, shop_id: str, view: ChatView) -> None:
        assert shops.coach is not None, 'main.py makes the coach'
        self.shops, self.coach, self.user_id, self.shop_id, self.view = shops, shops.coach, user_id, shop_id, view
        self.busy, self.error, self.empty, self.can_regenerate, self.conversation_id = False, '', True, False, None
        self.records: list[Record] = []
        self.on_conversations_changed: list[Callable[[], None]] = []
        self._task: asyncio.Task | None = None
        self._gone = False
        view.on_feedback = self.feedback
        ui.context.client.on_delete(self._client_gone)

    async def ask(self, text: str) -> bool:
        """True when the question was accepted (the input may be cleared); else `error` says why."""
        if self.busy:
            return False
        try:
            question = self.coach.check(text, self.user_id)
            if self.conversation_id is None:
                made = await talks.create_conversation(self.shops.store, self.shop_id, self.user_id, title_of(question))
                self.conversation_id = made.id
            record = Record('user', question)
            stored = await talks.add_message(self.shops.store, self.shop_id, self.user_id, self.conversation_id,
                                             'user', question, {'at': record.at})
        except (ValueError, StoreError) as error:  # RateLimited is a ValueError; each carries a sentence
            self.error = str(error)
            return False
        record.message_id, self.error = stored.id, ''
        self._append(record)
        self.view.add(record)
        self._changed()
        self._start(question)
        return True

    async def regenerate(self) -> None:
        """Answers the last question again; the new answer replaces the old one, here and in the store."""
        if self.busy or not self.can_regenerate:
            return
        old = self.records.pop()
        try:
            self.coach.check(self.records[-1].text, self.user_id)  # another provider call: it counts
        except ValueError as error:
            self.records.append(old)
            self.error = str(error)
            return
        self.error = ''
        self.view.remove_last()
        self._start(self.records[-1].text, replaces=old.message_id)

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def load(self, conversation_id: str | None) -> None:
        """Resumes a stored conversation, or starts a new one with None."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.wait([self._task])  # the partial answer is stored with its own conversation first
        self.view.clear()
        self.records, self.conversation_id, self.error = [], None, ''
        if conversation_id is not None:
            try:
                messages = await talks.get_messages(self.shops.store, self.shop_id, self.user_id, conversation_id)
            except StoreError as error:
                self.error = str(error)
                messages = []
            self.conversation_id = conversation_id if messages else None
            for record in from_messages(messages):
                self._append(record)
                self.view.add(record)
        self._settle()
        self._changed()

    async def feedback(self, record: Record, value: str | None) -> bool:
        if record.message_id is None:
            return False
        return await talks.set_feedback(self.shops.store, self.shop_id, self.user_id, record.message_id, value)

    def _start(self, question: str, replaces: int | None = None) -> None:
        history = [Turn(r.role, r.text) for r in self.records[:-1] if r.text]
        self.busy, self.can_regenerate = True, False
        bubble = self.view.start_answer()
        self._task = background_tasks.create(self._answer(question, history, bubble, replaces), name='coach answer')

    async def _answer(self, question: str, history: list[Turn], bubble: Answer, replaces: int | None) -> None:
        def shop():  # read when the answer starts: an engine restarted by the settings page is a new object
            engine = self.shops.engines.get(self.shop_id)
            return engine if engine is not None and engine.failure is None else None  # a stopped shop: no history

        def snapshot():  # the figures the shop's pages show then (none if it stopped)
            return self.shops.live.snapshot(self.shop_id)
        if self.shops.catching_up(self.shop_id):
            bubble.notice(CATCHING_UP)
        record = await stream_answer(self.coach, self.shops.knowledge, snapshot, self.shop_id, question, history,
                                     bubble, replaces, shop)
        try:
            await self._save(record)
        finally:
            self._append(record)
            self.busy = False
            self._settle()
            if not self._gone:
                self.view.end_answer(record)

    async def _save(self, record: Record) -> None:
        if not record.text or self.conversation_id is None:
            return  # stopped before any text: nothing to keep
        try:
            stored = await talks.add_message(self.shops.store, self.shop_id, self.user_id, self.conversation_id,
                                             'assistant', record.text, record.meta)
            record.message_id = stored.id
        except StoreError as error:
            record.meta['note'] = f'{record.meta["note"]} This answer could not be saved: {error}'.strip()
        except Exception as error:  # e.g. the database went away: the answer stays on screen, the log says why
            log.exception('chat: an answer could not be stored')
            record.meta['note'] = f'{record.meta["note"]} This answer could not be saved ({type(error).__name__}).' \
                .strip()
        self._changed()

    def _append(self, record: Record) -> None:
        self.records.append(record)
        self._settle()

    def _settle(self) -> None:
        self.empty = not self.records
        self.can_regenerate = not self.busy and bool(self.records) and self.records[-1].role == 'assistant'

    def _changed(self) -> None:
        for handler in self.on_conversations_changed:
            handler()

    def _client_gone(self) -> None:
        self._gone = True
        self.stop()
        self.on_conversations_changed.clear()  # handlers naming this session: cycles only a sweep would free
        self.view.on_feedback = None
