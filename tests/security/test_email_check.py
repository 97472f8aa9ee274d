"""Finding 10: a long crafted email is refused before the pattern, which backtracks quadratically, ever sees it.

20,000 characters of 'a.' blocked the event loop for seconds in the set-up form and the staff invitation. The check
is counted, not timed: the pattern must never be handed more than an email's longest length.
"""
import re

import pytest

from store import accounts
from store.errors import AccountError


class CountingPattern:
    """The real pattern, noting the length of every string it is asked to match."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern, self.lengths = pattern, []

    def match(self, text: str) -> re.Match | None:
        self.lengths.append(len(text))
        return self.pattern.match(text)


@pytest.fixture
def pattern(monkeypatch: pytest.MonkeyPatch) -> CountingPattern:
    counting = CountingPattern(accounts._EMAIL)
    monkeypatch.setattr(accounts, '_EMAIL', counting)
    return counting


CRAFTED = ['a@' + 'a.' * 10_000 + '@', 'a' * 20_000 + '@example.com', 'x' + ' ' * 30_000 + '@y.z']


@pytest.mark.parametrize('crafted', CRAFTED)
def test_a_long_email_is_refused_without_running_the_pattern(pattern: CountingPattern, crafted: str):
    with pytest.raises(AccountError, match='name@example.com'):
        accounts.normalize_email(crafted)
    assert pattern.lengths == []


def test_a_real_email_is_still_checked(pattern: CountingPattern):
    assert accounts.normalize_email(' Dee@Example.com ') == 'dee@example.com'
    with pytest.raises(AccountError):
        accounts.normalize_email('dee@example')
    assert pattern.lengths == [15, 11]
