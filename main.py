"""Chairside's composition root: settings -> store -> engines -> pages; then ui.run()."""
import runtime

runtime.install()  # first: it may restart the process, and the imports below take a second it would spend twice

import asyncio
import logging
import threading
import time

from nicegui import app, background_tasks, helpers, run, ui
from nicegui.server import Server

from api import events as events_api
from api import forecast as forecast_api
from api import health
from api import metrics as metrics_api
from api import notifications as notifications_api
from coach import Coach
from engine import SimClock
from engine.loop import EngineLoop
from knowledge import KnowledgeBase
from runtime import allocator
from runtime.memory import MemoryKeeper
from settings import Settings
from store.accounts import has_owner
from store.db import Database
from store.files import private_folder
from store.models import Shop
from store.secret import load_or_create_storage_secret
from store.shops import all_shops
from store.supabase_auth import SupabaseAuth
from ui import sign_in, theme
from ui.auth import AuthMiddleware
from ui.components import settings_alerts
from ui.context import AppContext
from ui.headers import SecurityHeaders
from ui.live import LiveShops
from ui.pages import account, coach, dashboard, kiosk, login, setup
from ui.pages import settings as settings_page

STOP_WAIT = 3.0  # seconds a shutdown waits for open requests, and then for the knowledge build: it ends within 10 s

settings = Settings()
for folder in (settings.data_dir, settings.knowledge_path, app.storage.path):
    private_folder(folder)  # 0700: password hashes, sessions and the shops' figures are for this account alone
logging.basicConfig(level=settings.log_level.upper(), format='%(asctime)s %(levelname)s %(name)s: %(message)s')
log = logging.getLogger('chairside')

ctx = AppContext(settings, SimClock(start=settings.sim_start_timestamp, speed=settings.sim_speed), LiveShops(),
                 knowledge=KnowledgeBase(settings.knowledge_path))
loop = EngineLoop(ctx.engines, ctx.live.publish, ctx.live.report_failure,
                  keep=lambda shop_id, raised: background_tasks.create(ctx.keep_notifications(shop_id, raised)))
app.state.ctx, app.state.loop = ctx, loop
ctx.loop = loop
shutting_down = threading.Event()
memory = MemoryKeeper(lambda: len(ctx.live.pages), lambda: ctx.live.closed)


async def retrieve(question: str) -> list:
    """The coach's own search, without a shop; the chat passes each shop's passages itself."""
    return await run.io_bound(ctx.knowledge.search, question, k=4) if ctx.knowledge else []

ctx.coach = Coach(settings, retrieve)


@app.on_startup
async def start() -> None:
    if ctx.opening:  # once per process, even where a test harness runs the app's lifespan twice
        return
    ctx.opening = True
    started = time.perf_counter()
    try:
        if not await open_store():
            return
        if not await has_owner(ctx.store):
            setup.announce_code(ctx)
        await start_shops(await all_shops(ctx.store))
    finally:
        ctx.started.set()  # whatever happened: requests wait for this, so it must never be left unset
    if exiting():
        return
    loop.tick()
    log.info('started %d shop(s) in %.2f s; store %s; sign-in %s; demo speed %gx', len(ctx.engines),
             time.perf_counter() - started, ctx.store.dialect, 'Supabase' if ctx.supabase else 'local accounts',
             settings.sim_speed)
    background_tasks.create(loop.run(), name='engine loop')
    if not helpers.is_user_simulation():  # a test process starts many apps: their objects must stay collectable,
        background_tasks.create(memory.run(), name='memory keeper')  # and its tests run the checks below themselves
        background_tasks.create(ctx.token_watch.run(), name='revoked tokens')  # what changed behind the app's back
        background_tasks.create(ctx.session_watch.run(), name='ended sessions')
    ctx.knowledge_task = background_tasks.create(build_knowledge(), name='knowledge build')


async def open_store() -> bool:
    try:
        ctx.db = await Database.open(settings.sqlalchemy_url)
    except Exception as error:
        log.exception('the store could not be opened')
        ctx.startup_error = (f'Chairside could not open its database ({type(error).__name__}). Check '
                             'CHAIRSIDE_DATABASE_URL and that the database server is running, then restart.')
        return False
    ctx.supabase = SupabaseAuth.from_settings(ctx.db, settings)
    return True


async def start_shops(shops: list[Shop]) -> None:
    """One shop that cannot start stops alone and says why; the others start. A shutdown ends the start early."""
    for shop in shops:
        if exiting():
            return
        try:
            ctx.alert_settings[shop.id] = await settings_alerts.load(ctx, shop.id)
            ctx.start_shop(shop)
            if shop.mode == 'live':
                await ctx.load_live_events(shop.id)  # before `started`: the API answers only once the events are in
        except Exception as error:
            log.exception('shop %s could not be started', shop.id)
            ctx.stop_shop(shop, f'Figures stopped: the shop could not be started ({type(error).__name__}); see the '
                                'server log')


def exiting() -> bool:
    """Asked to stop (SIGTERM, Ctrl+C), before our shutdown handler has even run."""
    server = getattr(Server, 'instance', None)
    return shutting_down.is_set() or bool(server is not None and server.should_exit)


async def build_knowledge() -> None:
    """Embedding takes seconds to minutes: in a thread, after the dashboard is already up."""
    def stop_when_shutting_down(progress: float) -> None:
        if shutting_down.is_set():
            raise InterruptedError('Chairside is shutting down; the next start finishes the knowledge build.')
    try:
        await run.io_bound(ctx.knowledge.open)  # an index from an earlier run answers at once
        report = await run.io_bound(ctx.knowledge.build, stop_when_shutting_down)
    except Exception:
        log.warning('knowledge build stopped: %s', ctx.knowledge.error or 'the index could not be opened')
        return
    log.info('knowledge ready: %s', report)


@app.on_shutdown
async def stop() -> None:
    shutting_down.set()
    if ctx.knowledge_task is not None:  # its thread stops at the next batch: let it, before the loop closes
        await asyncio.wait([ctx.knowledge_task], timeout=STOP_WAIT)
    if ctx.coach is not None:
        await ctx.coach.aclose()
    if ctx.db is not None:
        await ctx.db.close()


theme.setup()
app.storage.max_tab_storage_age = 0  # NiceGUI keeps an (unused here) storage per tab for 30 days: pruned within 10 s
app.add_middleware(AuthMiddleware, ctx=ctx)
app.add_middleware(SecurityHeaders)  # added last, so it wraps the sign-in redirects above too
sign_in.create(ctx)
for page in (setup, login, account, dashboard, kiosk, settings_page, coach):
    page.create(ctx)
health.create(loop, lambda: {
    'sessions': len(ctx.live.pages),  # open dashboards, coach pages and kiosks
    'subscribers': ctx.live.subscribers,  # what the engines publish to: a dashboard subscribes 3 parts
    'pages_per_shop': ctx.live.pages_per_shop(),
    'tick_seconds': round(loop.tick_seconds, 4),
    'allocator': allocator.current(),
    'memory_sweeps': memory.sweeps,
    'last_sweep_seconds': round(memory.last_sweep_seconds, 3),
    'knowledge': ctx.knowledge.status,
    'knowledge_progress': round(ctx.knowledge.progress, 2),
    'store': 'failed' if ctx.startup_error else 'open' if ctx.db else 'opening',
    'coach_providers': ctx.coach.providers_status(),
}, lambda: ctx.store)
events_api.create(ctx)
metrics_api.create(ctx)
forecast_api.create(ctx)
notifications_api.create(ctx)

ui.run(host=settings.host, port=settings.port, title='Chairside', favicon='✂️', show=False, reload=False,
       forwarded_allow_ips=settings.trusted_proxies,  # uvicorn then takes the client's address from X-Forwarded-For
       ws_per_message_deflate=False,  # updates are a few hundred bytes: zlib's 200+ KB per socket would cost more
       timeout_graceful_shutdown=STOP_WAIT,  # then uvicorn cancels what is still open: SIGTERM is never ignored
       fastapi_docs={'title': 'Chairside API', 'version': '0.1.0',
                     'description': "A shop's real events in, its live figures out. Authenticate with a shop's API "
                                    'token (Settings > Tokens) as `Authorization: Bearer <token>`.'},
       storage_secret=load_or_create_storage_secret(settings.data_dir, settings.storage_secret and
                                                    settings.storage_secret.get_secret_value()),
       session_middleware_kwargs={'https_only': settings.secure_cookies, 'same_site': 'lax'})
