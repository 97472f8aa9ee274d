"""The offline coach: a deterministic analyst over the shop's data (coach/analyst), not a language model.

It always answers, so it ends every provider chain; it calls the same tools a model calls.
"""
from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from ..analyst import answer
from ..analyst.advice import DISCLAIMER, compose, recommendations
from ..types import Finish, Request

__all__ = ['DISCLAIMER', 'OfflineProvider', 'compose', 'recommendations']


class OfflineProvider:
    name = 'offline'
    label = 'Offline coach'
    model = 'rules'
    key_env = ''
    offline = True

    async def stream(self, request: Request) -> AsyncIterator[str | Finish]:
        """Small chunks, like a model's deltas, so the chat panel needs no second code path."""
        for chunk in re.findall(r'\S+\s*|\s+', await answer(request)):
            yield chunk
            await asyncio.sleep(0)
        yield Finish('stop')

    async def aclose(self) -> None:
        pass
