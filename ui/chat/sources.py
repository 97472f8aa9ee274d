"""The knowledge passages an answer was given, numbered as the answer cites them; each snippet on expand."""
from nicegui import ui


def create(sources: list[dict], cited: list[int]) -> None:
    if not sources:
        return
    with ui.expansion(f'Sources ({len(sources)})', icon='menu_book').classes('w-full text-sm') \
            .props('dense').mark('chat-sources'):
        for number, source in enumerate(sources, 1):
            title = source['title'] + (f' · {source["heading"]}' if source.get('heading') else '')
            with ui.expansion(f'[{number}] {title}').classes('w-full').props('dense') \
                    .mark('chat-source').classes('font-medium' if number in cited else ''):
                ui.label(source.get('snippet', '')).classes('text-sm text-grey-8 whitespace-pre-wrap')
                ui.label(source.get('source', '')).classes('text-xs text-grey-6')
