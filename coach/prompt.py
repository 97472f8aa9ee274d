"""The grounded prompt: a coach's role, the live figures, numbered passages and a bounded conversation. Pure."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .figures import figures_text, numbers_in
from .tools.periods import WEEKDAYS
from .types import PassageLike, Request, Turn

if TYPE_CHECKING:
    from engine.snapshot import Snapshot

    from .tools import Toolbox

MAX_TURNS = 8  # earlier turns rarely matter to a shop question and cost tokens on every answer
MAX_HISTORY_CHARS = 6000
MAX_PASSAGE_CHARS = 1200

ROLE = """\
You are Chairside's business coach for the owner of a barbershop. You help with business analysis, \
customer service and retention, scheduling and chair capacity, financial planning, and marketing.
Answer from the shop's live figures and the numbered passages below. Quote figures exactly as given. \
Cite a passage as [n] right after the sentence that uses it. If the figures and passages do not answer \
the question, say so plainly and say which data would; never invent numbers.
Be brief: one or two sentences on what the figures show, then two to four concrete recommendations. \
Plain markdown, no tables."""
TOOLS = """## Tools
Look the shop's figures up with the tools before answering any question about them: figures (any period, a \
barber or service, or broken down), compare, rank, explain_change (for "why"), floor_now, notifications, \
search_knowledge (advice to cite), forecast (where today, the week or the month will land), what_if (a change tried \
on the shop's model: give the expected change with its range and the assumptions). Never estimate a figure a \
tool can give. Answer with the number first, in the first sentence, with the period it covers; then the \
comparison that gives it meaning; then advice only when it helps.
{shop}"""


def build_request(question: str, snapshot: Snapshot | None, passages: Sequence[PassageLike],
                  history: Sequence[Turn] = (), *, max_turns: int = MAX_TURNS,
                  max_history_chars: int = MAX_HISTORY_CHARS, toolbox: Toolbox | None = None) -> Request:
    """The same inputs give the same prompt, so it can be tested and benchmarked on its own. With a toolbox, the
    model is offered its tools and told the shop's date, team and menu, so that it can name them in its calls."""
    figures = figures_text(snapshot)
    tools = toolbox.specs() if toolbox is not None else ()
    system = f"{ROLE}\n\n## The shop's live figures\n{figures}\n\n## Passages from the knowledge base\n" \
             f'{passages_text(passages)}'
    if tools:
        system += '\n\n' + TOOLS.format(shop=_shop_text(toolbox))
    messages = (*bounded_history(history, max_turns, max_history_chars), Turn('user', question))
    return Request(system=system, messages=_merged(messages), question=question, snapshot=snapshot,
                   passages=tuple(passages), figure_numbers=numbers_in(figures, 1), tools=tools, toolbox=toolbox,
                   history=tuple(history))


def _shop_text(toolbox: Toolbox) -> str:
    context = toolbox.context
    today = context.today
    text = f"Today is {WEEKDAYS[today.weekday()]} {today.isoformat()} (the shop's local date)."
    if context.profile is not None:
        profile = context.profile
        text += f' Barbers: {", ".join(profile.barbers)}. Services: {", ".join(s.name for s in profile.services)}.'
    return text


def passages_text(passages: Sequence[PassageLike]) -> str:
    if not passages:
        return 'No passage matched this question.'
    blocks = []
    for n, p in enumerate(passages, 1):
        heading = f' — {p.heading}' if p.heading and p.heading != p.title else ''
        text = p.text if len(p.text) <= MAX_PASSAGE_CHARS else p.text[:MAX_PASSAGE_CHARS].rsplit(' ', 1)[0] + ' …'
        blocks.append(f'[{n}] {p.title}{heading} ({p.source})\n{text.strip()}')
    return '\n\n'.join(blocks)


def bounded_history(history: Sequence[Turn], max_turns: int, max_chars: int) -> list[Turn]:
    """The last turns that fit; the oldest kept turn is shortened from its start rather than dropped whole."""
    turns = [t for t in history if t.content.strip()][-max_turns:] if max_turns > 0 else []
    kept: list[Turn] = []
    room = max_chars
    for turn in reversed(turns):
        if room <= 0:
            break
        content = turn.content if len(turn.content) <= room else '…' + turn.content[-room + 1:]
        kept.append(Turn(turn.role, content))
        room -= len(content)
    kept.reverse()
    while kept and kept[0].role != 'user':  # some providers insist the conversation opens with the user
        kept.pop(0)
    return kept


def _merged(turns: Sequence[Turn]) -> tuple[Turn, ...]:
    """Providers want roles to alternate: an unanswered question is joined to the next one."""
    out: list[Turn] = []
    for turn in turns:
        if out and out[-1].role == turn.role:
            out[-1] = Turn(turn.role, f'{out[-1].content}\n\n{turn.content}')
        else:
            out.append(turn)
    return tuple(out)
