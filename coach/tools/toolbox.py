"""One answer's tools: each call validated, run, timed and kept, and never an exception out of the tool loop.

Every provider's tool loop and the offline analyst call the same Toolbox, so the calls behind an answer are the
same list whoever made them, and a provider that fails mid-loop leaves its results to the next one (a repeated call
is answered from what was already looked up).
"""
from __future__ import annotations

import inspect
import json
import logging
import time
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from .context import Context
from .registry import Registry, ToolSpec

log = logging.getLogger('chairside.coach')
MAX_RESULT_CHARS = 12_000  # what a model reads of one result; a rank of 365 days is cut, not sent whole


@dataclass(frozen=True)
class ToolCall:
    """One call behind an answer, as the chat shows it: what was asked, with which arguments, and what came back."""
    id: str
    name: str
    arguments: dict[str, Any] | str  # as the model sent them: a str when they were not a JSON object
    result: dict[str, Any]  # JSON-safe; {'error': sentence} when the call failed
    ok: bool
    seconds: float = 0.0

    @property
    def content(self) -> str:
        """The result as the model reads it."""
        text = json.dumps(self.result, ensure_ascii=False, separators=(',', ':'), default=str)
        return text if len(text) <= MAX_RESULT_CHARS else text[:MAX_RESULT_CHARS] + '... (cut)'

    def as_dict(self) -> dict[str, Any]:
        return {'id': self.id, 'name': self.name, 'arguments': self.arguments, 'ok': self.ok, 'result': self.result,
                'seconds': round(self.seconds, 4)}


class Toolbox:
    def __init__(self, registry: Registry, context: Context) -> None:
        self.registry, self.context = registry, context
        self.calls: list[ToolCall] = []  # each distinct call once, in the order made
        self._done: dict[str, ToolCall] = {}
        self._ids = 0

    def specs(self) -> tuple[ToolSpec, ...]:
        """The tools this shop can answer now (no history: no figures tools; no knowledge base: no search)."""
        return tuple(tool.spec for tool in self.registry if self.context.has(tool.needs))

    def has(self, name: str) -> bool:
        tool = self.registry.get(name)
        return tool is not None and self.context.has(tool.needs)

    async def call(self, name: str, arguments: dict[str, Any] | str | None = None, call_id: str = '') -> ToolCall:
        """The call's result, or an error result saying what to fix; never raises (but a cancellation)."""
        self._ids += 1
        call_id = call_id or f'call_{self._ids}'
        parsed = _parse(arguments)
        key = f'{name}:{json.dumps(parsed, sort_keys=True, default=str)}'
        if key in self._done:
            return replace(self._done[key], id=call_id)
        started = time.perf_counter()
        result, ok = await self._run(name, parsed)
        call = ToolCall(call_id, name, parsed, result, ok, time.perf_counter() - started)
        self._done[key] = call
        self.calls.append(call)
        return call

    async def _run(self, name: str, arguments: dict[str, Any] | str) -> tuple[dict[str, Any], bool]:
        tool = self.registry.get(name)
        if tool is None or not self.context.has(tool.needs):
            known = ', '.join(spec.name for spec in self.specs())
            return {'error': f'There is no tool named {name!r} here. The tools are: {known}.'}, False
        if isinstance(arguments, str):
            needed = ', '.join(tool.spec.parameters.get('required', ())) or 'its fields'
            return {'error': f'The arguments of {name} were not a JSON object ({arguments[:80]!r}): send one object '
                             f'with {needed}.'}, False
        try:
            args = tool.args.model_validate(arguments)
        except ValidationError as error:
            return {'error': f'The arguments of {name} are not valid: {_problems(error)} Fix them and call again.'}, \
                False
        try:
            result = tool.run(self.context, args)
            if inspect.isawaitable(result):
                result = await result
        except ValueError as error:  # the tool's own sentence: what does not fit this shop or period
            return {'error': str(error)}, False
        except Exception as error:  # a bug: logged with its traceback, told to the model in one line
            log.exception('coach: the tool %s failed', name)
            return {'error': f'The tool {name} failed ({type(error).__name__}); answer without it.'}, False
        return result, True


def _parse(arguments: dict[str, Any] | str | None) -> dict[str, Any] | str:
    """A model's arguments: a JSON object (text or already decoded); '' or None is no arguments."""
    if arguments is None or (isinstance(arguments, str) and not arguments.strip()):
        return {}
    if isinstance(arguments, dict):
        return arguments
    try:
        decoded = json.loads(arguments)
    except (TypeError, ValueError):
        return str(arguments)
    return decoded if isinstance(decoded, dict) else str(arguments)


def _problems(error: ValidationError) -> str:
    """Pydantic's errors in one line a model can act on: where, what was wrong, what was sent."""
    parts = []
    for problem in error.errors(include_url=False)[:4]:
        where = '.'.join(str(p) for p in problem['loc']) or 'arguments'
        sent = problem.get('input')
        shown = '' if problem['type'] == 'missing' else f' (sent {json.dumps(sent, default=str)[:60]})'
        parts.append(f'{where}: {problem["msg"]}{shown}.')
    return ' '.join(parts)
