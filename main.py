"""Chairside's composition root: settings -> store -> engines -> pages; then ui.run()."""
import asyncio
import logging
import time

from nicegui import app, background_tasks, run, ui

from api import health
from engine import SimClock
from engine.loop import EngineLoop
from knowledge import KnowledgeBase
from settings import Settings
from store.db import Database
from store.secret import load_or_create_storage_secret
from store.shops import all_shops
from store.supabase_auth import SupabaseAuth
from ui import theme
from ui.auth import AuthMiddleware
from ui.context import AppContext
from ui.live import LiveShops
from ui.pages import account, dashboard, kiosk, login, setup
from ui.pages import settings as settings_page

settings = Settings()
logging.basicConfig(level=settings.log_level.upper(), format='%(asctime)s %(levelname)s %(name)s: %(message)s')
log = logging.getLogger('chairside')

ctx = AppContext(settings, SimClock(start=settings.sim_start_timestamp, speed=settings.sim_speed), LiveShops(),
                 knowledge=KnowledgeBase(settings.knowledge_path))
loop = EngineLoop(ctx.engines, ctx.live.publish, ctx.live.report_failure)
app.state.ctx, app.state.loop = ctx, loop


@app.on_startup
async def start() -> None:
    started = time.perf_counter()
    try:
        ctx.db = await Database.open(settings.sqlalchemy_url)
        shops = await all_shops(ctx.db)
    except Exception as error:
        log.exception('the store could not be opened')
        ctx.startup_error = (f'Chairside could not open its database ({type(error).__name__}). Check '
                             'CHAIRSIDE_DATABASE_URL and that the database server is running, then restart.')
        ctx.started.set()
        return
    ctx.supabase = SupabaseAuth.from_settings(ctx.db, settings)
    for shop in shops:
        ctx.start_shop(shop)
    ctx.started.set()
    loop.tick()
    log.info('started %d shop(s) in %.2f s; store %s; sign-in %s; demo speed %gx', len(ctx.engines),
             time.perf_counter() - started, ctx.db.dialect, 'Supabase' if ctx.supabase else 'local accounts',
             settings.sim_speed)
    background_tasks.create(loop.run(), name='engine loop')
    ctx.knowledge_task = background_tasks.create(build_knowledge(), name='knowledge build')


async def build_knowledge() -> None:
    """Embedding takes seconds to minutes: in a thread, after the dashboard is already up."""
    try:
        await run.io_bound(ctx.knowledge.open)  # an index from an earlier run answers at once
        report = await run.io_bound(ctx.knowledge.build)
    except Exception:
        log.warning('knowledge build failed: %s', ctx.knowledge.error or 'the index could not be opened')
        return
    log.info('knowledge ready: %s', report)


@app.on_shutdown
async def stop() -> None:
    if ctx.knowledge_task is not None:  # its thread cannot be cancelled: let it finish before the loop closes
        await asyncio.wait([ctx.knowledge_task], timeout=60)
    if ctx.db is not None:
        await ctx.db.close()


theme.setup()
app.add_middleware(AuthMiddleware, ctx=ctx)
for page in (setup, login, account, dashboard, kiosk, settings_page):
    page.create(ctx)
health.create(loop, lambda: {
    'sessions': ctx.live.subscribers,
    'knowledge': ctx.knowledge.status,
    'knowledge_progress': round(ctx.knowledge.progress, 2),
    'store': 'failed' if ctx.startup_error else 'open' if ctx.db else 'opening',
})

ui.run(host=settings.host, port=settings.port, title='Chairside', favicon='✂️', show=False, reload=False,
       storage_secret=load_or_create_storage_secret(settings.data_dir, settings.storage_secret and
                                                    settings.storage_secret.get_secret_value()))
