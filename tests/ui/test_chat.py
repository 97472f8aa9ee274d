import asyncio
import time

from nicegui import app
from nicegui.testing import User
from sqlalchemy import select

from coach import AnswerMeta, Done, RateLimiter
from knowledge import KnowledgeNotReady
from store.models import Conversation, Message

from .helpers import sign_up_owner, the_engine

SLOW = 600  # should_see retries of 0.1 s: the first search loads the embedding model


async def knowledge_ready() -> None:
    for _ in range(600):
        if app.state.shops.knowledge.status == 'ready':
            return
        await asyncio.sleep(0.1)
    raise AssertionError('the knowledge base did not get ready')


async def ask(user: User, text: str) -> None:
    user.find(marker='chat-input').type(text)
    user.find(marker='chat-send').click()


def answers(user: User) -> list[str]:
    return [element.content for element in user.find(marker='chat-answer').elements]


def scripted(chunks: list[str], *, delay: float = 0.0, hold: float = 0.0):
    """A stand-in for Coach.answer: the chunks, an optional wait, then Done; records that it was closed."""
    closed: list[bool] = []

    async def answer(question, snapshot, history=(), *, passages=None, shop=None, retrieve=None):
        try:
            for chunk in chunks:
                yield chunk
                await asyncio.sleep(delay)
            await asyncio.sleep(hold)
            yield Done(AnswerMeta('Stand-in', 'test-model', False), ''.join(chunks))
        finally:
            closed.append(True)
    return answer, closed


async def stored() -> list:
    """The one conversation's messages, as the store holds them."""
    async with app.state.shops.store.session() as session:
        talk = (await session.scalars(select(Conversation))).one()
        return list(await session.scalars(select(Message).where(Message.conversation_id == talk.id)
                                          .order_by(Message.id)))


async def test_a_question_streams_a_grounded_answer_on_the_dashboard(user: User):
    await sign_up_owner(user)
    await knowledge_ready()
    await ask(user, 'How can I fill the quiet afternoons?')
    await user.should_see('How can I fill the quiet afternoons?')
    await user.should_see(marker='chat-provider', retries=SLOW)
    await user.should_see('Offline coach · rules')
    (text,) = answers(user)
    assert 'Offline coach' in text
    assert f'{the_engine().snapshot().today.bookings}' in text or '$' in text  # the shop's own figures
    await user.should_see(marker='chat-knowledge')
    await user.should_see(marker='chat-grounding')
    assert user.find(marker='chat-source').elements  # each source, with its snippet inside
    user_message, answer = await stored()
    assert (user_message.role, answer.role) == ('user', 'assistant')
    assert answer.meta['provider'] == 'Offline coach' and answer.meta['offline'] is True
    assert answer.meta['grounding']['level'] in ('high', 'medium', 'low')
    assert answer.meta['sources'] and {'id', 'title', 'heading', 'snippet'} <= set(answer.meta['sources'][0])


async def test_empty_over_long_and_too_many_questions_get_a_sentence_and_keep_the_text(user: User):
    await sign_up_owner(user)
    user.find(marker='chat-send').click()
    await user.should_see('Type a question for the coach first')
    await ask(user, 'x' * 2500)
    await user.should_see('please keep it under 2,000 characters')
    (field,) = user.find(marker='chat-input').elements
    assert field.value == 'x' * 2500  # nothing typed is lost
    app.state.shops.coach.limiter = RateLimiter(limit=1)
    app.state.shops.coach.answer = scripted(['Fine.'])[0]
    field.value = ''
    await ask(user, 'How am I doing?')
    await user.should_see(marker='chat-provider', retries=SLOW)
    await ask(user, 'And tomorrow?')
    await user.should_see('before asking the coach again')
    assert field.value == 'And tomorrow?'


async def test_a_suggestion_asks_its_question_and_knowledge_warming_up_is_said(user: User, monkeypatch):
    await sign_up_owner(user)
    knowledge = app.state.shops.knowledge

    def not_ready(*args, **kwargs):
        raise KnowledgeNotReady('still building')
    monkeypatch.setattr(knowledge, 'search', not_ready)
    monkeypatch.setattr(knowledge, 'status', 'building')
    user.find(marker='chat-suggestion', content='How can I fill the quiet afternoons?').click()
    await user.should_see(marker='chat-provider', retries=SLOW)
    await user.should_not_see(marker='chat-suggestion')
    question, _ = await stored()
    assert question.content == 'How can I fill the quiet afternoons?'
    await user.should_see('The knowledge base is still warming up; this answer uses your figures only.')
    await user.should_not_see(marker='chat-knowledge')


async def test_conversations_are_listed_resumed_and_deleted(user: User):
    await sign_up_owner(user)
    app.state.shops.coach.answer = scripted(['Post your open slots an hour ahead.'])[0]
    await user.open('/coach')
    await ask(user, 'What should I post on Instagram to bring in bookings?')
    await user.should_see('Post your open slots an hour ahead.', retries=SLOW)
    await user.should_see(marker='chat-conversation')
    await user.open('/coach')  # a fresh page: the chat is empty, the list remembers
    await user.should_see(marker='chat-conversation')
    await user.should_not_see('Post your open slots an hour ahead.')
    user.find(marker='chat-conversation').click()
    await user.should_see('Post your open slots an hour ahead.')
    await user.should_see('What should I post on Instagram to bring in bookings?')
    user.find(marker='chat-delete').click()
    await user.should_see('Its questions and answers are removed for good.')
    user.find(marker='chat-delete-confirm').click()
    await user.should_see('Conversation deleted.')
    await user.should_see('No conversations yet.')
    await user.should_not_see('Post your open slots an hour ahead.')


async def test_thumbs_up_is_stored_with_the_answer(user: User):
    await sign_up_owner(user)
    app.state.shops.coach.answer = scripted(['Raise prices by 5%.'])[0]
    await ask(user, 'Should I raise my prices?')
    await user.should_see(marker='chat-thumb-up', retries=SLOW)
    user.find(marker='chat-thumb-up').click()
    for _ in range(300):  # stored in the background: a bound on a hang (30 s), not a measure of speed
        _, answer = await stored()
        if answer.feedback == 'up':
            break
        await asyncio.sleep(0.1)
    assert answer.feedback == 'up'


async def test_stop_keeps_the_partial_answer_and_closes_the_stream(user: User):
    await sign_up_owner(user)
    app.state.shops.coach.answer, closed = scripted(['The first half ', 'of an answer'], hold=60)
    await ask(user, 'How many barbers do I need at peak hours?')
    await user.should_see('The first half of an answer', retries=SLOW)
    user.find(marker='chat-stop').click()
    await user.should_see(marker='chat-stopped')
    assert answers(user) == ['The first half of an answer']
    assert closed == [True]
    _, answer = await stored()
    assert answer.content == 'The first half of an answer' and answer.meta['stopped'] is True
    await user.should_see(marker='chat-send')  # ready for the next question


async def test_regenerate_replaces_the_last_answer_here_and_when_resumed(user: User):
    await sign_up_owner(user)
    app.state.shops.coach.answer = scripted(['A first answer.'])[0]
    await user.open('/coach')
    await ask(user, 'How can I attract new customers nearby?')
    await user.should_see(marker='chat-regenerate', retries=SLOW)
    app.state.shops.coach.answer = scripted(['A better answer.'])[0]
    user.find(marker='chat-regenerate').click()
    await user.should_see('A better answer.')
    await user.should_see(marker='chat-provider')
    assert answers(user) == ['A better answer.']
    await user.open('/coach')
    await user.should_see(marker='chat-conversation')
    user.find(marker='chat-conversation').click()
    await user.should_see('A better answer.')
    assert answers(user) == ['A better answer.']


async def test_a_token_stream_reaches_the_page_at_most_about_15_times_a_second(user: User):
    await sign_up_owner(user)
    app.state.shops.coach.answer = scripted([f'word{i} ' for i in range(300)], delay=0.004)[0]
    started = time.perf_counter()
    await ask(user, 'How is the shop doing today?')
    await user.should_see(marker='chat-provider', retries=SLOW)
    seconds = time.perf_counter() - started
    (bubble,) = user.find(marker='chat-bubble').elements
    assert 'word299' in bubble.markdown.content
    assert 2 <= bubble.flushes <= seconds * 15 + 2 < 300  # many deltas, few re-renders
