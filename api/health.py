"""GET /api/health: whether the engine runs, the pages are live and the knowledge is ready, without login."""
from collections.abc import Callable

from nicegui import app

from engine.loop import EngineLoop


def create(loop: EngineLoop, details: Callable[[], dict]) -> None:
    """`details` adds what the composition root knows: sessions, the knowledge index, the store."""
    @app.get('/api/health')
    def health() -> dict:
        more = details()
        healthy = loop.running and not loop.errors and more.get('store') != 'failed'
        return {
            'status': 'ok' if healthy else 'degraded',
            'engine_running': loop.running,
            'seconds_since_tick': loop.seconds_since_tick(),
            'engine_errors': len(loop.errors),
            'shops_stopped': {shop_id: engine.failure for shop_id, engine in loop.engines.items() if engine.failure},
            'shops': len(loop.engines),
            **more,
        }
