"""What every provider is to the chain: a name for people, a model, and a stream of text deltas and tool requests,
then a Finish."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol
from urllib.parse import urlsplit

from ..types import Finish, Request, ToolRequest


class Provider(Protocol):
    name: str  # 'openai', 'anthropic', 'gemini', 'offline': the names COACH_PROVIDERS uses
    label: str  # for people: 'OpenAI', 'Anthropic', 'OpenAI-compatible server at 127.0.0.1:11434', ...
    model: str
    key_env: str  # the setting a rejected key is reported under
    offline: bool

    def stream(self, request: Request) -> AsyncIterator[str | ToolRequest | Finish]:
        """Text deltas and the tools the model asks for (request.tools), then one Finish. Closing the iterator closes
        the upstream HTTP request. The loop (loop.py) runs the tools and asks again with request.rounds."""
        ...

    async def aclose(self) -> None: ...


def host_of(base_url: str) -> str:
    """The host:port of a base URL, without any user:password part, for labels and logs."""
    parts = urlsplit(base_url)
    return parts.hostname + (f':{parts.port}' if parts.port else '') if parts.hostname else base_url
