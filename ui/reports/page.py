"""The Reports page of a shop, for its owner: pick a period, read it, look at it, sort it, take it away as CSV, print
it. A period that includes today follows the shop as events arrive, rebuilt at most every REFRESH_EVERY seconds."""
import time
from datetime import date

from nicegui import ui

from engine.analytics import Period, period_for
from shops import Shops

from . import picker, view
from .charts import Charts
from .headline import Headline
from .tables import Tables

REFRESH_EVERY = 5.0  # seconds between rebuilds while the period includes today (a rebuild is tens of ms)
PRINT_CSS = """
@media print {
  .q-header, .q-footer, .no-print, .q-btn { display: none !important; }
  .q-page-container { padding-top: 0 !important; }
  .break-inside-avoid { break-inside: avoid; }
  body { background: white !important; }
}
"""


class ReportsPage:
    def __init__(self, shops: Shops, shop_id: str) -> None:
        self.shops, self.shop_id = shops, shop_id
        self.period = period_for(picker.FIRST, self.today())  # type: ignore[arg-type]
        self.includes_today = True
        self.built_at = 0.0
        self.waiting: ui.timer | None = None
        ui.add_css(PRINT_CSS)
        with ui.column().classes('w-full max-w-screen-xl mx-auto p-2 sm:p-4 gap-3'):
            with ui.row().classes('w-full items-center justify-between gap-2'):
                ui.label('Reports').classes('text-xl font-bold')
                ui.button('Print', icon='print', on_click=lambda: ui.run_javascript('window.print()')) \
                    .props('flat no-caps').classes('no-print').mark('report-print')
            picker.create(self.today, self.pick)
            self.title = ui.label().classes('text-lg font-medium').props('data-testid=report-title') \
                .mark('report-title')
            self.compared = ui.label().classes('text-sm text-grey-7').mark('report-compared')
            self.headline = Headline()
            self.charts = Charts()
            self.tables = Tables()
        self.refresh()
        shops.live.subscribe(shop_id, self.receive)

    def today(self) -> date:
        engine = self.shops.engines[self.shop_id]
        return engine.profile.local(engine.clock.now()).date()

    def pick(self, period: Period) -> None:
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        self.waiting = None
        engine = self.shops.engines.get(self.shop_id)  # looked up each time: a restart replaces it
        if engine is None:
            return
        shown = view.build(engine.analytics, self.period, engine.clock.now())
        self.built_at = time.monotonic()
        self.includes_today = shown.includes_today
        self.title.set_text(shown.title)
        self.compared.set_text(shown.compared)
        self.headline.show(shown)
        self.charts.show(shown)
        self.tables.show(shown, f'report-{self.period.start}-{self.period.end}')

    def receive(self, _update: object) -> None:
        """The shop moved on: a period that includes today is rebuilt, at most once every REFRESH_EVERY seconds."""
        if not self.includes_today or self.waiting is not None:
            return
        wait = self.built_at + REFRESH_EVERY - time.monotonic()
        if wait <= 0:
            self.refresh()
        else:
            self.waiting = ui.timer(wait, self.refresh, once=True)
