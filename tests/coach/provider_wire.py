"""Each provider's streaming wire format, as the notes measured it, for a scripted Reply; and its error bodies."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .provider_stand_in import Reply

STALL = object()  # stop sending here and wait for the client to leave
SIGNATURE = 'c2lnbmVk'  # base64 of b'signed': the thought signature Gemini attaches to a function call


def _texts(reply: Reply):
    """The text chunks, then STALL or ('error',) where the script says so."""
    for i, chunk in enumerate(reply.chunks):
        if reply.stall_after == i:
            yield STALL
            return
        if reply.error_after == i:
            yield ('error',)
            return
        yield chunk
    if reply.stall_after is not None and reply.stall_after >= len(reply.chunks):
        yield STALL
    elif reply.error_after is not None and reply.error_after >= len(reply.chunks):
        yield ('error',)


def _pieces(text: str) -> list[str]:
    """Arguments arrive in pieces, as models stream them."""
    third = max(1, len(text) // 3)
    return [text[i:i + third] for i in range(0, len(text), third)] or ['']


def _openai(reply: Reply):
    def data(obj) -> str:
        return f'data: {json.dumps(obj)}\n\n'

    def chunk(delta: dict, finish: str | None = None) -> str:
        return data({'id': 'chatcmpl-1', 'object': 'chat.completion.chunk', 'created': 0, 'model': 'gpt-test',
                     'choices': [{'index': 0, 'delta': delta, 'finish_reason': finish}]})
    yield chunk({'role': 'assistant', 'content': ''})
    for text in _texts(reply):
        if text is STALL:
            yield STALL
            return
        if isinstance(text, tuple):
            yield data({'error': {'message': 'The server had an error while processing your request.',
                                  'type': 'server_error', 'param': None, 'code': None}})
            return
        yield chunk({'content': text})
    for i, call in enumerate(reply.calls):
        yield chunk({'tool_calls': [{'index': i, 'id': f'call_model_{i}', 'type': 'function',
                                     'function': {'name': call.name, 'arguments': ''}}]})
        for piece in _pieces(call.arguments):
            yield chunk({'tool_calls': [{'index': i, 'function': {'arguments': piece}}]})
    yield chunk({}, 'tool_calls' if reply.calls else 'stop')
    yield data({'id': 'chatcmpl-1', 'object': 'chat.completion.chunk', 'created': 0, 'model': 'gpt-test',
                'choices': [], 'usage': {'prompt_tokens': 42, 'completion_tokens': 7, 'total_tokens': 49}})
    yield 'data: [DONE]\n\n'


def _anthropic(reply: Reply):
    def event(kind: str, obj: dict) -> str:
        return f'event: {kind}\ndata: {json.dumps({"type": kind, **obj})}\n\n'
    yield event('message_start', {'message': {
        'id': 'msg_1', 'type': 'message', 'role': 'assistant', 'model': 'claude-test', 'content': [],
        'stop_reason': None, 'stop_sequence': None, 'usage': {'input_tokens': 42, 'output_tokens': 1}}})
    yield event('content_block_start', {'index': 0, 'content_block': {'type': 'text', 'text': ''}})
    yield event('ping', {})
    for text in _texts(reply):
        if text is STALL:
            yield STALL
            return
        if isinstance(text, tuple):
            yield event('error', {'error': {'type': 'overloaded_error', 'message': 'Overloaded'}})
            return
        yield event('content_block_delta', {'index': 0, 'delta': {'type': 'text_delta', 'text': text}})
    yield event('content_block_stop', {'index': 0})
    for i, call in enumerate(reply.calls, 1):
        yield event('content_block_start', {'index': i, 'content_block': {'type': 'tool_use', 'id': f'toolu_{i}',
                                                                          'name': call.name, 'input': {}}})
        for piece in _pieces(call.arguments):
            yield event('content_block_delta', {'index': i, 'delta': {'type': 'input_json_delta',
                                                                      'partial_json': piece}})
        yield event('content_block_stop', {'index': i})
    yield event('message_delta', {'delta': {'stop_reason': 'tool_use' if reply.calls else 'end_turn',
                                            'stop_sequence': None}, 'usage': {'output_tokens': 7}})
    yield event('message_stop', {})


def _gemini(reply: Reply):
    def data(obj) -> str:
        return f'data: {json.dumps(obj)}\r\n\r\n'
    texts = list(_texts(reply))
    if reply.calls and not any(t is STALL or isinstance(t, tuple) for t in texts):
        texts.append(reply.calls)  # the function calls come as one last chunk, each a whole part
    for i, text in enumerate(texts):
        if text is STALL:
            yield STALL
            return
        if text == ('error',):
            yield data({'error': {'code': 500, 'message': 'Internal error encountered.', 'status': 'INTERNAL'}})
            return
        parts = [{'text': text}] if isinstance(text, str) else [
            {'functionCall': {'name': c.name, 'args': json.loads(c.arguments)}, 'thoughtSignature': SIGNATURE}
            for c in text]
        candidate = {'content': {'parts': parts, 'role': 'model'}, 'index': 0}
        if i == len(texts) - 1:
            candidate['finishReason'] = 'STOP'
        yield data({'candidates': [candidate], 'modelVersion': 'gemini-test',
                    'usageMetadata': {'promptTokenCount': 42, 'candidatesTokenCount': i + 1,
                                      'totalTokenCount': 43 + i}})


WIRE = {'openai': _openai, 'anthropic': _anthropic, 'gemini': _gemini}


def error_body(provider: str, status: int) -> dict:
    message = {401: 'Incorrect API key provided: sk-test***key.', 403: 'Permission denied.',
               429: 'Rate limit reached.', 500: 'Internal server error.'}.get(status, 'Error.')
    if provider == 'anthropic':
        kind = {401: 'authentication_error', 403: 'permission_error', 429: 'rate_limit_error'}.get(status, 'api_error')
        return {'type': 'error', 'error': {'type': kind, 'message': message}}
    if provider == 'gemini':
        name = {401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED'}.get(status, 'INTERNAL')
        return {'error': {'code': status, 'message': message, 'status': name}}
    return {'error': {'message': message, 'type': 'error', 'param': None, 'code': None}}
