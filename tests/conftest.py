import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: sync Playwright leaves an event loop behind that breaks later async tests."""
    items.sort(key=lambda item: 'tests/e2e/' in str(item.path).replace('\\', '/'))


@pytest.fixture(scope='session')
def knowledge_dir(tmp_path_factory) -> str:
    """One knowledge index for the whole session: each app start then finds it built instead of embedding anew."""
    from knowledge import KnowledgeBase
    folder = tmp_path_factory.mktemp('knowledge')
    KnowledgeBase(folder).build()
    return str(folder)
