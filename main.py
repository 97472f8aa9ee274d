"""Chairside's composition root: settings -> shops (store, engines, live fan-out, coach) -> API and pages; ui.run()."""
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
from api import report as report_api
from api.placement import ToTheShopsWorker
from coach import Coach
from engine import SimClock
from engine.loop import EngineLoop
from knowledge import KnowledgeBase
from runtime import allocator
from runtime.memory import MemoryKeeper
from settings import Settings
from shops import Shops
from store.files import private_folder
from store.secret import load_or_create_storage_secret
from ui import sign_in, theme, views
from ui.auth import AuthMiddleware
from ui.headers import SecurityHeaders
from ui.pages import account, coach, dashboard, kiosk, login, plan, reports, setup, to_worker
from ui.pages import settings as settings_page

STOP_WAIT = 3.0  # seconds a shutdown waits for open requests, and then for the knowledge build: it ends within 10 s

settings = Settings()
for folder in (settings.data_dir, settings.knowledge_path, app.storage.path):
    private_folder(folder)  # 0700: password hashes, sessions and the shops' figures are for this account alone
logging.basicConfig(level=settings.log_level.upper(), format='%(asctime)s %(levelname)s %(name)s: %(message)s')
log = logging.getLogger('chairside')

shops = Shops(settings, SimClock(start=settings.sim_start_timestamp, speed=settings.sim_speed),
              knowledge=KnowledgeBase(settings.knowledge_path))
shops.loop = loop = EngineLoop(shops.engines, shops.live.publish, shops.live.report_failure,
                               keep=lambda shop_id, raised: background_tasks.create(
                                   shops.keep_notifications(shop_id, raised)),
                               watched=shops.live.watched,  # a shop with no page open builds no snapshot
                               aside=shops.aside)  # a shop whose state is being saved waits for the next tick
shops.live.builders.update(views.builders(shops.engines))
app.state.shops, app.state.loop = shops, loop
if settings.cluster:  # several workers on one PostgreSQL: this one runs the shops it holds a lease on
    from cluster import browser_storage
    from cluster.worker import Worker
    cluster_worker: Worker | None = Worker(shops, settings.database_url, settings.worker_id)
    browser_storage.install(cluster_worker.browsers)  # who is signed in: in PostgreSQL, the same on every worker
else:
    cluster_worker = None
shutting_down = threading.Event()
memory = MemoryKeeper(lambda: len(shops.live.pages), lambda: shops.live.closed)
knowledge_build: asyncio.Task | None = None


async def retrieve(question: str) -> list:
    """The coach's own search, without a shop; the chat passes each shop's passages itself."""
    return await run.io_bound(shops.knowledge.search, question, k=4) if shops.knowledge else []

shops.coach = Coach(settings, retrieve)


@app.on_startup
async def start() -> None:
    global knowledge_build
    started = time.perf_counter()
    await shops.open()
    if exiting() or shops.startup_error:
        return
    log.info('listed %d shop(s) in %.2f s, starting them in the background; store %s; sign-in %s; demo speed %gx',
             len(shops.listed), time.perf_counter() - started, shops.store.dialect,
             'Supabase' if shops.supabase else 'local accounts', settings.sim_speed)
    if cluster_worker is not None:
        await cluster_worker.start()  # its share of the shops starts now; then every few seconds, what nobody runs
    loop.tick()
    background_tasks.create(loop.run(), name='engine loop')
    background_tasks.create(shops.catch_up(exiting), name='catch up')  # pages are served meanwhile
    if not helpers.is_user_simulation():  # a test process starts many apps: their objects must stay collectable,
        background_tasks.create(memory.run(), name='memory keeper')  # and its tests run the checks below themselves
        background_tasks.create(shops.token_watch.run(), name='revoked tokens')  # what changed behind the app's back
        background_tasks.create(shops.session_watch.run(), name='ended sessions')
        background_tasks.create(shops.states.run(), name='engine states')  # saved as each shop's day ends
    knowledge_build = background_tasks.create(build_knowledge(), name='knowledge build')


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
        await run.io_bound(shops.knowledge.open)  # an index from an earlier run answers at once
        report = await run.io_bound(shops.knowledge.build, stop_when_shutting_down)
    except Exception:
        log.warning('knowledge build stopped: %s', shops.knowledge.error or 'the index could not be opened')
        return
    log.info('knowledge ready: %s', report)


@app.on_shutdown
async def stop() -> None:
    shutting_down.set()
    await shops.plans.close()  # what-ifs running: their worker processes end with the app
    if shops.db is not None and not shops.startup_error and not helpers.is_user_simulation():
        await shops.states.close(STOP_WAIT / 2)  # the next start loads them; a shop not saved in time replays its day
    if cluster_worker is not None:
        await cluster_worker.stop()  # its shops given back at once: the other workers take them at their next round
    if knowledge_build is not None:  # its thread stops at the next batch: let it, before the loop closes
        await asyncio.wait([knowledge_build], timeout=STOP_WAIT)
    if shops.coach is not None:
        await shops.coach.aclose()
    if shops.db is not None:
        await shops.db.close()


theme.setup()
app.storage.max_tab_storage_age = 0  # NiceGUI keeps an (unused here) storage per tab for 30 days: pruned within 10 s
app.add_middleware(ToTheShopsWorker, shops=shops)  # in a cluster: reads of a shop's figures go to its worker
app.add_middleware(AuthMiddleware, shops=shops)
app.add_middleware(SecurityHeaders)  # added last, so it wraps the sign-in redirects above too
sign_in.create(shops)
for page in (setup, login, account, dashboard, kiosk, settings_page, coach, reports, plan):
    page.create(shops)
to_worker.create()  # in a cluster: the way to the worker that runs a shop
health.create(loop, lambda: {
    'sessions': len(shops.live.pages),  # open dashboards, coach pages and kiosks
    'subscribers': shops.live.subscribers,  # what the engines publish to: a dashboard subscribes 3 parts
    'pages_per_shop': shops.live.pages_per_shop(),
    'tick_seconds': round(loop.tick_seconds, 4),
    'shops_ready': len(shops.engines),  # started; `shops` counts those still catching up on their history too
    'shops': len(shops.engines) + len(shops.listed),
    'allocator': allocator.current(),
    'memory_sweeps': memory.sweeps,
    'last_sweep_seconds': round(memory.last_sweep_seconds, 3),
    'knowledge': shops.knowledge.status,
    'knowledge_progress': round(shops.knowledge.progress, 2),
    'store': 'failed' if shops.startup_error else 'open' if shops.db else 'opening',
    'coach_providers': shops.coach.providers_status(),
}, lambda: shops.store)
events_api.create(shops)
metrics_api.create(shops)
forecast_api.create(shops)
report_api.create(shops)
notifications_api.create(shops)

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
