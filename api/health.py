"""GET /api/health: whether the engine runs and the pages are live, without login."""
from nicegui import app

from engine.loop import EngineLoop


def create(loop: EngineLoop, sessions: callable) -> None:
    @app.get('/api/health')
    def health() -> dict:
        return {
            'status': 'ok' if loop.running and not loop.errors else 'degraded',
            'engine_running': loop.running,
            'seconds_since_tick': loop.seconds_since_tick(),
            'engine_errors': len(loop.errors),
            'shops': len(loop.engines),
            'sessions': sessions(),
        }
