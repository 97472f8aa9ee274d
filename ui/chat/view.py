"""The list of bubbles, and the one timer that flushes a streaming answer at most 10 times a second."""
import time
from zoneinfo import ZoneInfo

from nicegui import ui

from . import footer, message
from .record import Record

FLUSH_INTERVAL = 1 / 10  # seconds; ui.markdown re-renders its whole content on each change
SCROLL_EVERY = 0.3  # seconds: while an answer streams, following it down is a message of its own each time


class ChatView:
    def __init__(self, zone: ZoneInfo, height: str) -> None:
        self.zone = zone
        self.on_feedback: footer.Feedback | None = None  # set by the session
        self.streaming: message.Answer | None = None
        self.scroll = ui.scroll_area().classes(f'w-full {height} rounded border border-gray-200').mark('chat-messages')
        with self.scroll:
            self.column = ui.column().classes('w-full items-stretch gap-1 pr-2')
        self._timers = ui.element().classes('hidden')  # the flush timer lives only while an answer streams
        self._timer: ui.timer | None = None
        self._scrolled = 0.0

    def clear(self) -> None:
        self.column.clear()
        self.streaming = None
        self._stop_timer()

    def add(self, record: Record) -> message.Answer | None:
        """A stored or just-sent message."""
        with self.column:
            if record.role == 'user':
                message.question(record, self.zone)
                bubble = None
            else:
                bubble = message.Answer(self.zone, record, self.on_feedback)
        self._to_bottom()
        return bubble

    def remove_last(self) -> None:
        self.column.default_slot.children[-1].delete()

    def start_answer(self) -> message.Answer:
        with self.column:
            self.streaming = message.Answer(self.zone, on_feedback=self.on_feedback)
        self._stop_timer()
        with self._timers:
            self._timer = ui.timer(FLUSH_INTERVAL, self._flush)
        self._to_bottom()
        return self.streaming

    def end_answer(self, record: Record) -> None:
        self._stop_timer()
        if self.streaming is not None:
            self.streaming.finish(record)
            self.streaming = None
        self._to_bottom()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()  # it then removes itself
            self._timer = None

    def _flush(self) -> None:
        if self.streaming is not None and self.streaming.flush() and time.monotonic() - self._scrolled >= SCROLL_EVERY:
            self._to_bottom()

    def _to_bottom(self) -> None:
        self.scroll.scroll_to(percent=1.0, duration=0.0)
        self._scrolled = time.monotonic()
