"""Tools the coach answers through: a typed function, its arguments' model (the JSON schema a model sees) and what it
needs of the shop. A Registry holds them; adding one is a function and its arguments' model:

    class PayrollArgs(BaseModel):
        month: str = Field(description='The month, YYYY-MM')

    @TOOLS.tool(needs='history')
    def payroll(ctx: Context, args: PayrollArgs) -> dict:
        '''What the model reads about the tool: when to call it, what it returns.'''
        ...

A tool raises ValueError with a sentence when its arguments make no sense for this shop; the Toolbox turns that
(and anything else) into an error result the model can read and recover from.
"""
from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, get_type_hints

from pydantic import BaseModel

if TYPE_CHECKING:
    from .context import Context

Need = Literal['history', 'live', 'knowledge', '']  # the shop's analytics, its live snapshot, a knowledge search
Run = Callable[['Context', Any], dict | Awaitable[dict]]


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """What a provider sends to its model: the tool's name, what it is for, and its arguments' JSON schema."""
    name: str
    description: str
    parameters: dict


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    args: type[BaseModel]
    run: Run
    needs: Need = ''

    @cached_property
    def spec(self) -> ToolSpec:
        return ToolSpec(self.name, self.description, plain_schema(self.args))


class Registry:
    def __init__(self, tools: tuple[Tool, ...] = ()) -> None:
        self._tools: dict[str, Tool] = {}
        for tool in tools:
            self.add(tool)

    def add(self, tool: Tool) -> Tool:
        if tool.name in self._tools:
            raise ValueError(f'A tool named {tool.name!r} is already registered.')
        self._tools[tool.name] = tool
        return tool

    def tool(self, function: Run | None = None, *, name: str = '', needs: Need = ''):
        """Registers a function `(ctx, args: SomeModel) -> dict`; its docstring is its description for the model."""
        def register(run: Run) -> Run:
            hints = get_type_hints(run)
            args = next(hint for key, hint in hints.items() if key not in ('ctx', 'return'))
            self.add(Tool(name or run.__name__, inspect.cleandoc(run.__doc__ or ''), args, run, needs))
            return run
        return register(function) if function is not None else register

    def get(self, name: str) -> Tool | None:
        return self._tools.get(name)

    def names(self) -> list[str]:
        return list(self._tools)

    def __iter__(self) -> Iterator[Tool]:
        return iter(self._tools.values())

    def copy(self) -> Registry:
        return Registry(tuple(self._tools.values()))


def plain_schema(model: type[BaseModel]) -> dict:
    """The model's JSON schema as every provider takes it: references inlined, no titles, an optional field simply
    not required (Gemini's function declarations reject much of what pydantic writes by default)."""
    schema = model.model_json_schema()
    defs = schema.pop('$defs', {})

    def clean(node: Any) -> Any:
        if isinstance(node, list):
            return [clean(item) for item in node]
        if not isinstance(node, dict):
            return node
        if '$ref' in node:
            return clean({**defs[node['$ref'].split('/')[-1]], **{k: v for k, v in node.items() if k != '$ref'}})
        options = node.get('anyOf')
        if options and any(option.get('type') == 'null' for option in options):
            rest = [option for option in options if option.get('type') != 'null']
            if len(rest) == 1:
                node = {**{k: v for k, v in node.items() if k != 'anyOf'}, **rest[0]}
        out = {key: clean(value) for key, value in node.items()
               if key not in ('title', 'properties') and not (key == 'default' and value is None)}
        if 'properties' in node:  # field names are kept, whatever they are called
            out['properties'] = {name: clean(value) for name, value in node['properties'].items()}
        return out
    return clean(schema)


TOOLS = Registry()  # the coach's own tools; coach.tools imports the modules that fill it
