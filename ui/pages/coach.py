"""The coach's own page: past conversations on the left (in a drawer on phones), the chat on the right."""
from nicegui import background_tasks, ui

from shops import Shops

from .. import auth, theme
from ..chat import history as chat_history
from ..chat import panel as chat_panel
from ..shared import header
from . import RESPONSE_TIMEOUT


def create(shops: Shops) -> None:
    @ui.page('/coach', response_timeout=RESPONSE_TIMEOUT)
    async def coach_page(c: str | None = None) -> None:
        session = await auth.page_session(shops, f'/coach?c={c}' if c else '/coach')
        if session is None:
            return
        account, shop_id = session
        shops.live.track_page(shop_id, account.email, '/coach')
        theme.apply()
        header.create(shops, account, shop_id, 'Business coach')
        drawer = ui.left_drawer(bordered=True).props('width=300 breakpoint=1023').classes('p-3')
        with ui.column().classes('w-full max-w-screen-lg mx-auto p-2 sm:p-4 gap-2'):
            with ui.row().classes('w-full items-center gap-2'):
                ui.button('Conversations', icon='forum', on_click=drawer.toggle) \
                    .props('flat dense color=primary').classes('lg:hidden').mark('chat-drawer-toggle')
                ui.label('Grounded in your live figures and the knowledge base.').classes('text-sm text-grey-7')
            chat = chat_panel.create(shops, account, shop_id)
        with drawer:
            ui.label('Conversations').classes('text-lg font-medium')
            history = chat_history.ChatHistory(chat, shops.profile(shop_id).tz)
        background_tasks.create(chat.load(c) if c else history.fill(), name='conversations')  # after the answer
