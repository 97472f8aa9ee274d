"""Chairside's composition root: settings -> engines -> pages; then ui.run()."""
import logging
import time

from nicegui import app, background_tasks, ui

from api import health
from engine import ShopEngine, SimClock, demo_profile
from engine.loop import EngineLoop
from settings import Settings
from ui import theme
from ui.live import LiveShops
from ui.pages import dashboard

settings = Settings()
logging.basicConfig(level=settings.log_level.upper(), format='%(asctime)s %(levelname)s %(name)s: %(message)s')
log = logging.getLogger('chairside')

clock = SimClock(start=settings.sim_start_timestamp, speed=settings.sim_speed)
demo = demo_profile(settings.timezone)
engines = {demo.id: ShopEngine.simulated(demo, clock, settings.sim_seed, settings.sim_history_days)}
live = LiveShops()
loop = EngineLoop(engines, live.publish, live.report_failure)
app.state.clock, app.state.engines, app.state.loop, app.state.live = clock, engines, loop, live


@app.on_startup
def start_engines() -> None:
    started = time.perf_counter()
    loop.tick()  # the first tick replays the simulated history
    events = sum(engine.metrics.events_applied for engine in engines.values())
    log.info('warm-up: %d events in %.2f s; shop time zone %s, simulation speed %gx',
             events, time.perf_counter() - started, settings.timezone, settings.sim_speed)
    background_tasks.create(loop.run(), name='engine loop')


theme.setup()
dashboard.create(live, engines, demo.id)
health.create(loop, lambda: live.subscribers)

ui.run(host=settings.host, port=settings.port, title='Chairside', favicon='✂️', show=False, reload=False)
