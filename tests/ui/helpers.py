from nicegui import app
from nicegui.testing import User


def text_of(user: User, marker: str) -> str:
    (label,) = user.find(marker=marker).elements
    return label.text


def advance(seconds: float) -> None:
    """Move the shop's clock on and let the engine loop publish, as a tick would."""
    app.state.clock.advance(seconds)
    app.state.loop.tick()
