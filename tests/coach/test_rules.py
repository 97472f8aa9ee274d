"""What a question must be, and how many a user may ask."""
import pytest

from coach import Coach, RateLimited, RateLimiter, validate_question
from coach.providers import OfflineProvider


@pytest.mark.parametrize('question', ['', '   \n'])
def test_empty_question_says_what_to_do(question):
    with pytest.raises(ValueError, match='Type a question for the coach first'):
        validate_question(question)


def test_over_long_question_says_the_limit():
    assert validate_question(' ' + 'a' * 2000 + ' ') == 'a' * 2000
    with pytest.raises(ValueError, match=r'2,001 characters long; please keep it under 2,000 characters'):
        validate_question('a' * 2001)


def test_rate_limit_per_user_with_a_sliding_window():
    now = [0.0]
    limiter = RateLimiter(limit=10, per=60, clock=lambda: now[0])
    for i in range(10):
        now[0] = i
        limiter.check('ana')
    with pytest.raises(RateLimited) as caught:
        limiter.check('ana')
    assert caught.value.retry_after == 51
    assert str(caught.value) == 'You have asked 10 questions in the last 60 seconds; please wait 51 s before ' \
                                'asking the coach again.'
    limiter.check('ben')  # another user is not held back
    now[0] = 60.5
    limiter.check('ana')  # the first question has left the window


async def test_coach_check_validates_then_counts():
    coach = Coach(None, providers=[OfflineProvider()], limiter=RateLimiter(limit=1))
    with pytest.raises(ValueError):
        coach.check('', 'ana')
    assert coach.check(' Why? ', 'ana') == 'Why?'
    with pytest.raises(RateLimited):
        coach.check('Why?', 'ana')
    with pytest.raises(ValueError, match='Type a question'):
        await anext(coach.answer('', None))
