"""How the running system is doing, for the owner: open pages, the engine's tick, the knowledge index, providers."""
import time
from datetime import datetime

from nicegui import ui

from engine.loop import EngineLoop
from shops import Shops

REFRESH_SECONDS = 2.0  # one owner's settings page: a timer is fine here, unlike on the live pages
PAGES_LISTED = 30  # the longest-open first; a shop on a hundred screens gets a count for the rest


def create(shops: Shops, loop: EngineLoop, shop_ids: list[str]) -> None:
    """Only the owner's own shops are listed."""
    with ui.card().classes('w-full gap-2').mark('settings-system'):
        ui.label('System').classes('text-lg font-medium')
        engine_line = ui.label().mark('system-engine')
        knowledge_line = ui.label().mark('system-knowledge')
        ui.label('Providers of the coach').classes('text-sm text-grey-7 mt-2')
        providers = ui.column().classes('gap-0 text-sm').mark('system-providers')
        ui.label('Open pages').classes('text-sm text-grey-7 mt-2')
        pages = ui.column().classes('gap-0 text-sm').mark('system-pages')

    def refresh() -> None:
        lag = loop.seconds_since_tick()
        engine_line.set_text(f'Engine: {"running" if loop.running else "stopped"}, last tick {lag:.1f} s ago, '
                             f'taking {loop.tick_seconds * 1000:.0f} ms for {len(loop.engines)} shop(s); '
                             f'{len(loop.errors)} failing' if lag is not None else 'Engine: not started yet')
        knowledge = shops.knowledge
        knowledge_line.set_text(f'Knowledge index: {knowledge.status}'
                                + (f' ({knowledge.progress:.0%})' if knowledge.status == 'building' else '')
                                + (f': {knowledge.error}' if knowledge.error else ''))
        providers.clear()
        with providers:
            for state in shops.coach.providers_status() if shops.coach else []:
                ui.label(f'{state["label"]} ({state["model"]}): last answer {_when(state["last_success"])}, '
                         f'last failure {_when(state["last_failure"])}'
                         + (f' ({state["last_failure_reason"]})' if state['last_failure_reason'] else ''))
        pages.clear()
        with pages:
            mine = [page for page in shops.live.pages.values() if page.shop_id in shop_ids]
            for page in sorted(mine, key=lambda p: p.since)[:PAGES_LISTED]:
                shop = shops.engines[page.shop_id].profile.name if page.shop_id in shops.engines else page.shop_id
                ui.label(f'{page.who} on {page.page} of {shop}, open {_ago(page.since)}')
            if len(mine) > PAGES_LISTED:
                ui.label(f'and {len(mine) - PAGES_LISTED:,} more').classes('text-grey-7')
            if not mine:
                ui.label('None').classes('text-grey-7')

    refresh()
    ui.timer(REFRESH_SECONDS, refresh)


def _when(at: float | None) -> str:
    return 'never' if not at else f'{datetime.fromtimestamp(at):%H:%M:%S}'


def _ago(since: float) -> str:
    minutes = (time.time() - since) / 60
    return 'just now' if minutes < 1 else f'for {minutes:.0f} min'
