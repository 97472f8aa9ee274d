"""Anthropic's Messages API, streamed as server-sent events."""
from __future__ import annotations

from collections.abc import AsyncIterator

from ..types import Finish, Request, ToolRequest, Usage

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

    async def stream(self, request: Request) -> AsyncIterator[str | ToolRequest | Finish]:
        stream = await self._sdk().messages.create(model=self.model, max_tokens=MAX_TOKENS, system=request.system,
                                                   stream=True, **self.arguments(request))
        finish_reason, input_tokens, output_tokens = None, None, None
        tools: dict[int, list[str]] = {}  # a tool_use block's index -> [name, pieces of its input's JSON ...]
        try:
            async for event in stream:
                if event.type == 'message_start':
                    input_tokens = event.message.usage.input_tokens
                elif event.type == 'content_block_start' and event.content_block.type == 'tool_use':
                    tools[event.index] = [event.content_block.name]
                elif event.type == 'content_block_delta' and event.delta.type == 'text_delta':
                    if event.delta.text:
                        yield event.delta.text
                elif event.type == 'content_block_delta' and event.delta.type == 'input_json_delta':
                    tools.setdefault(event.index, ['']).append(event.delta.partial_json)
                elif event.type == 'content_block_stop' and event.index in tools:
                    name, *pieces = tools.pop(event.index)
                    yield ToolRequest(name, ''.join(pieces))
                elif event.type == 'message_delta':
                    finish_reason = event.delta.stop_reason or finish_reason
                    output_tokens = event.usage.output_tokens
        finally:
            await stream.close()
        yield Finish(finish_reason, Usage(input_tokens, output_tokens))

    @staticmethod
    def arguments(request: Request) -> dict:
        """Messages (the conversation, then the tool loop as tool_use and tool_result blocks) and the tools offered."""
        messages: list[dict] = [{'role': turn.role, 'content': turn.content} for turn in request.messages]
        for step in request.rounds:
            content: list[dict] = [{'type': 'text', 'text': step.text}] if step.text.strip() else []
            content += [{'type': 'tool_use', 'id': call.id, 'name': call.name,
                         'input': call.arguments if isinstance(call.arguments, dict) else {}} for call in step.calls]
            messages.append({'role': 'assistant', 'content': content})
            messages.append({'role': 'user', 'content': [
                {'type': 'tool_result', 'tool_use_id': call.id, 'content': call.content, 'is_error': not call.ok}
                for call in step.calls]})
        out: dict = {'messages': messages}
        if request.tools:
            out['tools'] = [{'name': t.name, 'description': t.description, 'input_schema': t.parameters}
                            for t in request.tools]
            out['tool_choice'] = {'type': 'none'} if request.final else {'type': 'auto'}
        return out

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
