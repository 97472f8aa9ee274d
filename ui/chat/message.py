"""The two kinds of bubble: a person's question (plain text) and the coach's answer (markdown, see safe_markdown).

An answer streams: deltas are buffered by `feed` and reach the page only on `flush`, which the panel calls
at most 10 times a second, because ui.markdown re-renders its whole content on every change. Finished paragraphs
are sealed into markdown elements of their own, so each flush re-renders only the paragraph being written and a
long answer costs the same per token as a short one.
"""
from datetime import datetime
from zoneinfo import ZoneInfo

from nicegui import ui

from . import footer, safe_markdown
from .record import Record

EXTRAS = ['fenced-code-blocks', 'tables', 'cuddled-lists']  # models often start a list right under a line


def question(record: Record, zone: ZoneInfo) -> ui.chat_message:
    """Plain text, escaped by ui.chat_message: a question is shown exactly as typed, never as HTML."""
    return ui.chat_message(record.text, name='You', stamp=_stamp(record.at, zone), sent=True) \
        .classes('chat-question').props('data-testid=chat-question bg-color=blue-1').mark('chat-question')


class Answer(ui.chat_message):
    def __init__(self, zone: ZoneInfo, record: Record | None = None,
                 on_feedback: footer.Feedback | None = None) -> None:
        """A finished answer from `record`, or an empty one that streams until `finish`."""
        at = record.at if record else datetime.now().timestamp()
        super().__init__(name='Coach', stamp=_stamp(at, zone))
        self.props('data-testid=chat-bubble bg-color=grey-2').mark('chat-bubble')
        self.on_feedback = on_feedback
        self.flushes = 0  # how often the markdown was re-rendered, for the flush-rate figure
        self._buffer: list[str] = []
        self._sealed: list[ui.markdown] = []
        with self:
            with ui.column().classes('w-full gap-1 max-w-prose'):
                self.notices = ui.column().classes('gap-0 text-xs italic text-grey-7').mark('chat-notices')
                self.sealed = ui.column().classes('w-full gap-0')
                self.markdown = _markdown(record.text if record else '') \
                    .classes('chat-answer').props('data-testid=chat-answer').mark('chat-answer')
                self.typing = ui.spinner('dots', size='md', color='grey-6').mark('chat-typing')
                self.footer = ui.column().classes('w-full gap-1')
        if record is not None:
            self.finish(record)

    @property
    def text(self) -> str:
        return ''.join(m.content for m in self._sealed) + self.markdown.content + ''.join(self._buffer)

    def notice(self, text: str) -> None:
        with self.notices:
            ui.label(text).mark('chat-notice')

    def feed(self, delta: str) -> None:
        self._buffer.append(delta)

    def flush(self) -> bool:
        """Shows what was buffered; False when there was nothing new."""
        if not self._buffer:
            return False
        if not self.markdown.content and not self._sealed:
            self.notices.set_visibility(False)  # the waiting lines have done their job
        tail = self.markdown.content + ''.join(self._buffer)
        self._buffer.clear()
        cut = _paragraph_end(tail)
        if cut:
            with self.sealed:
                self._sealed.append(_markdown(tail[:cut]).classes('chat-answer'))
            tail = tail[cut:]
        self.markdown.set_content(tail)
        self.flushes += 1
        return True

    def finish(self, record: Record) -> None:
        """The final text and the footer: provider, grounding, sources, notes, feedback."""
        self.flush()
        self.typing.delete()
        self.sealed.clear()  # once, at the end: the whole answer as one markdown, so lists number right
        self._sealed.clear()
        if record.text != self.markdown.content:
            self.markdown.set_content(record.text)
        self.footer.clear()
        with self.footer:
            footer.create(record, self.on_feedback)


def _markdown(text: str) -> ui.markdown:
    return ui.markdown(text, extras=EXTRAS, sanitize=safe_markdown.clean)


def _paragraph_end(text: str) -> int:
    """Where the last finished paragraph ends (after a blank line outside a code block), or 0."""
    cut = text.rfind('\n\n')
    while cut > 0 and text.count('```', 0, cut) % 2:
        cut = text.rfind('\n\n', 0, cut)
    return cut + 2 if cut > 0 else 0


def _stamp(at: float, zone: ZoneInfo) -> str:
    return datetime.fromtimestamp(at, zone).strftime('%H:%M') if at else ''
