"""The coach's tools: typed functions over the shop's analytics and its live engine, each with a JSON schema.

    toolbox = Toolbox(TOOLS, Context(shop=engine, now=clock.now(), snapshot=snapshot, retrieve=search))
    call = await toolbox.call('figures', {'figures': ['revenue'], 'period': 'last_week'})
    call.ok, call.result, toolbox.calls          # never raises: a bad call is an error result the model can read

The tools: figures, compare, rank, explain_change (history: engine.analytics), floor_now, notifications (the live
snapshot), search_knowledge (the knowledge base), forecast (engine.forecast), what_if (engine.planner). To add one,
see registry.py.
"""
from . import analytics, forecast, knowledge, live, what_if  # noqa: F401  (they register their tools on TOOLS)
from .context import Context, Shop
from .periods import canonical, parse
from .registry import TOOLS, Registry, Tool, ToolSpec
from .summary import summary
from .toolbox import Toolbox, ToolCall

__all__ = ['TOOLS', 'Context', 'Registry', 'Shop', 'Tool', 'ToolCall', 'ToolSpec', 'Toolbox', 'canonical', 'parse',
           'summary']
