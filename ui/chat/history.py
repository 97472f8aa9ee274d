"""The signed-in person's past conversations in this shop: start a new one, resume one, delete one (confirmed)."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from nicegui import background_tasks, ui

from store import conversations as talks

from .session import ChatSession


class ChatHistory(ui.column):
    def __init__(self, session: ChatSession, zone: ZoneInfo) -> None:
        super().__init__()
        self.session, self.zone = session, zone
        self.classes('w-full gap-2').mark('chat-history')
        with self:
            ui.button('New conversation', icon='add', on_click=self._new) \
                .props('outline color=primary').classes('w-full').mark('chat-new')
            self.items = ui.list().props('dense separator').classes('w-full')
        session.on_conversations_changed.append(self.refresh)

    def refresh(self) -> None:
        background_tasks.create(self.fill(), name='chat history')

    async def fill(self) -> None:
        """The list, most recently active first."""
        found = await talks.list_conversations(self.session.shops.store, self.session.shop_id, self.session.user_id)
        self.items.clear()
        with self.items:
            if not found:
                ui.item_label('No conversations yet.').classes('text-grey-6 text-sm p-2')
            for talk in found:
                active = talk.id == self.session.conversation_id
                with ui.item(on_click=lambda t=talk.id: self.session.load(t)).classes('bg-blue-1' if active else '') \
                        .mark('chat-conversation'):
                    with ui.item_section():
                        ui.item_label(talk.title).classes('line-clamp-2')
                        ui.item_label(self._when(talk.updated_at)).props('caption')
                    with ui.item_section().props('side'):
                        ui.button(icon='delete', on_click=lambda t=talk: self._delete(t.id, t.title)) \
                            .props('flat round dense size=sm').mark('chat-delete')

    def _when(self, at: datetime) -> str:
        at = at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite hands back naive UTC
        return f'{at.astimezone(self.zone):%a %d %b %H:%M}'

    async def _new(self) -> None:
        await self.session.load(None)

    async def _delete(self, conversation_id: str, title: str) -> None:
        with ui.dialog() as dialog, ui.card():
            ui.label(f'Delete "{title}"?').classes('font-medium')
            ui.label('Its questions and answers are removed for good.').classes('text-sm text-grey-7')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat')
                ui.button('Delete', on_click=lambda: dialog.submit(True)).props('color=negative') \
                    .mark('chat-delete-confirm')
        confirmed = await dialog
        dialog.delete()
        if not confirmed:
            return
        await talks.delete_conversation(self.session.shops.store, self.session.shop_id, self.session.user_id,
                                        conversation_id)
        if conversation_id == self.session.conversation_id:
            await self.session.load(None)
        else:
            self.refresh()
        ui.notify('Conversation deleted.')
