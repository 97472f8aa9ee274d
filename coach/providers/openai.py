"""OpenAI, and every OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp) through a base URL."""
from __future__ import annotations

from collections.abc import AsyncIterator

from ..types import Finish, Request, ToolRequest, Usage
from .base import host_of


class OpenAIProvider:
    name = 'openai'
    key_env = 'OPENAI_API_KEY'
    offline = False

    def __init__(self, api_key: str | None, model: str, base_url: str = '', timeout: float = 60.0,
                 label: str = '') -> None:
        self.model = model
        self.label = label or ('OpenAI' if not base_url or 'api.openai.com' in base_url
                               else f'OpenAI-compatible server at {host_of(base_url)}')
        self._api_key = api_key or 'not-needed'  # local servers take any key; the SDK insists on one
        self._base_url = base_url or None
        self._timeout = timeout
        self._client = None
        self._sdk()  # the SDK's import (0.4-1.4 s) happens at start-up, not inside a question's deadline

    def _sdk(self):
        if self._client is None:
            import openai
            # max_retries=0: the coach's chain owns retries, deadlines and fallback
            self._client = openai.AsyncOpenAI(api_key=self._api_key, base_url=self._base_url, max_retries=0,
                                              timeout=self._timeout)
        return self._client

    async def stream(self, request: Request) -> AsyncIterator[str | ToolRequest | Finish]:
        """The SDK's request, errors and server-sent events, with each chunk left as the JSON it came as.

        Building the SDK's typed chunk (pydantic, by introspection) doubled the loop's time per token (bench/
        provider_stream.py: 207-237 µs against 115-127), and a busy server streams a thousand tokens a second. `post`
        is the SDK's own way to send a request it has no method for.
        """
        import openai
        stream = await self._sdk().post('/chat/completions', body=self.body(request), cast_to=object, stream=True,
                                        stream_cls=openai.AsyncStream[object])
        finish_reason, usage = None, None
        calls: dict[int, dict] = {}  # a tool call's pieces by its index: name first, then its arguments' text
        try:
            async for chunk in stream:
                if chunk.get('usage'):
                    usage = Usage(chunk['usage'].get('prompt_tokens'), chunk['usage'].get('completion_tokens'))
                for choice in chunk.get('choices') or ():
                    delta = choice.get('delta') or {}
                    if text := delta.get('content'):
                        yield text
                    for piece in delta.get('tool_calls') or ():
                        call = calls.setdefault(piece.get('index', 0), {'name': '', 'arguments': ''})
                        function = piece.get('function') or {}
                        call['name'] += function.get('name') or ''
                        call['arguments'] += function.get('arguments') or ''
                    finish_reason = choice.get('finish_reason') or finish_reason
        finally:
            await stream.close()  # on a stop or a deadline too: the upstream request ends here
        for _, call in sorted(calls.items()):
            yield ToolRequest(call['name'], call['arguments'])
        yield Finish(finish_reason, usage)

    def body(self, request: Request) -> dict:
        """The chat request: system prompt, conversation, the tool loop so far, and the tools offered."""
        messages = [{'role': 'system', 'content': request.system},
                    *({'role': turn.role, 'content': turn.content} for turn in request.messages)]
        for step in request.rounds:
            messages.append({'role': 'assistant', 'content': step.text or None, 'tool_calls': [
                {'id': call.id, 'type': 'function', 'function': {'name': call.name, 'arguments': asked.arguments}}
                for asked, call in zip(step.asked, step.calls, strict=True)]})
            messages += [{'role': 'tool', 'tool_call_id': call.id, 'content': call.content} for call in step.calls]
        body = {'model': self.model, 'messages': messages, 'stream': True, 'stream_options': {'include_usage': True}}
        if request.tools:
            body['tools'] = [{'type': 'function', 'function': {'name': t.name, 'description': t.description,
                                                               'parameters': t.parameters}} for t in request.tools]
            body['tool_choice'] = 'none' if request.final else 'auto'
        return body

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
