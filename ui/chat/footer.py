"""Under each finished answer: who answered, whether it is partial, how well it is grounded, feedback, the look-ups
behind it and its sources."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from . import sources, tool_calls
from .record import Record

LEVEL_COLORS = {'high': 'positive', 'medium': 'warning', 'low': 'negative'}
Feedback = Callable[[Record, str | None], Awaitable[bool]]


def create(record: Record, on_feedback: Feedback | None) -> None:
    meta = record.meta
    if meta.get('stopped'):
        ui.label('Stopped: what is shown is partial.').classes('text-xs text-warning').mark('chat-stopped')
    if meta.get('note'):
        ui.label(meta['note']).classes('text-xs text-grey-7').mark('chat-note')
    with ui.row().classes('items-center gap-2 text-xs text-grey-7'):
        if meta.get('provider'):
            ui.label(f'{meta["provider"]} · {meta["model"]}').mark('chat-provider')
        if meta.get('sources'):
            ui.badge(f'Knowledge: {len(meta["sources"])} passages', color='secondary').mark('chat-knowledge')
        if grounding := meta.get('grounding'):
            with ui.badge(f'Grounding: {grounding["level"]}', color=LEVEL_COLORS.get(grounding['level'], 'grey')) \
                    .mark('chat-grounding').props(f'data-testid=chat-grounding-{grounding["level"]}'):
                ui.tooltip(grounding['explanation'])
        if on_feedback is not None and record.message_id is not None:
            _thumbs(record, on_feedback)
    tool_calls.create(meta.get('tool_calls') or [])
    sources.create(meta.get('sources') or [], (meta.get('grounding') or {}).get('cited') or [])


def _thumbs(record: Record, on_feedback: Feedback) -> None:
    """Thumbs up or down, stored with the answer; clicking the chosen one again takes it back."""
    buttons = {}

    def paint() -> None:
        for value, button in buttons.items():
            button.props(f'color={"primary" if record.feedback == value else "grey-6"}')

    async def choose(value: str) -> None:
        chosen = None if record.feedback == value else value
        if await on_feedback(record, chosen):
            record.feedback = chosen
            paint()

    for value, icon in (('up', 'thumb_up'), ('down', 'thumb_down')):
        buttons[value] = ui.button(icon=icon, on_click=lambda v=value: choose(v)) \
            .props('flat round dense size=sm').mark(f'chat-thumb-{value}')
    paint()
