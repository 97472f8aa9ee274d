"""Gemini through google-genai (not the end-of-life google-generativeai), on an httpx2 client the coach owns."""
from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator

from ..types import Finish, Request, ToolRequest, Usage

MAX_TOKENS = 1024
_TAG = 'x-chairside-stream'  # marks each request, so a stop can close exactly that response


class GeminiProvider:
    name = 'gemini'
    key_env = 'GEMINI_API_KEY'
    offline = False

    def __init__(self, api_key: str, model: str, base_url: str = '', timeout: float = 60.0) -> None:
        self.model = model
        self.label = 'Gemini'
        self._api_key, self._base_url, self._timeout = api_key, base_url or None, timeout
        self._client = None
        self._http = None
        self._open: dict[str, list] = {}  # tag -> responses of a stream still being read
        self._tags = itertools.count()
        self._sdk()  # the SDK's import (0.4-1.4 s) happens at start-up, not inside a question's deadline

    def _sdk(self):
        if self._client is None:
            import httpx2
            from google import genai
            from google.genai import types
            # our own httpx2 client: per-chunk read timeouts (aiohttp would make `timeout` a total deadline),
            # and a hook that remembers each streamed response so a stop closes it at once
            self._http = httpx2.AsyncClient(timeout=self._timeout, event_hooks={'response': [self._remember]})
            # no retry_options: google-genai then makes one attempt, and the chain owns the retries
            options = types.HttpOptions(base_url=self._base_url, httpx_async_client=self._http)
            self._client = genai.Client(api_key=self._api_key, http_options=options)
        return self._client

    async def _remember(self, response) -> None:
        tag = response.request.headers.get(_TAG)
        if tag in self._open:
            self._open[tag].append(response)

    async def stream(self, request: Request) -> AsyncIterator[str | ToolRequest | Finish]:
        from google.genai import types
        client = self._sdk()
        tag = str(next(self._tags))
        self._open[tag] = []
        contents = self.contents(request)
        config = types.GenerateContentConfig(system_instruction=request.system, max_output_tokens=MAX_TOKENS,
                                             http_options=types.HttpOptions(headers={_TAG: tag}),
                                             **self.tool_config(request))
        finish_reason, usage = None, None
        chunks = None
        try:
            chunks = await client.aio.models.generate_content_stream(model=self.model, contents=contents, config=config)
            async for chunk in chunks:
                for candidate in chunk.candidates or ():
                    for part in (candidate.content.parts or ()) if candidate.content else ():
                        if part.text and not part.thought:
                            yield part.text
                        elif part.function_call is not None:
                            call = part.function_call
                            yield ToolRequest(call.name or '', json.dumps(call.args or {}), part.thought_signature)
                    if candidate.finish_reason is not None:
                        finish_reason = getattr(candidate.finish_reason, 'name', str(candidate.finish_reason))
                if chunk.usage_metadata is not None:
                    meta = chunk.usage_metadata
                    usage = Usage(meta.prompt_token_count, meta.candidates_token_count)
        finally:
            for response in self._open.pop(tag, ()):
                await response.aclose()
            if chunks is not None:
                await chunks.aclose()
        yield Finish(finish_reason, usage)

    @staticmethod
    def contents(request: Request) -> list:
        """The conversation, then the tool loop as functionCall and functionResponse parts."""
        from google.genai import types
        contents = [types.Content(role='user' if t.role == 'user' else 'model', parts=[types.Part(text=t.content)])
                    for t in request.messages]
        for step in request.rounds:
            parts = [types.Part(text=step.text)] if step.text.strip() else []
            parts += [types.Part(function_call=types.FunctionCall(name=call.name, args=call.arguments if isinstance(
                call.arguments, dict) else {}), thought_signature=asked.signature)
                for asked, call in zip(step.asked, step.calls, strict=True)]
            contents.append(types.Content(role='model', parts=parts))
            contents.append(types.Content(role='user', parts=[types.Part(function_response=types.FunctionResponse(
                name=call.name, response=call.result)) for call in step.calls]))
        return contents

    @staticmethod
    def tool_config(request: Request) -> dict:
        from google.genai import types
        if not request.tools:
            return {}
        declarations = [types.FunctionDeclaration(name=t.name, description=t.description,
                                                  parameters_json_schema=t.parameters) for t in request.tools]
        mode = 'NONE' if request.final else 'AUTO'
        return {'tools': [types.Tool(function_declarations=declarations)],
                'tool_config': types.ToolConfig(function_calling_config=types.FunctionCallingConfig(mode=mode)),
                'automatic_function_calling': types.AutomaticFunctionCallingConfig(disable=True)}

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._client = self._http = None
