"""The tool calls behind an answer, in words: what was looked up (tool, figure, period with its dates) and what came
back, so the owner can see where each number came from. Collapsed, like the sources."""
from nicegui import ui


def create(calls: list[dict]) -> None:
    if not calls:
        return
    with ui.expansion(f'How this was worked out ({len(calls)} look-ups)', icon='functions') \
            .classes('w-full text-sm').props('dense data-testid=chat-tool-calls').mark('chat-tool-calls'):
        for call in calls:
            with ui.column().classes('w-full gap-0 py-1').mark('chat-tool-call'):
                heading = ' · '.join(part for part in (call.get('title', call.get('tool', '')), call.get('figure'))
                                     if part)
                ui.label(heading).classes('font-medium')
                if call.get('period'):
                    ui.label(call['period']).classes('text-xs text-grey-7')
                ui.label(call.get('result', '')).classes('text-grey-8' if call.get('ok', True) else 'text-negative')
