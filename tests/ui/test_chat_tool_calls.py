"""The chat shows its work: under a data answer, the look-ups behind it (tool, figure, period with its dates, the
result in words), stored with the answer so a reopened conversation shows them again."""
import re
from datetime import date

from nicegui.testing import User

from engine.analytics import Period
from engine.words import spoken

from .helpers import sign_up_owner, the_engine
from .test_chat import SLOW, answers, ask

YESTERDAY = date(2026, 11, 23)  # the shop's clock stands at Tuesday 24 November 2026, 10:30 (conftest)


def look_ups(user: User) -> list[str]:
    """Each look-up's lines, joined, as the owner reads them once the part is opened (top to bottom: the order they
    were made in; the filter's elements are a set)."""
    rows = sorted(user.find(marker='chat-tool-call').elements, key=lambda column: column.id)
    return [' | '.join(label.text for label in column.default_slot.children) for column in rows]


async def test_a_data_answer_shows_its_number_first_and_the_look_up_behind_it_also_when_reopened(user: User):
    await sign_up_owner(user)
    engine = the_engine()
    revenue = engine.analytics.report(Period(YESTERDAY, YESTERDAY, 'day'), now=engine.clock.now()).figures['revenue']
    await user.open('/coach')
    await ask(user, 'How much did we make yesterday?')
    await user.should_see(marker='chat-tool-calls', retries=SLOW)
    (text,) = answers(user)
    first = re.split(r'(?<=[.!?])\s', text, maxsplit=1)[0]
    assert spoken('money', revenue) in first and 'Monday 23 November 2026' in first
    user.find(marker='chat-tool-calls').elements.pop().value = True  # opened, as a click on it does
    seen = look_ups(user)
    assert f'Figures · Revenue | Monday 23 November 2026 | Revenue {spoken("money", revenue)}' in seen
    assert any(line.startswith('Comparison · Revenue | Monday 23 November 2026 against Monday 16 November 2026')
               for line in seen)

    await user.open('/coach')  # a fresh page: the conversation reopened from the store shows the same look-ups
    await user.should_see(marker='chat-conversation')
    user.find(marker='chat-conversation').click()
    await user.should_see(marker='chat-tool-calls')
    assert look_ups(user) == seen
