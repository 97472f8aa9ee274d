"""Anthropic's Messages API, streamed as server-sent events."""
from __future__ import annotations

from collections.abc import AsyncIterator

from ..types import Finish, Request, Usage

MAX_TOKENS = 1024  # required by the API; a coach's answer is a few paragraphs


class AnthropicProvider:
    name = 'anthropic'
    key_env = 'ANTHROPIC_API_KEY'
    offline = False

    def __init__(self, api_key: str, model: str, base_url: str = '', timeout: float = 60.0) -> None:
        self.model = model
        self.label = 'Anthropic'  # a base URL here is a gateway to Anthropic, not another model
        self._api_key, self._base_url, self._timeout = api_key, base_url or None, timeout
        self._client = None
        self._sdk()  # the SDK's import (0.4-1.4 s) happens at start-up, not inside a question's deadline

    def _sdk(self):
        if self._client is None:
            import anthropic
            # api_key always given (else the SDK looks for profiles on disk); retries are the chain's
            self._client = anthropic.AsyncAnthropic(api_key=self._api_key, base_url=self._base_url, max_retries=0,
                                                    timeout=self._timeout)
        return self._client

    async def stream(self, request: Request) -> AsyncIterator[str | Finish]:
        messages = [{'role': turn.role, 'content': turn.content} for turn in request.messages]
        stream = await self._sdk().messages.create(model=self.model, max_tokens=MAX_TOKENS, system=request.system,
                                                   messages=messages, stream=True)
        finish_reason, input_tokens, output_tokens = None, None, None
        try:
            async for event in stream:
                if event.type == 'message_start':
                    input_tokens = event.message.usage.input_tokens
                elif event.type == 'content_block_delta' and event.delta.type == 'text_delta':
                    if event.delta.text:
                        yield event.delta.text
                elif event.type == 'message_delta':
                    finish_reason = event.delta.stop_reason or finish_reason
                    output_tokens = event.usage.output_tokens
        finally:
            await stream.close()
        yield Finish(finish_reason, Usage(input_tokens, output_tokens))

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
