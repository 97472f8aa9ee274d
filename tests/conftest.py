import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: sync Playwright leaves an event loop behind that breaks later async tests."""
    items.sort(key=lambda item: 'tests/e2e/' in str(item.path).replace('\\', '/'))
