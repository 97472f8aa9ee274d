"""Security tests run the app as the API tests do (the `user` fixture), or as a real process (tests/e2e's App)."""
from tests.ui.conftest import shop_env  # noqa: F401  (autouse: the same app set-up as the UI tests)
