"""The AI business coach: a grounded prompt from the live snapshot and knowledge passages, streamed through a chain
of providers (OpenAI or any compatible server, Anthropic, Gemini) that always ends with the offline coach.

No NiceGUI or ui/ import here; every SDK is used through its async client.
"""
from .coach import Coach
from .grounding import grounding
from .policy import Policy
from .prompt import build_request
from .rules import MAX_QUESTION_CHARS, RateLimited, RateLimiter, validate_question
from .types import AnswerMeta, Attempt, Done, Grounding, Item, Notice, PassageLike, Retrieve, Turn, Usage

__all__ = ['MAX_QUESTION_CHARS', 'AnswerMeta', 'Attempt', 'Coach', 'Done', 'Grounding', 'Item', 'Notice',
           'PassageLike', 'Policy', 'RateLimited', 'RateLimiter', 'Retrieve', 'Turn', 'Usage', 'build_request',
           'grounding', 'validate_question']
