"""Security tests run the app (main.py) with the `user` fixture, as the UI and API tests do."""
from tests.ui.conftest import shop_env  # noqa: F401  (autouse: the same app set-up as the UI tests)
