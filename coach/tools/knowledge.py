"""The knowledge-base tool: passages on running a barbershop that match a question, numbered for citing."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..relevance import relevant
from .context import Context
from .registry import TOOLS

PASSAGE_CHARS = 900


class SearchArgs(BaseModel):
    model_config = ConfigDict(extra='forbid')
    query: str = Field(min_length=3, max_length=300, description='What to look for, in plain words')
    k: int = Field(3, ge=1, le=6, description='How many passages at most')


@TOOLS.tool(needs='knowledge')
async def search_knowledge(ctx: Context, args: SearchArgs) -> dict:
    """Advice from the knowledge base (running a barbershop: pricing, retention, no-shows, staffing, marketing...).
    Only passages that match well are returned; cite one as [n] after the sentence that uses it."""
    found = relevant(await ctx.retrieve(args.query))  # type: ignore[misc]
    out = []
    for passage in found[:args.k]:
        known = next((n for n, p in enumerate(ctx.passages, 1) if p.id == passage.id), None)
        if known is None:
            ctx.passages.append(passage)
            known = len(ctx.passages)
        text = ' '.join(passage.text.split())
        out.append({'n': known, 'title': passage.title, 'heading': passage.heading, 'source': passage.source,
                    'text': text if len(text) <= PASSAGE_CHARS else text[:PASSAGE_CHARS].rsplit(' ', 1)[0] + ' ...'})
    return {'query': args.query, 'passages': out} | ({} if out else {'note': 'No passage matches this well enough.'})
