"""A knowledge search slower than the coach's wait: the answer goes on without passages and says why."""
import logging
import threading
from types import SimpleNamespace

from ui.chat.answer import UNAVAILABLE, passages_for


class StuckKnowledge:
    """A search that returns only once the test lets it (as a search stuck behind a loaded disk would)."""
    status = 'ready'

    def __init__(self) -> None:
        self.release = threading.Event()

    def search(self, question: str, k: int, shop_id: str) -> list:
        self.release.wait()
        return []


async def test_a_search_past_its_wait_gives_no_passages_and_says_the_knowledge_base_is_unavailable(caplog):
    knowledge = StuckKnowledge()
    coach = SimpleNamespace(retrieve_timeout=0.05, k=4)
    try:
        with caplog.at_level(logging.WARNING):
            passages, note = await passages_for(coach, knowledge, 'shop', 'how do I keep regulars?')
    finally:
        knowledge.release.set()
    assert passages == [] and note == UNAVAILABLE
    assert 'TimeoutError' in caplog.text  # the log names the real cause, not a TypeError of a swallowed cancel
