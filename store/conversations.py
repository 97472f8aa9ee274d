"""Coach conversations: private to the user who had them, within one shop."""
from typing import Any, Literal

from sqlalchemy import delete, select

from .db import Database
from .errors import NotFoundError, StoreError
from .models import Conversation, Message
from .types import new_id, utcnow

Role = Literal['user', 'assistant', 'system']
Feedback = Literal['up', 'down']
_GONE = 'This conversation no longer exists. Start a new one.'


async def create_conversation(db: Database, shop_id: str, user_id: str, title: str = 'New conversation'
                              ) -> Conversation:
    title = title.strip()[:200] or 'Untitled'
    conversation = Conversation(id=new_id(), shop_id=shop_id, user_id=user_id, title=title)
    async with db.session() as session:
        session.add(conversation)
    return conversation


async def list_conversations(db: Database, shop_id: str, user_id: str) -> list[Conversation]:
    """Most recently active first."""
    async with db.reading() as session:
        return list(await session.scalars(select(Conversation)
                                          .where(Conversation.shop_id == shop_id, Conversation.user_id == user_id)
                                          .order_by(Conversation.updated_at.desc(), Conversation.id)))


async def get_messages(db: Database, shop_id: str, user_id: str, conversation_id: str) -> list[Message]:
    async with db.session() as session:
        return list(await session.scalars(select(Message).join(Conversation)
                                          .where(*_owned(shop_id, user_id, conversation_id))
                                          .order_by(Message.id)))


async def add_message(db: Database, shop_id: str, user_id: str, conversation_id: str, role: Role, content: str,
                      meta: dict[str, Any] | None = None) -> Message:
    """Append a message (meta: provider, model, sources, ...); raises NotFoundError for another's conversation."""
    if role not in ('user', 'assistant', 'system'):
        raise StoreError("Give the role as 'user', 'assistant' or 'system'.")
    async with db.session() as session:
        conversation = await session.scalar(select(Conversation).where(*_owned(shop_id, user_id, conversation_id)))
        if conversation is None:
            raise NotFoundError(_GONE)
        message = Message(conversation_id=conversation_id, role=role, content=content, meta=meta or {})
        session.add(message)
        conversation.updated_at = utcnow()
        await session.flush()
        return message


async def rename_conversation(db: Database, shop_id: str, user_id: str, conversation_id: str, title: str) -> bool:
    async with db.session() as session:
        conversation = await session.scalar(select(Conversation).where(*_owned(shop_id, user_id, conversation_id)))
        if conversation is None:
            return False
        conversation.title = title.strip()[:200] or 'Untitled'
        return True


async def delete_conversation(db: Database, shop_id: str, user_id: str, conversation_id: str) -> bool:
    async with db.session() as session:
        await session.execute(delete(Message).where(Message.conversation_id.in_(
            select(Conversation.id).where(*_owned(shop_id, user_id, conversation_id)))))
        result = await session.execute(delete(Conversation).where(*_owned(shop_id, user_id, conversation_id)))
        return bool(result.rowcount)


async def set_feedback(db: Database, shop_id: str, user_id: str, message_id: int, feedback: Feedback | None) -> bool:
    """Thumbs up/down on an answer (None clears it); False when the message isn't this user's in this shop."""
    if feedback not in ('up', 'down', None):
        raise StoreError("Give feedback as 'up', 'down' or nothing.")
    async with db.session() as session:
        message = await session.scalar(select(Message).join(Conversation).where(
            Message.id == message_id, Conversation.shop_id == shop_id, Conversation.user_id == user_id))
        if message is None:
            return False
        message.feedback = feedback
        return True


def _owned(shop_id: str, user_id: str, conversation_id: str) -> tuple[Any, ...]:
    return (Conversation.id == conversation_id, Conversation.shop_id == shop_id, Conversation.user_id == user_id)
