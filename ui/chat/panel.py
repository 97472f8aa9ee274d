"""The chat with the coach: the bubbles, suggestions to start from, and the input with Send, Stop and Regenerate.

Compact on the dashboard (a card with a link to the full page); the /coach page gives it the height of the screen.
"""
from nicegui import ui

from shops import Shops
from store.accounts import Account

from . import suggestions as chat_suggestions
from .session import ChatSession
from .view import ChatView

INTRO = 'Ask anything about your shop: answers use your live figures and the knowledge base. Or start here:'
PLACEHOLDER = 'Ask about your figures, customers, schedule, money or marketing…'


def create(shops: Shops, account: Account, shop_id: str, *, compact: bool = False) -> ChatSession:
    height = 'h-96' if compact else 'h-[calc(100vh-18rem)] min-h-64'
    with ui.card().classes('w-full gap-2').props('flat' if not compact else '').mark('chat-panel'):
        if compact:
            with ui.row().classes('w-full items-center justify-between'):
                ui.label('Ask the coach').classes('text-lg font-medium')
                link = ui.link('Open the coach', '/coach').classes('text-sm').mark('chat-open-coach')
        session = ChatSession(shops, account.user_id, shop_id, ChatView(shops.profile(shop_id).tz, height))
        if compact:  # the full page resumes the conversation begun here
            session.on_conversations_changed.append(lambda: _point(link, session.conversation_id))
        session.view.scroll.bind_visibility_from(session, 'empty', backward=lambda e: not e)
        ui.label(INTRO).classes('text-sm text-grey-7').bind_visibility_from(session, 'empty')
        suggestions = chat_suggestions.create(compact)
        suggestions.bind_visibility_from(session, 'empty')
        field = _input_row(session)
        suggestions.on_pick = lambda text: _send(session, field, text)
    return session


def _point(link: ui.link, conversation_id: str | None) -> None:
    link.props['href'] = f'/coach?c={conversation_id}' if conversation_id else '/coach'
    link.update()


async def _send(session: ChatSession, field: ui.textarea, text: str | None = None) -> None:
    """Clears the input only once the question is accepted, so nothing typed is lost on an error."""
    if text is not None:
        field.value = text  # a suggestion fills the input, and stays there if it cannot be sent now
    if await session.ask(field.value):
        field.value = ''


def _input_row(session: ChatSession) -> ui.textarea:
    async def send() -> None:
        await _send(session, field)

    ui.label().classes('text-sm text-negative').mark('chat-error').props('data-testid=chat-error') \
        .bind_text_from(session, 'error').bind_visibility_from(session, 'error', backward=bool)
    with ui.row().classes('w-full items-end gap-2 no-wrap'):
        field = ui.textarea(placeholder=PLACEHOLDER).props('autogrow outlined dense rows=1 data-testid=chat-input') \
            .classes('grow').mark('chat-input').on('keydown.enter.exact.prevent', send)
        ui.button(icon='send', on_click=send).props('round color=primary data-testid=chat-send').mark('chat-send') \
            .bind_visibility_from(session, 'busy', backward=lambda b: not b).tooltip('Send')
        ui.button('Stop', icon='stop', on_click=session.stop).props('outline color=negative data-testid=chat-stop') \
            .mark('chat-stop').bind_visibility_from(session, 'busy')
        ui.button(icon='refresh', on_click=session.regenerate) \
            .props('flat round color=primary data-testid=chat-regenerate').mark('chat-regenerate') \
            .bind_visibility_from(session, 'can_regenerate').tooltip('Regenerate the last answer')
    return field
