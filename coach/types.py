"""The objects the coach hands out and takes in, shared by the prompt, the providers and the chain."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from engine.snapshot import Snapshot

    from .tools import Toolbox, ToolCall, ToolSpec


class PassageLike(Protocol):
    """What the coach reads of a knowledge passage (knowledge.Passage fits), so coach/ needs no knowledge import."""
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def heading(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def source(self) -> str: ...


Retrieve = Callable[[str], Awaitable[Sequence[PassageLike]]]


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn of the conversation so far, as the chat panel shows it."""
    role: Literal['user', 'assistant']
    content: str


@dataclass(frozen=True, slots=True)
class ToolRequest:
    """A model asked for a tool: the tool's name and its arguments as the model wrote them (JSON text)."""
    name: str
    arguments: str
    signature: bytes | None = None  # Gemini's thought signature, sent back with the call in later rounds


@dataclass(frozen=True)
class Round:
    """One finished round of the tool loop: what the model said, what it asked for, and what came back (in order)."""
    text: str
    asked: tuple[ToolRequest, ...]
    calls: tuple[ToolCall, ...]  # calls[i] answers asked[i]; its id is the one every provider is shown


@dataclass(frozen=True)
class Request:
    """Everything one answer needs: the rendered prompt for models, the raw material for the offline coach."""
    system: str
    messages: tuple[Turn, ...]  # the bounded history, ending with the question
    question: str
    snapshot: Snapshot | None
    passages: tuple[PassageLike, ...]
    figure_numbers: frozenset[str] = frozenset()  # numbers quoted in the figures, for the grounding score
    tools: tuple[ToolSpec, ...] = ()  # offered to the model
    rounds: tuple[Round, ...] = ()  # the tool loop so far, whichever provider made it
    final: bool = False  # the loop's bound is reached: the model must answer now, without tools
    toolbox: Toolbox | None = field(default=None, compare=False)  # the offline analyst calls the tools itself
    history: tuple[Turn, ...] = ()  # the conversation before the question, unbounded (the analyst's follow-ups)


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class Finish:
    """What a provider reports after its last text delta."""
    finish_reason: str | None = None
    usage: Usage | None = None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at one provider, in words a shop owner can read."""
    provider: str  # label, e.g. 'OpenAI'
    number: int  # 1-based, per provider
    ok: bool
    reason: str  # '' when ok
    kind: str = ''  # auth, rate_limit, server, timeout, stall, connection, refused, stream_error, skipped
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Grounding:
    score: float  # 0..1
    level: Literal['high', 'medium', 'low']
    explanation: str  # one line for the badge's tooltip
    cited: tuple[int, ...] = ()  # passage numbers the answer cites


@dataclass(frozen=True)
class AnswerMeta:
    provider: str  # label of the provider that answered, e.g. 'Anthropic' or 'Offline coach'
    model: str
    offline: bool
    usage: Usage | None = None
    finish_reason: str | None = None
    cut_off: bool = False  # tokens were shown, then the provider failed: the text is partial
    note: str = ''  # a short sentence for the UI under the answer ('' when there is nothing to say)
    attempts: tuple[Attempt, ...] = ()
    passages: tuple[PassageLike, ...] = ()  # numbered [1], [2], ... in this order
    grounding: Grounding | None = None
    seconds: float = 0.0
    tool_calls: tuple[ToolCall, ...] = ()  # the tool calls behind the answer, in order (ToolCall.as_dict() for JSON)

    @property
    def fallbacks(self) -> tuple[Attempt, ...]:
        """The failed attempts, for a 'why not OpenAI?' line."""
        return tuple(a for a in self.attempts if not a.ok)


@dataclass(frozen=True, slots=True)
class Notice:
    """A status line while nothing is shown yet, e.g. 'OpenAI is busy; trying again in 2 s.'"""
    text: str


@dataclass(frozen=True)
class Done:
    """The last item of every answer stream."""
    meta: AnswerMeta
    text: str = field(default='', repr=False)  # the whole answer as streamed


Item = str | Notice | Done
