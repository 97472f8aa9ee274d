"""The offline analyst: reads an owner's question (the figure in their words, the period, the barber or service, the
shape of answer wanted, a follow-up from the conversation), calls the same tools a model calls, and answers with the
number first. When it does not understand, it says so and offers questions it can answer.

    understand.py   question -> Intent (words.py: figures and names, typos mended; when.py: periods)
    answers.py      Intent + Toolbox -> the answer: how much, compared, why (rankings.py: best, worst, breakdowns;
                    glance.py: how a period went, the floor now, notifications)
    advice.py       cited advice from knowledge passages, for questions that ask what to do
    ahead.py        what is ahead: a forecast's period, a what-if's changes; outlook.py answers them
"""
from __future__ import annotations

import time

from ..tools import TOOLS, Context, Toolbox
from ..types import Request
from . import answers, glance, outlook, rankings
from .advice import DISCLAIMER, compose
from .understand import Intent, read

__all__ = ['DISCLAIMER', 'Intent', 'answer', 'read']


async def answer(request: Request) -> str:
    box = request.toolbox or Toolbox(TOOLS, Context(snapshot=request.snapshot, passages=list(request.passages),
                                                    now=request.snapshot.at if request.snapshot else time.time()))
    context = box.context
    if context.shop is None and context.snapshot is None:
        intent = Intent('advice') if read(request.question, None, _today(context)).shape == 'advice' \
            else Intent('unknown')
    else:
        earlier = [turn.content for turn in request.history if turn.role == 'user']
        intent = read(request.question, context.profile, context.today, earlier)
    text = await _answer(intent, box, request)
    return f'{text}\n\n*{DISCLAIMER}*' if intent.shape != 'advice' else text


async def _answer(intent: Intent, box: Toolbox, request: Request) -> str:
    shape = intent.shape
    if shape == 'advice':
        return compose(request)
    if shape == 'unknown':
        return not_understood(box, request)
    if shape == 'floor' and box.has('floor_now'):
        return await glance.floor_answer(box)
    if shape == 'notifications' and box.has('notifications'):
        return await glance.notifications_answer(box)
    if shape == 'overview':
        return await glance.overview_answer(intent, box, request.question)
    if not box.has('figures'):
        return f"I can't look up {intent.phrase or 'that period'} here: the shop's history is not available, only " \
               "today's live figures. Ask how today is going, or who is in the chairs now."
    if shape == 'forecast':
        return await outlook.forecast_answer(intent, box)
    if shape == 'what_if':
        return await outlook.what_if_answer(intent, box)
    if shape == 'best':
        return await rankings.best_answer(intent, box)
    if shape == 'breakdown':
        return await rankings.breakdown_answer(intent, box)
    if shape == 'compare':
        return await answers.compare_answer(intent, box, request.question)
    if shape == 'why':
        return await answers.why_answer(intent, box, request.question)
    return await answers.value_answer(intent, box, request.question)


def not_understood(box: Toolbox, request: Request) -> str:
    """Said plainly, with questions it can answer (in the shop's own names), and what a provider had looked up
    before it failed."""
    profile = box.context.profile
    barber = profile.barbers[0] if profile and profile.barbers else 'your top barber'
    service = profile.services[0].name.lower() if profile and profile.services else 'haircut'
    lines = ["I didn't understand that question, so I won't guess. Here are questions I can answer:",
             '- How much did we make yesterday?', f"- What was {barber}'s average rating last month?",
             f'- How many {service}s did we do last week, and why was revenue down?']
    found = [call for step in request.rounds for call in step.calls if call.ok and call.name == 'figures']
    if found:
        lines.append('\nBefore the answer was cut short, these were looked up:')
        for call in found:
            covered = call.result.get('covered') or {}
            for figure in call.result.get('figures', {}).values():
                lines.append(f'- {figure["label"]}, {covered.get("dates", "")}: {figure["text"]}')
    return '\n'.join(lines)


def _today(context: Context):
    from datetime import date
    return date.fromtimestamp(context.now or time.time())
